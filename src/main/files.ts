/**
 * File access for windows: which files are projects, reading them and chosen CSVs with clear
 * errors and a size limit, and atomic saves whose failures say what happened. Project files are
 * data: main only reads and writes text; the renderer parses and validates it. The reading,
 * the project-CSV rules and the atomic write itself live in src/node, shared with the CLI.
 */
import path from 'node:path';
import { writeFileAtomic } from '../node/atomic-write';
import { FileAccessError, readFileChecked, sha256Hex } from '../node/read-file';
import type { CsvFile } from '../shared/desktop-api';

export const PROJECT_EXTENSIONS = ['.bprop', '.json'];

export function isProjectFileName(file: string): boolean {
  return PROJECT_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/** An ONNX model, which File › Open imports as a new project. */
export function isOnnxFileName(file: string): boolean {
  return path.extname(file).toLowerCase() === '.onnx';
}

export async function readProjectText(file: string): Promise<string> {
  if (!isProjectFileName(file)) throw new FileAccessError(`'${path.basename(file)}' is not a Backprop Studio project (.bprop or .json).`);
  return (await readFileChecked(file)).toString('utf8');
}

/** A CSV the user chose in a dialog (any path: the user picked it, not a project file). */
export async function readCsvFile(file: string): Promise<CsvFile> {
  const bytes = await readFileChecked(file);
  return { resolvedPath: file, text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
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
