/**
 * File access for windows: reading projects and CSVs with clear errors and a size limit,
 * keeping a project's CSV inside the project's folder, and atomic saves. Project files are
 * data: main only reads and writes text; the renderer parses and validates it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../cli/node-io';
import { writeFileAtomic } from '../cli/project-file';
import type { CsvFile } from '../shared/desktop-api';

export const MAX_FILE_BYTES = 200 * 1024 * 1024;
export const PROJECT_EXTENSIONS = ['.bprop', '.json'];

/** A problem the user can act on; its message is shown as is. */
export class FileAccessError extends Error {
  override name = 'FileAccessError';
}

export function isProjectFileName(file: string): boolean {
  return PROJECT_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/** An ONNX model, which File › Open imports as a new project. */
export function isOnnxFileName(file: string): boolean {
  return path.extname(file).toLowerCase() === '.onnx';
}

function describeError(file: string, error: unknown): FileAccessError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileAccessError(`'${file}' was not found.`);
  if (code === 'EACCES' || code === 'EPERM') return new FileAccessError(`'${file}' cannot be read (permission denied).`);
  if (code === 'EISDIR') return new FileAccessError(`'${file}' is a folder, not a file.`);
  return new FileAccessError(`'${file}' cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`);
}

/** Reads a whole file, refusing folders and anything over MAX_FILE_BYTES before reading it. */
export async function readFileChecked(file: string, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (stat.size > maxBytes) {
      const mb = (n: number) => Math.round(n / (1024 * 1024));
      throw new FileAccessError(`'${file}' is too large to open (${mb(stat.size)} MB; the limit is ${mb(maxBytes)} MB).`);
    }
    return await fs.readFile(file);
  } catch (error) {
    throw error instanceof FileAccessError ? error : describeError(file, error);
  }
}

export async function readProjectText(file: string): Promise<string> {
  if (!isProjectFileName(file)) throw new FileAccessError(`'${path.basename(file)}' is not a Backprop Studio project (.bprop or .json).`);
  return (await readFileChecked(file)).toString('utf8');
}

export async function readCsvFile(file: string): Promise<CsvFile> {
  const bytes = await readFileChecked(file);
  return { resolvedPath: file, text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
}

function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves a CSV path from a project against the project file's folder. Absolute paths and
 * paths that leave the folder (`..`) are refused: a project file must not be able to read
 * arbitrary files on the machine that opens it.
 */
export function resolveProjectCsvPath(projectPath: string, relativePath: string): string {
  const rel = relativePath.replace(/\\/g, '/'); // projects saved on Windows use either separator
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

/** Reads a project's CSV; symbolic links that point out of the project's folder are refused too. */
export async function readProjectCsvFile(projectPath: string, relativePath: string): Promise<CsvFile> {
  const full = resolveProjectCsvPath(projectPath, relativePath);
  let real: string;
  try {
    real = await fs.realpath(full);
  } catch (error) {
    throw describeError(full, error);
  }
  const realFolder = await fs.realpath(path.dirname(path.resolve(projectPath))).catch(() => path.dirname(path.resolve(projectPath)));
  if (!isInside(realFolder, real)) throw new FileAccessError(`The CSV '${relativePath}' is a link to a file outside the project's folder.`);
  const csv = await readCsvFile(full);
  return { ...csv, resolvedPath: full };
}

/** Atomic: a temporary file beside the target, renamed over it. A failed write leaves the old file as it was. */
export async function saveTextFile(file: string, text: string): Promise<void> {
  return saveFile(file, text);
}

/** saveTextFile for text or bytes (exports). */
export async function saveFile(file: string, contents: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, contents);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (code ?? String(error));
    throw new FileAccessError(`'${file}' could not be saved (${why}). The previous version, if any, is unchanged.`);
  }
}
