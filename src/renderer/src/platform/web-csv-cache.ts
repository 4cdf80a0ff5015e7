/**
 * CSVs chosen in the browser, kept in IndexedDB by file name, so a project naming one opens with
 * its data after a reload or on a later visit (a browser gives no path to read the file again).
 * The caller still checks the sha256 the project records. It is a cache: when IndexedDB is
 * missing, blocked or full, the only cost is choosing the CSV again.
 */
import type { CsvFile } from './types';

export interface CsvCache {
  put(name: string, csv: CsvFile): Promise<void>;
  get(name: string): Promise<CsvFile | null>;
}

const DB_NAME = 'backprop-studio';
const STORE = 'csv-files';
/** Larger tables are not kept (IndexedDB quotas vary; such a file is better chosen again). */
export const MAX_CACHED_CSV_CHARS = 64 * 1024 * 1024;
/** How many different file names are kept; the least recently stored go first. */
export const MAX_CACHED_CSVS = 12;

interface StoredCsv extends CsvFile {
  name: string;
  storedAt: number;
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

function openDatabase(idb: IDBFactory): Promise<IDBDatabase> {
  const request = idb.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'name' }).createIndex('storedAt', 'storedAt');
  return settle(request);
}

/** Drops the oldest entries beyond MAX_CACHED_CSVS, walking keys only (the texts may be large). */
async function prune(store: IDBObjectStore): Promise<void> {
  let excess = (await settle(store.count())) - MAX_CACHED_CSVS;
  if (excess <= 0) return;
  const cursors = store.index('storedAt').openKeyCursor();
  await new Promise<void>((resolve, reject) => {
    cursors.onerror = () => reject(cursors.error ?? new Error('IndexedDB cursor failed'));
    cursors.onsuccess = () => {
      const cursor = cursors.result;
      if (!cursor || excess-- <= 0) return resolve();
      store.delete(cursor.primaryKey);
      cursor.continue();
    };
  });
}

export function indexedDbCsvCache(idb: IDBFactory | undefined, now: () => number = Date.now): CsvCache {
  let database: Promise<IDBDatabase> | null = null;
  const db = () => (database ??= openDatabase(idb!));
  return {
    async put(name, csv) {
      if (!idb || csv.text.length > MAX_CACHED_CSV_CHARS) return;
      try {
        const tx = (await db()).transaction(STORE, 'readwrite');
        const store = tx.objectStore(STORE);
        const entry: StoredCsv = { name, resolvedPath: csv.resolvedPath, text: csv.text, sha256: csv.sha256, storedAt: now() };
        store.put(entry);
        await prune(store);
        await finished(tx);
      } catch {
        // blocked or over quota: the CSV will have to be chosen again
      }
    },
    async get(name) {
      if (!idb) return null;
      try {
        const entry = (await settle((await db()).transaction(STORE).objectStore(STORE).get(name))) as StoredCsv | undefined;
        return entry ? { resolvedPath: entry.resolvedPath, text: entry.text, sha256: entry.sha256 } : null;
      } catch {
        return null;
      }
    },
  };
}
