/**
 * Node's side of data access: the DatasetIO over resources/datasets (found from this module's
 * own location, so it works from src/cli under tsx and from a bundled out/ folder), and
 * reading a project's CSV together with its sha256.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, type DatasetIO } from '../engine/data/types';

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
    if (!full.startsWith(resolve(root))) throw new DataError(`Dataset file '${file}' is outside the datasets folder`);
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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a CSV referenced by a project (path relative to the project file) with its sha256. */
export async function readProjectCsv(projectPath: string, csvRelPath: string): Promise<{ text: string; sha256: string }> {
  const full = resolve(dirname(resolve(projectPath)), csvRelPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`CSV file '${csvRelPath}' not found (looked for ${full})`);
    if (code === 'EISDIR') throw new DataError(`CSV file '${csvRelPath}' is a folder, not a file (${full})`);
    throw new DataError(`CSV file '${csvRelPath}' cannot be read (${code ?? String(err)}; looked for ${full})`);
  }
  return { text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
}
