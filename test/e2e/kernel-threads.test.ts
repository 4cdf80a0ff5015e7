/**
 * The web build served cross-origin isolated (COOP + COEP, as `npm run web` does): the page has
 * SharedArrayBuffer, nothing the page loads is blocked by COEP, and the engine's worker starts
 * its kernel threads as nested Web Workers, every core but one (on a 2-core machine: none, the
 * kernels stay on the engine's thread), while a LeNet trains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appKernelThreads } from '../../src/engine/backend/threads/pool';
import { newFromTemplate, until } from './app-state';
import { openApp, type App } from './harness';

describe('kernel threads in the web build', () => {
  let app: App;
  const workers: string[] = [];

  beforeAll(async () => {
    app = await openApp({ beforeLoad: async (_context, page) => void page.on('worker', (w) => workers.push(w.url())) });
  }, 300_000);
  afterAll(() => app?.close());

  it('the page is cross-origin isolated and a CNN trains with the engine worker\'s kernel threads', async () => {
    expect(await app.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const cores = await app.page.evaluate(() => navigator.hardwareConcurrency);
    await newFromTemplate(app, 'lenet-mnist');
    await app.page.getByTestId('train').click();
    const trained = await until(app, '200 steps', (s) => (s.training?.globalStep ?? 0) >= 200, 180_000);
    expect(trained.lastError).toBeNull();
    await app.page.getByTestId('stop').click();
    console.log(`e2e kernel threads: ${cores} cores, workers ${JSON.stringify(workers)}`);
    expect(workers.filter((url) => /engine-worker/.test(url))).toHaveLength(1);
    expect(workers.filter((url) => /kernel-thread/.test(url))).toHaveLength(appKernelThreads(cores) - 1);
    await app.screenshot('kernel-threads-01-lenet-training');
    expect(app.consoleErrors).toEqual([]);
  });
});
