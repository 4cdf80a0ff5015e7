import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FileAccessError,
  MAX_FILE_BYTES,
  readProjectCsvFile,
  readProjectText,
  resolveProjectCsvPath,
  saveTextFile,
} from '../../src/main/files';
import { tempDir } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

let dir: string;
beforeEach(async () => {
  dir = await tempDir('bprop-files-');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('atomic save', () => {
  it('writes a temporary file beside the target and renames it over; the target is never half-written', async () => {
    const target = path.join(dir, 'project.bprop');
    await writeFile(target, 'old contents');
    const realWriteFile = fsp.writeFile;
    const renameSpy = vi.spyOn(fsp, 'rename');
    const seen: string[] = [];
    let targetWhileWriting: string | null = null;
    vi.spyOn(fsp, 'writeFile').mockImplementation(async (file, data, options) => {
      seen.push(String(file));
      targetWhileWriting = await readFile(target, 'utf8');
      return realWriteFile(file, data, options);
    });

    await saveTextFile(target, 'new contents');

    expect(seen).toHaveLength(1);
    const tmp = seen[0]!;
    expect(path.dirname(tmp)).toBe(dir); // same folder: rename is atomic on the same file system
    expect(tmp).not.toBe(target);
    expect(targetWhileWriting).toBe('old contents');
    expect(renameSpy).toHaveBeenCalledWith(tmp, target);
    expect(await readFile(target, 'utf8')).toBe('new contents');
    expect(await readdir(dir)).toEqual(['project.bprop']);
  });

  it('a failing write leaves the old file intact and no temporary file behind', async () => {
    const target = path.join(dir, 'project.bprop');
    await writeFile(target, 'old contents');
    vi.spyOn(fsp, 'writeFile').mockRejectedValueOnce(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    await expect(saveTextFile(target, 'new contents')).rejects.toThrow(/could not be saved \(the disk is full\)/);
    expect(await readFile(target, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['project.bprop']);
  });

  it('a failing rename leaves the old file intact and removes the temporary file', async () => {
    const target = path.join(dir, 'project.bprop');
    await writeFile(target, 'old contents');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('denied'), { code: 'EPERM' }));
    await expect(saveTextFile(target, 'new contents')).rejects.toThrow(FileAccessError);
    expect(await readFile(target, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['project.bprop']);
  });

  it('creates a new file', async () => {
    const target = path.join(dir, 'new.bprop');
    await saveTextFile(target, 'hello');
    expect(await readFile(target, 'utf8')).toBe('hello');
  });
});

describe('reading projects', () => {
  it('reads .bprop and .json files as text', async () => {
    await writeFile(path.join(dir, 'a.bprop'), '{"x":1}');
    await writeFile(path.join(dir, 'b.JSON'), '[]');
    expect(await readProjectText(path.join(dir, 'a.bprop'))).toBe('{"x":1}');
    expect(await readProjectText(path.join(dir, 'b.JSON'))).toBe('[]');
  });

  it('gives clear errors for missing files, folders, other file types and files over 200 MB', async () => {
    await expect(readProjectText(path.join(dir, 'missing.bprop'))).rejects.toThrow(/missing\.bprop' was not found/);
    await mkdir(path.join(dir, 'folder.bprop'));
    await expect(readProjectText(path.join(dir, 'folder.bprop'))).rejects.toThrow(/is a folder, not a file/);
    await writeFile(path.join(dir, 'notes.txt'), 'hi');
    await expect(readProjectText(path.join(dir, 'notes.txt'))).rejects.toThrow(/not a Backprop Studio project/);
    const big = path.join(dir, 'big.bprop');
    await writeFile(big, '');
    await truncate(big, MAX_FILE_BYTES + 1); // sparse: takes no disk space
    await expect(readProjectText(big)).rejects.toThrow(/too large to open \(200 MB; the limit is 200 MB\)/);
  });
});

describe("a project's CSV", () => {
  let project: string;
  beforeEach(async () => {
    await mkdir(path.join(dir, 'proj', 'data'), { recursive: true });
    project = path.join(dir, 'proj', 'model.bprop');
    await writeFile(project, '{}');
    await writeFile(path.join(dir, 'proj', 'data', 'train.csv'), 'a,b\n1,2\n');
    await writeFile(path.join(dir, 'secret.csv'), 'password\n');
  });

  it('is read relative to the project file, with its sha256', async () => {
    const csv = await readProjectCsvFile(project, 'data/train.csv');
    expect(csv.text).toBe('a,b\n1,2\n');
    expect(csv.resolvedPath).toBe(path.join(dir, 'proj', 'data', 'train.csv'));
    expect(csv.sha256).toBe(createHash('sha256').update('a,b\n1,2\n').digest('hex'));
    expect((await readProjectCsvFile(project, 'data\\train.csv')).text).toBe('a,b\n1,2\n'); // saved on Windows
    expect((await readProjectCsvFile(project, './data/../data/train.csv')).text).toBe('a,b\n1,2\n');
  });

  it('refuses paths that leave the project folder', async () => {
    for (const rel of ['../secret.csv', 'data/../../secret.csv', '..\\secret.csv', '..']) {
      await expect(readProjectCsvFile(project, rel)).rejects.toThrow(/leads outside the project's folder/);
    }
  });

  it('refuses absolute paths', () => {
    for (const rel of [path.join(dir, 'secret.csv'), '/etc/passwd', 'C:\\Windows\\win.ini', 'C:secret.csv', '\\\\server\\share\\x.csv']) {
      expect(() => resolveProjectCsvPath(project, rel)).toThrow(/is absolute/);
    }
    expect(() => resolveProjectCsvPath(project, '  ')).toThrow(/empty CSV path/);
  });

  it('refuses a link inside the folder that points outside it', async () => {
    try {
      await symlink(path.join(dir, 'secret.csv'), path.join(dir, 'proj', 'data', 'link.csv'));
    } catch {
      return; // symlinks need privileges on some Windows set-ups
    }
    await expect(readProjectCsvFile(project, 'data/link.csv')).rejects.toThrow(/link to a file outside/);
  });

  it('reports a missing CSV clearly', async () => {
    await expect(readProjectCsvFile(project, 'data/nope.csv')).rejects.toThrow(/nope\.csv' was not found/);
  });
});
