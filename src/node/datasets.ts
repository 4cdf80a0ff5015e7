/**
 * The built-in datasets' files on disk: a DatasetIO over resources/datasets, found from this
 * module's own location, so it works from src/ under tsx and from a bundled out/ folder.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../shared/data/data-error';
import type { DatasetIO } from '../engine/data/types';

const DATASETS_SUBDIR = join('resources', 'datasets');

/** The resources/datasets folder: the first ancestor of this module that contains it. */
export function findDatasetsDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, DATASETS_SUBDIR);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`Cannot find ${DATASETS_SUBDIR} above ${start}`);
  }
}

/** A DatasetIO reading files from `root` (default: the repository's resources/datasets). */
export function createNodeDatasetIO(root: string = findDatasetsDir()): DatasetIO {
  const pathOf = (file: string): string => {
    const full = resolve(root, file);
    const rel = relative(resolve(root), full);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new DataError(`Dataset file '${file}' is outside the datasets folder`);
    return full;
  };
  const read = async (file: string): Promise<Buffer> => {
    try {
      return await readFile(pathOf(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DataError(`Dataset file '${file}' is missing from ${root}`);
      throw err;
    }
  };
  return {
    readText: async (file) => (await read(file)).toString('utf8'),
    readBytes: async (file) => new Uint8Array(await read(file)),
  };
}

/** The repository's datasets, located on first use. */
let defaultIO: DatasetIO | undefined;
export const nodeDatasetIO: DatasetIO = {
  readText: (file) => (defaultIO ??= createNodeDatasetIO()).readText(file),
  readBytes: (file) => (defaultIO ??= createNodeDatasetIO()).readBytes(file),
};
