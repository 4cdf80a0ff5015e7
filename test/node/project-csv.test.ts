/**
 * The one reader of project CSVs (src/node/project-csv.ts), used by the app's main process and
 * by the CLI: a project may only name a CSV inside its own folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readProjectCsv, resolveProjectCsvPath } from '../../src/node/project-csv';
import { FileAccessError, MAX_FILE_BYTES } from '../../src/node/read-file';

let dir: string;
let project: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bprop-project-csv-'));
  await mkdir(path.join(dir, 'proj', 'data'), { recursive: true });
  project = path.join(dir, 'proj', 'model.bprop');
  await writeFile(project, '{}');
  await writeFile(path.join(dir, 'proj', 'data', 'train.csv'), 'a,b\n1,2\n');
  await writeFile(path.join(dir, 'secret.csv'), 'password\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a project's CSV", () => {
  it('is read relative to the project file, with its sha256', async () => {
    const csv = await readProjectCsv(project, 'data/train.csv');
    expect(csv.text).toBe('a,b\n1,2\n');
    expect(csv.resolvedPath).toBe(path.join(dir, 'proj', 'data', 'train.csv'));
    expect(csv.sha256).toBe(createHash('sha256').update('a,b\n1,2\n').digest('hex'));
    expect((await readProjectCsv(project, 'data\\train.csv')).text).toBe('a,b\n1,2\n'); // saved on Windows
    expect((await readProjectCsv(project, './data/../data/train.csv')).text).toBe('a,b\n1,2\n');
  });

  it('refuses paths that leave the project folder', async () => {
    for (const rel of ['../secret.csv', 'data/../../secret.csv', '..\\secret.csv', '..']) {
      const error = await readProjectCsv(project, rel).catch((e: unknown) => e);
      expect(error, rel).toBeInstanceOf(FileAccessError);
      expect((error as Error).message, rel).toMatch(/leads outside the project's folder/);
    }
  });

  it('refuses absolute paths, even to a file inside the folder', async () => {
    for (const rel of [path.join(dir, 'secret.csv'), path.join(dir, 'proj', 'data', 'train.csv'), '/etc/passwd', 'C:\\Windows\\win.ini', 'C:secret.csv', '\\\\server\\share\\x.csv']) {
      expect(() => resolveProjectCsvPath(project, rel), rel).toThrow(/is absolute/);
      await expect(readProjectCsv(project, rel), rel).rejects.toThrow(FileAccessError);
    }
    await expect(readProjectCsv(project, '  ')).rejects.toThrow(/empty CSV path/);
  });

  it('refuses a link inside the folder that points outside it, and follows one that stays inside', async () => {
    await symlink(path.join(dir, 'secret.csv'), path.join(dir, 'proj', 'data', 'link.csv'));
    await expect(readProjectCsv(project, 'data/link.csv')).rejects.toThrow(/'data\/link.csv' is a link to a file outside the project's folder/);
    // A linked folder leading out is refused the same way.
    await symlink(dir, path.join(dir, 'proj', 'up'));
    await expect(readProjectCsv(project, 'up/secret.csv')).rejects.toThrow(/is a link to a file outside/);
    await symlink(path.join(dir, 'proj', 'data', 'train.csv'), path.join(dir, 'proj', 'inside.csv'));
    expect((await readProjectCsv(project, 'inside.csv')).text).toBe('a,b\n1,2\n');
  });

  it('says clearly when the CSV is missing, a folder, or too large', async () => {
    await expect(readProjectCsv(project, 'data/nope.csv')).rejects.toThrow(/nope\.csv' was not found/);
    await expect(readProjectCsv(project, 'data')).rejects.toThrow(/is a folder, not a file/);
    await expect(readProjectCsv(project, '.')).rejects.toThrow(/is a folder, not a file/);
    const big = path.join(dir, 'proj', 'big.csv');
    await writeFile(big, '');
    await truncate(big, MAX_FILE_BYTES + 1); // sparse: takes no disk space
    await expect(readProjectCsv(project, 'big.csv')).rejects.toThrow(/too large to open/);
  });
});
