/** writeFileAtomic (src/node/atomic-write.ts): the app's saves and the CLI's outputs never leave half a file. */
import { promises as fsp } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/node/atomic-write';

let dir: string;
let target: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bprop-atomic-'));
  target = path.join(dir, 'model.onnx');
  await writeFile(target, 'old contents');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file with the new text or bytes and leaves nothing else behind', async () => {
    await writeFileAtomic(target, 'new text');
    expect(await readFile(target, 'utf8')).toBe('new text');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['model.onnx']);
  });

  it('a write that fails half way leaves the old file intact and removes the partial temporary file', async () => {
    const realWriteFile = fsp.writeFile;
    let partial: string | null = null;
    vi.spyOn(fsp, 'writeFile').mockImplementationOnce(async (file, data) => {
      partial = String(file);
      await realWriteFile(partial, String(data).slice(0, 3)); // some bytes reached the disk…
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }); // …then it filled up
    });
    await expect(writeFileAtomic(target, 'new contents')).rejects.toThrow('no space left on device');
    expect(partial).not.toBeNull();
    expect(path.dirname(partial!)).toBe(dir);
    expect(await readFile(target, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['model.onnx']);
  });

  it('a failing rename leaves the old file intact and removes the temporary file', async () => {
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('denied'), { code: 'EPERM' }));
    await expect(writeFileAtomic(target, new Uint8Array([9, 9]))).rejects.toThrow('denied');
    expect(await readFile(target, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['model.onnx']);
  });

  it('a missing folder is an error, not a file somewhere else', async () => {
    await expect(writeFileAtomic(path.join(dir, 'no-such-folder', 'x.bprop'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual(['model.onnx']);
  });
});
