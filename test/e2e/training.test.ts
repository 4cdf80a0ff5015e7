/**
 * End to end, in Chromium against the web build: the training panel. The Circle template
 * trains to ≥ 95 % test accuracy with a live decision boundary and a falling loss chart;
 * pause / step / resume drive the engine; a learning rate of 100 ends in the divergence
 * message; Iris shows its confusion matrix; and the page stays responsive (long tasks, frame
 * rate) while the W2 benchmark network (784 → 128 ReLU → 10, batch 32, 10,000 random samples)
 * trains. Screenshots go to the harness's screenshot folder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appPerBlock, type App } from './harness';
import { discardIfAsked, newFromTemplate, snapshot, until, type BpWindow } from './app-state';
import { measureWithTrace, w2Csv, w2Project } from './training-fixtures';

async function openProjectFile(app: App, name: string, text: string): Promise<void> {
  await app.page.evaluate(([n, t]) => (globalThis as unknown as BpWindow).__bpTest!.queueOpenFile(n, t), [name, text]);
  await app.page.getByTestId('open-project').click();
  await discardIfAsked(app);
}

/** Drags the splitter up so the training panel gets most of the window. */
async function enlargePanel(app: App): Promise<void> {
  const sep = app.page.getByRole('separator', { name: 'Resize the training panel' });
  const box = (await sep.boundingBox())!;
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(box.x + box.width / 2, box.y - 400, { steps: 6 });
  await app.page.mouse.up();
}

/** A sample of the decision-boundary canvas: RGBA of a 16 × 16 lattice of pixels. */
const boundaryPixels = (app: App): Promise<number[]> =>
  app.page.getByTestId('decision-boundary').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let i = 0; i < 16; i++)
      for (let j = 0; j < 16; j++) {
        const p = (Math.floor(((i + 0.5) / 16) * c.height) * c.width + Math.floor(((j + 0.5) / 16) * c.width)) * 4;
        out.push(data[p], data[p + 1], data[p + 2], data[p + 3]);
      }
    return out;
  });

const distinctColours = (px: number[]) => new Set(Array.from({ length: px.length / 4 }, (_, i) => px.slice(i * 4, i * 4 + 3).join(','))).size;
const chartData = async (app: App, id: string) => {
  const el = app.page.getByTestId(id).first();
  return { points: Number(await el.getAttribute('data-points')), first: Number(await el.getAttribute('data-first-y')), last: Number(await el.getAttribute('data-last-y')) };
};
/** How many times each chart has redrawn so far (LineChart counts its draws). */
const chartDraws = (app: App) =>
  app.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.bp-chart'), (c) => Number(c.dataset.draws ?? 0)));

/**
 * Responsiveness by counting, not timing: over a window, no chart redrew more often than its
 * throttle allows (10 times/s, whatever the message rate), and a click during training is handled.
 * Wall-clock figures (long tasks, frame rate) depend on the machine's load; they are measured and
 * printed by the caller, not asserted.
 */
async function expectThrottledAndResponsive(app: App, measure: () => Promise<unknown>): Promise<void> {
  const before = await chartDraws(app);
  const t0 = Date.now();
  await measure();
  const after = await chartDraws(app);
  const seconds = (Date.now() - t0) / 1000;
  expect(before.length).toBeGreaterThan(0);
  const redraws = after.map((n, i) => n - (before[i] ?? 0));
  expect(Math.max(...redraws)).toBeGreaterThan(0); // the charts did follow the run
  for (const r of redraws) expect(r).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
  // The main thread still handles input: a tab switch during training shows its content.
  await app.page.getByTestId('training-tab-runs').click();
  await app.page.getByTestId('training-tab-charts').click();
  await app.page.getByTestId('step-loss-chart').first().waitFor({ timeout: 10_000 });
}

async function setLearningRate(app: App, value: string): Promise<void> {
  const field = app.page.getByTestId('learning-rate');
  await field.fill(value);
  await field.press('Enter');
}

