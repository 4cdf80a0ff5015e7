/**
 * End to end, in Chromium against the web build: the app loads cleanly, an example project
 * opens, training runs and reports progress, and a malformed file is refused with a message
 * while the open project stays.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPerBlock, repoRoot, type App } from './harness';

const iris = readFileSync(path.join(repoRoot, 'examples', 'iris.bprop'), 'utf8');
/** Iris with a long run (no early stopping), so progress can be watched while it trains. */
const irisLong = (() => {
  const p = JSON.parse(iris);
  p.training = { ...p.training, epochs: 100_000 };
  delete p.training.earlyStopping;
  return JSON.stringify(p, null, 2);
})();

interface TrainingSnapshot {
  connection: string;
  summary: { totalParams: number } | null;
  training: { status: string; epoch: number; totalEpochs: number; globalStep: number } | null;
  epochCount: number;
  lastError: string | null;
}

/** The page's window.__bpTest (see src/renderer/src/platform/test-hook.ts); used inside page functions. */
type BpWindow = { __bpTest?: { queueOpenFile(name: string, text: string): void; training?: () => TrainingSnapshot } };

/** The training store's state, read in the page (functions and typed arrays dropped). */
const training = (app: App): Promise<TrainingSnapshot> =>
  app.page.evaluate(() => {
    const s = (globalThis as unknown as BpWindow).__bpTest!.training!();
    return JSON.parse(JSON.stringify(s, (_k, v) => (typeof v === 'function' || ArrayBuffer.isView(v) ? undefined : v))) as TrainingSnapshot;
  });

/** Waits until the training store has a model loaded (a real page function: the page's CSP forbids eval). */
const summaryLoaded = (app: App) => app.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest?.training?.().summary != null);
const epochAbove = (app: App, epoch: number) =>
  app.page.waitForFunction((e) => ((globalThis as unknown as BpWindow).__bpTest?.training?.().training?.epoch ?? 0) > e, epoch);

async function openFile(app: App, name: string, text: string): Promise<void> {
  await app.page.evaluate(([n, t]) => (globalThis as unknown as BpWindow).__bpTest!.queueOpenFile(n, t), [name, text]);
  await app.page.getByTestId('open-project').click();
}

describe('the web app', () => {
  const app = appPerBlock();

  it('loads without console errors', async () => {
    await app.page.locator('#root > *').first().waitFor();
    // The engine's worker started and answered.
    await app.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest?.training?.().connection === 'connected');
    expect(await app.page.title()).toContain('Backprop Studio');
    await app.screenshot('01-loaded');
    expect(app.consoleErrors).toEqual([]);
  });

  it('opens an example project', async () => {
    await openFile(app, 'iris.bprop', iris);
    await app.page.getByTestId('node-hidden').waitFor();
    await summaryLoaded(app);
    const s = await training(app);
    expect(s.summary!.totalParams).toBe(131);
    expect(s.training!.status).toBe('idle');
    // No shape label shows as a fragment under a node: each one is hidden or clear of every node.
    const overlaps = await app.page.evaluate(() => {
      const nodes = [...document.querySelectorAll('.net-node')].map((n) => n.getBoundingClientRect());
      const labels = [...document.querySelectorAll<HTMLElement>('.shape-edge__label')];
      const visible = labels.filter((l) => getComputedStyle(l).visibility !== 'hidden');
      const hits = visible.filter((l) => {
        const r = l.getBoundingClientRect();
        return nodes.some((n) => r.left < n.right && r.right > n.left && r.top < n.bottom && r.bottom > n.top);
      });
      return { labels: labels.length, visible: visible.length, hits: hits.map((l) => l.textContent) };
    });
    expect(overlaps.labels).toBe(5);
    expect(overlaps.hits).toEqual([]);
    await app.screenshot('02-iris-opened');
    expect(app.consoleErrors).toEqual([]);
  });

  it('trains and shows progress', async () => {
    await openFile(app, 'iris-long.bprop', irisLong);
    await app.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest?.training?.().training?.totalEpochs === 100_000);
    await app.page.getByTestId('train').click();
    await epochAbove(app, 2);
    const first = await training(app);
    const statusBefore = await app.page.getByTestId('status').textContent();
    await epochAbove(app, first.training!.epoch + 2);
    const later = await training(app);
    expect(later.training!.status).toBe('training');
    expect(later.epochCount).toBeGreaterThan(first.epochCount);
    await expect.poll(() => app.page.getByTestId('status').textContent()).not.toBe(statusBefore);
    await app.screenshot('03-training');
    await app.page.getByTestId('stop').click();
    await app.page.waitForFunction(() => (globalThis as unknown as BpWindow).__bpTest?.training?.().training?.status === 'stopped');
    expect(app.consoleErrors).toEqual([]);
  });

  it('refuses a malformed file with a message and keeps the current project', async () => {
    const titleBefore = await app.page.title();
    await openFile(app, 'broken.bprop', '{ "format": "backprop-studio", "version": 1, "name": ');
    const banner = app.page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/broken\.bprop/);
    await app.page.getByTestId('node-hidden').waitFor(); // the iris project is still on the canvas
    expect(await app.page.title()).toBe(titleBefore);
    expect((await training(app)).summary!.totalParams).toBe(131);
    await app.screenshot('04-malformed-refused');
    expect(app.consoleErrors).toEqual([]);
  });

  it('opens a .bprop file dropped on the window', async () => {
    const xor = readFileSync(path.join(repoRoot, 'examples', 'xor-mlp.bprop'), 'utf8');
    await app.page.evaluate(([name, text]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      const target = document.querySelector('.canvas') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, ['xor-mlp.bprop', xor]);
    // The trained Iris project has unsaved changes (its recorded run): confirm discarding them.
    await app.page.getByTestId('confirm-ok').click();
    await app.page.getByTestId('node-logit').waitFor();
    await expect.poll(() => app.page.title()).toContain('xor-mlp.bprop');
    expect(app.consoleErrors).toEqual([]);
  });
});
