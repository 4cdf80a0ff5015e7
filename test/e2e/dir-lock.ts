/** A lock between processes (parallel test files): a directory, which only one mkdir can create. */
import { mkdirSync, rmSync, statSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for and takes the lock. Returns false, without it, as soon as `done()` says the work
 * is no longer needed (another process did it). A lock older than 5 minutes was left by a
 * killed run and is broken; after 10 minutes of waiting it gives up.
 */
export async function acquireDirLock(lock: string, done: () => boolean = () => false): Promise<boolean> {
  for (const start = Date.now(); ; ) {
    try {
      mkdirSync(lock);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (done()) return false;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - start > 10 * 60_000) throw new Error(`e2e: gave up waiting for the lock ${lock}`);
      await sleep(250);
    }
  }
}

export function releaseDirLock(lock: string): void {
  rmSync(lock, { recursive: true, force: true });
}
