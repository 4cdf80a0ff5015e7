/**
 * The one way a CSV named by a project is read, by the app and by the CLI alike. A project file
 * is data from anywhere, so it may only name a CSV inside its own folder: absolute paths, paths
 * that leave the folder (`..`) and symbolic links that point out of it are refused. Otherwise
 * opening a project could read any file on the machine.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CsvFile } from '../shared/desktop-api';
import { FileAccessError, describeReadError, readFileChecked, sha256Hex } from './read-file';

function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves a CSV path from a project against the project file's folder, refusing absolute paths
 * and paths that leave the folder. Either separator is accepted (projects saved on Windows).
 */
export function resolveProjectCsvPath(projectPath: string, relativePath: string): string {
  const rel = relativePath.replace(/\\/g, '/');
  if (rel.trim() === '') throw new FileAccessError('The project names an empty CSV path.');
  if (path.posix.isAbsolute(rel) || path.win32.isAbsolute(relativePath) || /^[a-zA-Z]:/.test(rel)) {
    throw new FileAccessError(
      `The CSV path '${relativePath}' is absolute. A project may only name a CSV relative to the project file, inside its folder; move the CSV next to the project and import it again.`,
    );
  }
  const folder = path.dirname(path.resolve(projectPath));
  const full = path.resolve(folder, ...rel.split('/'));
  if (!isInside(folder, full)) {
    throw new FileAccessError(
      `The CSV path '${relativePath}' leads outside the project's folder (${folder}). Move the CSV into that folder and import it again.`,
    );
  }
  return full;
}

/** Reads a project's CSV with its sha256, under the rules above (links out of the folder included). */
export async function readProjectCsv(projectPath: string, relativePath: string): Promise<CsvFile> {
  const full = resolveProjectCsvPath(projectPath, relativePath);
  let real: string;
  try {
    real = await fs.realpath(full);
  } catch (error) {
    throw describeReadError(full, error);
  }
  const folder = path.dirname(path.resolve(projectPath));
  // The folder itself may sit behind a link (e.g. /tmp on macOS): compare real paths with real paths.
  const realFolder = await fs.realpath(folder).catch(() => folder);
  if (!isInside(realFolder, real)) throw new FileAccessError(`The CSV '${relativePath}' is a link to a file outside the project's folder.`);
  const bytes = await readFileChecked(real); // the file that was checked, even if the link changed since
  return { resolvedPath: full, text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
}
