/** Writing a file so that a crash or a failed write never leaves half of it. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes to a temporary file beside the target (same folder, so the rename stays on one file
 * system and is atomic), then renames it over the target. If anything fails, the temporary
 * file is removed and the target keeps its old contents.
 */
export async function writeFileAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, contents, typeof contents === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
