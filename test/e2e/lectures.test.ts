/**
 * End to end, in Chromium against the web build: the Lectures group of New ▾, the turn
 * detector opening with its explanation and the slide's numbers beside the app's (the erratum
 * shown), the perceptron table filled one step at a time, and paced training at 5 steps/s
 * redrawing the decision boundary between steps. Screenshots go to the harness's folder.
 */
import { describe, expect, it } from 'vitest';
import { appPerBlock, type App } from './harness';
import { newFromTemplate, snapshot, until } from './app-state';

/** A hash of the decision-boundary canvas's pixels. */
const boundaryHash = (app: App): Promise<string> =>
  app.page.getByTestId('decision-boundary').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < data.length; i += 7) h = (h * 31 + data[i]!) | 0;
    return String(h);
  });

const appValue = (app: App, i: number) => app.page.getByTestId(`lecture-app-${i}`).textContent();
const checkState = (app: App, i: number) => app.page.getByTestId(`lecture-check-${i}`).getAttribute('data-state');

describe('lectures (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } });

  it('lists the lectures in New ▾ and opens the turn detector with the slide numbers beside the app\'s', async () => {
    await app.page.getByTestId('new-project').click();
    await app.page.getByTestId('new-menu-lectures').scrollIntoViewIfNeeded();
    for (const id of ['l000-turn-detector', 'l000-conv-layer-4x4', 'l003-xor-relu-network', 'l004-perceptron-threshold-rule', 'l002-minibatch-convergence-5-2-3'])
      expect(await app.page.getByTestId(`template-${id}`).count()).toBe(1);
    await app.screenshot('lectures-00-new-menu');
    await app.page.keyboard.press('Escape');

    await newFromTemplate(app, 'l000-turn-detector');
    await app.page.getByTestId('lecture-panel').waitFor();
    await expect.poll(() => Promise.all([0, 1, 2, 3, 4].map((i) => appValue(app, i)))).toEqual(['3', '2', '1', '1', '2']);
    for (const i of [0, 1, 2, 3, 4]) expect(await checkState(app, i)).toBe('ok');
    const erratum = app.page.getByTestId('lecture-check-3');
    expect(await erratum.textContent()).toContain('2 (erratum)');
    await app.screenshot('lectures-01-turn-detector');
  });

  it('fills the perceptron table one step at a time and reaches the AND numbers', async () => {
    await newFromTemplate(app, 'l004-perceptron-threshold-rule');
    await app.page.getByTestId('train-speed').selectOption('step');
    for (let k = 1; k <= 5; k++) {
      await app.page.getByTestId('train').click();
      await until(app, `step ${k}`, (s) => s.training?.globalStep === k && s.training.status === 'paused');
      await app.page.getByTestId(`perceptron-row-${k}`).waitFor();
    }
    // Step 4 presents (1, 1), y = 1, while the perceptron still says 0 (w·x − T = −1 < 0 after
    // three updates of T): Δw = (1, 1), ΔT = −1, leaving w = (1, 1), T = 0 — the worked example's trace.
    expect(await app.page.getByTestId('perceptron-row-4').textContent()).toMatch(/^4\(1, 1\)10\(1, 1\)-1\(1, 1\)0$/);
    await app.screenshot('lectures-02-perceptron-table');
    await app.page.getByTestId('train-speed').selectOption('max');
    await app.page.getByTestId('train').click();
    await until(app, 'the run to end', (s) => s.training?.status === 'finished');
    await expect.poll(() => Promise.all([0, 1, 2, 3, 4].map((i) => appValue(app, i)))).toEqual(['1', '2', '3', '11', '6']);
    await app.screenshot('lectures-03-perceptron-done');
  });

  it('draws the loss surface of the linear regression with the three paths side by side', async () => {
    await newFromTemplate(app, 'l002-minibatch-convergence-5-2-3');
    const surface = app.page.getByTestId('loss-surface');
    await surface.scrollIntoViewIfNeeded();
    await app.page.getByTestId('loss-surface-draw').click();
    await app.page.getByTestId('loss-surface-path-3').waitFor();
    expect(await surface.locator('[data-testid^="loss-surface-path-"]').allTextContents()).toEqual([
      expect.stringMatching(/^ full batch \(M = 4, η = 0\.1\): 40 steps, ends at/),
      expect.stringMatching(/^ mini-batch \(M = 2, η = 0\.5\): 40 steps, ends at/),
      expect.stringMatching(/^ stochastic \(M = 1, η = 0\.1\): 40 steps, ends at/),
      expect.stringMatching(/^ full batch with momentum 0\.9 \(η = 0\.1\): 40 steps, ends at/),
    ]);
    // The live run draws its own path (its weights read back up to 10 times a second).
    await app.page.getByTestId('train-speed').selectOption('20');
    await app.page.getByTestId('train').click();
    await until(app, '12 steps', (s) => (s.training?.globalStep ?? 0) >= 12);
    await app.page.getByTestId('pause').click();
    await expect.poll(() => app.page.getByTestId('loss-surface-live').textContent()).toMatch(/this run: \d+ steps read back/);
    await surface.locator('canvas').scrollIntoViewIfNeeded();
    await app.screenshot('lectures-05-loss-surface');
  });

  it('at 5 steps/s the decision boundary changes between frames, one step at a time', async () => {
    await newFromTemplate(app, 'playground-circle');
    await app.page.getByTestId('training-tab-live').click();
    await app.page.getByTestId('train-speed').selectOption('5');
    await app.page.getByTestId('train').click();
    const seen = new Map<number, string>();
    while (seen.size < 6) {
      const s = await snapshot(app);
      const step = s.training?.globalStep ?? 0;
      if (step > 0 && !seen.has(step)) seen.set(step, await boundaryHash(app));
      await app.page.waitForTimeout(40);
    }
    await app.screenshot('lectures-04-paced-training');
    await app.page.getByTestId('pause').click();
    const steps = [...seen.keys()];
    // At 5 steps/s the sampling (every 40 ms) sees every step: no step is skipped.
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => steps[0]! + i));
    // And the boundary is redrawn between steps (a drawing per step, not one at the end).
    expect(new Set(seen.values()).size).toBeGreaterThanOrEqual(4);
  });
});
