import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RECENT, RecentFiles } from '../../src/main/recent';
import { tempDir } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

let dir: string;
let store: string;
let clock: number;
const now = () => new Date(Date.UTC(2025, 0, 1) + clock++ * 1000);

beforeEach(async () => {
  dir = await tempDir('bprop-recent-');
  store = path.join(dir, 'userData', 'recent-files.json');
  clock = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function project(name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, '{}');
  return file;
}

describe('recent files', () => {
  it('are persisted as JSON and read back by the next start, newest first', async () => {
    const a = await project('a.bprop');
    const b = await project('b.bprop');
    const recent = new RecentFiles(store, undefined, now);
    await recent.add(a);
    await recent.add(b);
    const stored = JSON.parse(await readFile(store, 'utf8'));
    expect(stored).toEqual([
      { path: b, name: 'b.bprop', openedAt: '2025-01-01T00:00:01.000Z' },
      { path: a, name: 'a.bprop', openedAt: '2025-01-01T00:00:00.000Z' },
    ]);
    const nextStart = new RecentFiles(store);
    expect((await nextStart.list()).map((e) => e.name)).toEqual(['b.bprop', 'a.bprop']);
    expect(await nextStart.has(a)).toBe(true);
    expect(await nextStart.has(path.join(dir, 'other.bprop'))).toBe(false);
  });

  it('move a reopened file to the top without duplicating it', async () => {
    const a = await project('a.bprop');
    const b = await project('b.bprop');
    const recent = new RecentFiles(store, undefined, now);
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    expect((await recent.list()).map((e) => e.path)).toEqual([a, b]);
  });

  it(`keep at most ${MAX_RECENT}`, async () => {
    const recent = new RecentFiles(store, undefined, now);
    for (let i = 0; i < 14; i++) await recent.add(await project(`p${i}.bprop`));
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]!.name).toBe('p13.bprop');
    expect(list.at(-1)!.name).toBe('p4.bprop');
    expect(JSON.parse(await readFile(store, 'utf8'))).toHaveLength(MAX_RECENT);
  });

  it('drop files that no longer exist, on disk too', async () => {
    const a = await project('a.bprop');
    const b = await project('b.bprop');
    const recent = new RecentFiles(store, undefined, now);
    await recent.add(a);
    await recent.add(b);
    await rm(a);
    expect((await recent.list()).map((e) => e.path)).toEqual([b]);
    expect(JSON.parse(await readFile(store, 'utf8'))).toHaveLength(1);
    expect(await recent.has(a)).toBe(false);
  });

  it('can be cleared', async () => {
    const recent = new RecentFiles(store, undefined, now);
    await recent.add(await project('a.bprop'));
    await recent.clear();
    expect(await recent.list()).toEqual([]);
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual([]);
  });

  it('start empty when the stored list is damaged, and ignore malformed entries', async () => {
    await new RecentFiles(store).clear(); // creates the folder
    await writeFile(store, '{ not json');
    expect(await new RecentFiles(store).list()).toEqual([]);
    const a = await project('a.bprop');
    await writeFile(store, JSON.stringify([{ path: 5 }, 'x', { path: a, name: 'a.bprop', openedAt: 'then' }]));
    expect((await new RecentFiles(store).list()).map((e) => e.path)).toEqual([a]);
  });
});
