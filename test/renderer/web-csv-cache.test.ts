/** The web build's CSV cache over IndexedDB (fake-indexeddb here; the e2e test uses Chromium's). */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { indexedDbCsvCache, MAX_CACHED_CSV_CHARS, MAX_CACHED_CSVS } from '../../src/renderer/src/platform/web-csv-cache';

const csv = (text: string) => ({ resolvedPath: 'x.csv', text, sha256: `sha-of-${text.length}` });

describe('the CSV cache of the web build', () => {
  it('gives back a stored CSV by name, from a new cache over the same database (a reload)', async () => {
    const idb = new IDBFactory();
    await indexedDbCsvCache(idb).put('fruit.csv', { resolvedPath: 'fruit.csv', text: 'a,b\n1,2\n', sha256: 'abc' });
    const later = indexedDbCsvCache(idb);
    expect(await later.get('fruit.csv')).toEqual({ resolvedPath: 'fruit.csv', text: 'a,b\n1,2\n', sha256: 'abc' });
    expect(await later.get('other.csv')).toBeNull();
  });

  it('replaces a file chosen again under the same name', async () => {
    const cache = indexedDbCsvCache(new IDBFactory());
    await cache.put('t.csv', csv('old'));
    await cache.put('t.csv', csv('newer'));
    expect((await cache.get('t.csv'))?.text).toBe('newer');
  });

  it(`keeps the ${MAX_CACHED_CSVS} most recently stored names`, async () => {
    let clock = 0;
    const cache = indexedDbCsvCache(new IDBFactory(), () => ++clock);
    for (let i = 0; i < MAX_CACHED_CSVS + 3; i++) await cache.put(`f${i}.csv`, csv(`file ${i}`));
    await cache.put('f0.csv', csv('file 0 again')); // stored again: now the newest
    const kept = [];
    for (let i = 0; i < MAX_CACHED_CSVS + 3; i++) if (await cache.get(`f${i}.csv`)) kept.push(i);
    // f0–f2 went when f12–f14 came; storing f0 again then pushed out f3, the oldest left.
    expect(kept).toEqual([0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(kept).toHaveLength(MAX_CACHED_CSVS);
  });

  it('does not keep a table too large for a cache', async () => {
    const cache = indexedDbCsvCache(new IDBFactory());
    await cache.put('huge.csv', csv('x'.repeat(MAX_CACHED_CSV_CHARS + 1)));
    expect(await cache.get('huge.csv')).toBeNull();
  });

  it('without IndexedDB (blocked storage) it keeps nothing and fails nothing', async () => {
    const cache = indexedDbCsvCache(undefined);
    await cache.put('a.csv', csv('a'));
    expect(await cache.get('a.csv')).toBeNull();
  });
});