describe('training panel (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } }, enlargePanel);

  it('trains the Circle template to ≥ 95 % test accuracy with a live decision boundary and a falling loss', async () => {
    await newFromTemplate(app, 'playground-circle');
    await app.page.getByTestId('step').click();
    await until(app, 'one step', (s) => s.training?.globalStep === 1);
    await app.page.waitForTimeout(300);
    const early = await boundaryPixels(app);
    expect(distinctColours(early)).toBeGreaterThan(3); // not blank: a map with points on it
    await app.page.getByTestId('train').click();
    const done = await until(app, 'the run to finish', (s) => s.training?.status === 'finished' && s.testMetrics !== null);
    expect(done.testMetrics!.accuracy).toBeGreaterThanOrEqual(0.95);
    await app.page.waitForTimeout(400);
    const late = await boundaryPixels(app);
    const changed = early.filter((v, i) => v !== late[i]).length;
    expect(changed).toBeGreaterThan(early.length / 10); // the boundary moved as the network learnt
    const loss = await chartData(app, 'loss-chart');
    expect(loss.points).toBe(60);
    expect(loss.last).toBeLessThan(loss.first / 2);
    expect(await app.page.getByTestId('accuracy-chart').count()).toBe(1);
    const lossChart = app.page.getByTestId('loss-chart');
    const [csv] = await Promise.all([app.page.waitForEvent('download'), lossChart.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('loss-per-epoch.csv');
    const rows = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('epoch,train loss,validation loss');
    expect(rows).toHaveLength(61);
    const [png] = await Promise.all([app.page.waitForEvent('download'), lossChart.getByRole('button', { name: 'PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('loss-per-epoch.png');
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    await app.page.getByTestId('network-view').waitFor();
    await app.screenshot('training-01-circle-live');
    for (const tab of ['charts', 'inside', 'evaluate', 'runs']) {
      await app.page.getByTestId(`training-tab-${tab}`).click();
      await app.page.waitForTimeout(700);
      await app.screenshot(`training-02-circle-${tab}`);
      if (tab === 'inside') {
        // The lecture's check that backprop is right: its gradient against finite differences.
        await app.page.getByTestId('inspect-node').selectOption('h2');
        await app.page.getByTestId('gradient-check-run').click();
        await expect.poll(() => app.page.getByTestId('gradient-check-table').locator('tbody tr').count()).toBe(8);
        expect(await app.page.getByTestId('gradient-check-verdict').textContent()).toMatch(/^Backprop and finite differences agree/);
        await app.page.getByTestId('gradient-check').scrollIntoViewIfNeeded();
        await app.screenshot('training-02-circle-gradient-check');
      }
    }
    await expectRunRecorded(app);
    await app.page.getByTestId('training-tab-live').click();
    expect(app.consoleErrors).toEqual([]);
  }, 120_000);

  it('keeps every run: two runs overlaid on the loss chart with the settings that differ', async () => {
    await app.page.getByTestId('reset').click();
    await until(app, 'reset', (s) => s.training?.status === 'idle' && s.training.globalStep === 0);
    await setLearningRate(app, '0.003');
    await until(app, 'the new rate', (s) => s.training?.learningRate === 0.003);
    await app.page.getByTestId('train').click();
    await until(app, 'the second run', (s) => s.training?.status === 'finished' && s.testMetrics !== null);
    await app.page.getByTestId('training-tab-runs').click();
    const runs = app.page.getByTestId('runs');
    await expect.poll(() => runs.locator('li').count()).toBe(2);
    for (const id of ['run-1', 'run-2']) await app.page.getByTestId(`run-${id}`).getByRole('checkbox').check();
    const diff = app.page.getByTestId('run-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/training\.optimizer\.learningRate\s*0\.03\s*0\.003/);
    expect(Number(await app.page.getByTestId('loss-chart').getAttribute('data-points'))).toBe(60);
    await app.screenshot('training-02-circle-runs-compared');
    await app.page.getByTestId('training-tab-live').click();
    expect(app.consoleErrors).toEqual([]);
  }, 60_000);

  it('pauses, steps one batch and one epoch, and resumes', async () => {
    await openProjectFile(app, 'circle-long.bprop', longCircle());
    await until(app, 'the long project', (s) => s.summary !== null && s.training?.globalStep === 0);
    await app.page.getByTestId('train').click();
    await until(app, 'training', (s) => s.training?.status === 'training' && s.training.globalStep > 50);
    await app.page.getByTestId('pause').click();
    const paused = await until(app, 'pause', (s) => s.training?.status === 'paused');
    await app.page.waitForTimeout(300);
    expect((await snapshot(app)).training!.globalStep).toBe(paused.training!.globalStep);
    await expect.poll(() => app.page.getByTestId('status').textContent()).toMatch(/^Paused · epoch/);
    await app.page.getByTestId('step').click();
    await until(app, 'one more step', (s) => s.training?.globalStep === paused.training!.globalStep + 1);
    await app.page.getByTestId('step-epoch').click();
    const epoch = await until(app, 'the end of the epoch', (s) => s.training?.stepInEpoch === 0 && s.training.epoch === paused.training!.epoch + 1);
    await app.page.getByTestId('resume').click();
    await until(app, 'training again', (s) => s.training?.status === 'training' && s.training.globalStep > epoch.training!.globalStep + 20);
    await app.page.getByTestId('stop').click();
    await until(app, 'stopped', (s) => s.training?.status === 'stopped');
    expect(app.consoleErrors).toEqual([]);
  }, 60_000);

  it('stays responsive while a tiny network takes many thousand steps (charts redraw ≤ 10 times/s)', async () => {
    await openProjectFile(app, 'circle-long.bprop', longCircle());
    await until(app, 'the long project', (s) => s.summary !== null && s.training?.globalStep === 0);
    await app.page.getByTestId('training-tab-charts').click();
    await app.page.getByTestId('train').click();
    await until(app, 'training', (s) => s.training?.status === 'training');
    let m: unknown;
    await expectThrottledAndResponsive(app, async () => {
      m = await measureWithTrace(app.browser, app.page, 10_000);
    });
    const s = await snapshot(app);
    await app.screenshot('training-07-circle-100k-charts');
    await app.page.getByTestId('stop').click();
    await until(app, 'stopped', (x) => x.training?.status === 'stopped');
    console.log(`Tiny network, Charts tab (measured, not asserted): ${JSON.stringify(m)}; ${s.training!.globalStep} steps in the run`);
    expect(s.training!.globalStep).toBeGreaterThan(2_000); // far more steps than chart redraws
    const step = await chartData(app, 'step-loss-chart');
    expect(step.points).toBeGreaterThan(200);
    expect(step.points).toBeLessThanOrEqual(4000); // capped: the chart never holds every step
    await app.page.getByTestId('training-tab-live').click();
    expect(app.consoleErrors).toEqual([]);
  }, 90_000);

  it('a learning rate of 100 ends in the divergence message naming the layer', async () => {
    await newFromTemplate(app, 'linear-regression');
    await setLearningRate(app, '100');
    await until(app, 'the new rate', (s) => s.training?.learningRate === 100);
    await app.page.getByTestId('train').click();
    const message = app.page.getByTestId('divergence');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.textContent()).toMatch(/Training diverged in Dense 'line'.*lower learning rate than 100/s);
    await expect.poll(() => app.page.getByTestId('status').textContent()).toMatch(/^Diverged/); // text updates ≤ 5 times/s
    await app.screenshot('training-03-diverged');
    expect(app.consoleErrors).toEqual([]);
  }, 60_000);

  it('shows the confusion matrix for Iris', async () => {
    await newFromTemplate(app, 'iris');
    await app.page.getByTestId('train').click();
    const s = await until(app, 'Iris to finish', (x) => ['finished', 'stoppedEarly'].includes(x.training?.status ?? '') && x.testMetrics !== null);
    await app.page.getByTestId('training-tab-evaluate').click();
    const matrix = app.page.getByTestId('confusion-matrix');
    await matrix.waitFor();
    expect(Number(await matrix.getAttribute('data-total'))).toBe(s.summary!.test);
    expect(await matrix.locator('tbody tr').count()).toBe(4); // 3 classes + precision
    await app.screenshot('training-04-iris-confusion');
    await app.page.getByTestId('training-tab-live').click();
    expect(app.consoleErrors).toEqual([]);
  }, 90_000);

  it('stays responsive while the W2 network trains (charts throttled, input handled; long tasks printed)', async () => {
    // The CSV must be chosen once in the session (the web build keeps it by name), then the project opens with it.
    const csv = w2Csv();
    await app.page.evaluate(([n, t]) => (globalThis as unknown as BpWindow).__bpTest!.queueOpenFile(n, t), ['w2.csv', csv.text]);
    await app.page.getByTestId('choose-csv').click({ timeout: 120_000 }); // parses a 10,000 × 784 CSV in the page: slow on a loaded machine
    await openProjectFile(app, 'w2.bprop', w2Project(csv.sha256));
    await until(app, 'W2 to load', (s) => s.summary?.layers.some((l) => l.id === 'h') === true && s.training?.globalStep === 0, 120_000);
    await app.page.getByTestId('train').click();
    await until(app, 'W2 training', (s) => s.training?.status === 'training' && s.training.globalStep > 100);
    const live = await measureWithTrace(app.browser, app.page, 10_000);
    await app.screenshot('training-05-w2-live');
    await app.page.getByTestId('training-tab-charts').click(); // builds four charts: a user action, outside the window
    await app.page.waitForTimeout(1500);
    let charts: unknown;
    await expectThrottledAndResponsive(app, async () => {
      charts = await measureWithTrace(app.browser, app.page, 10_000);
    });
    await app.screenshot('training-06-w2-charts');
    const s = await snapshot(app);
    const heapMb = await app.page.evaluate(() => Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20));
    // The engine got fast enough that W2 can finish its epochs within the two windows; stop only a running run.
    if (s.training!.status === 'training') await app.page.getByTestId('stop').click();
    // Long tasks and frame rate are machine- and load-dependent: printed for the record, not asserted.
    console.log(`W2 responsiveness (measured, not asserted) — Live tab: ${JSON.stringify(live)}; Charts tab: ${JSON.stringify(charts)}; ${s.training!.globalStep} steps trained; page JS heap ${heapMb} MB`);
    expect(s.training!.globalStep).toBeGreaterThan(100);
    expect(app.consoleErrors).toEqual([]);
  }, 300_000);
});

async function expectRunRecorded(app: App): Promise<void> {
  const runs = app.page.getByTestId('runs');
  await app.page.getByTestId('training-tab-runs').click();
  await runs.waitFor();
  expect(await runs.locator('li').count()).toBeGreaterThanOrEqual(1);
}

function longCircle(): string {
  return JSON.stringify({
    format: 'backprop-studio',
    version: 1,
    name: 'Circle, long',
    graph: {
      nodes: [
        { id: 'x', type: 'input', position: { x: 0, y: 0 }, params: {} },
        { id: 'h1', type: 'dense', position: { x: 200, y: 0 }, params: { units: 8 } },
        { id: 'a1', type: 'tanh', position: { x: 400, y: 0 }, params: {} },
        { id: 'logit', type: 'dense', position: { x: 600, y: 0 }, params: { units: 1 } },
        { id: 'p', type: 'sigmoid', position: { x: 800, y: 0 }, params: {} },
        { id: 'loss', type: 'binaryCrossEntropy', position: { x: 1000, y: 0 }, params: {} },
      ],
      edges: ['x>h1', 'h1>a1', 'a1>logit', 'logit>p', 'p>loss'].map((e, i) => {
        const [source, target] = e.split('>');
        return { id: `e${i}`, source, sourceHandle: 'out', target, targetHandle: 'in' };
      }),
    },
    data: { dataset: 'circle', options: { n: 500, noise: 0 }, split: { validation: 0.2, test: 0.2 } },
    training: { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 10, epochs: 100000, seed: 1 },
  });
}
