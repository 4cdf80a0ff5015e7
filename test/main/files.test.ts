import { promises as fsp } from 'node:fs';
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readProjectText, saveTextFile } from '../../src/main/files';
import { FileAccessError, MAX_FILE_BYTES } from '../../src/node/read-file';
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
