/** Reading whole files with errors a person can act on, a size limit, and the bytes' sha256. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** A problem the user can act on; its message is shown as is (the app's dialogs, the CLI's stderr). */
export class FileAccessError extends Error {
  override name = 'FileAccessError';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The error of a failed read or stat of `file`, in words. */
export function describeReadError(file: string, error: unknown): FileAccessError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileAccessError(`'${file}' was not found.`);
  if (code === 'EACCES' || code === 'EPERM') return new FileAccessError(`'${file}' cannot be read (permission denied).`);
  if (code === 'EISDIR') return new FileAccessError(`'${file}' is a folder, not a file.`);
  return new FileAccessError(`'${file}' cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`);
}

/** Reads a whole file, refusing folders and anything over `maxBytes` before reading it. */
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
    throw error instanceof FileAccessError ? error : describeReadError(file, error);
  }
}
