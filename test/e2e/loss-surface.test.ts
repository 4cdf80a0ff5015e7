/**
 * End to end, in Chromium against the web build: the training panel's Loss surface tab on the
 * XOR MLP template (not a lecture): choose two weights with the pickers, draw the contour map
 * with the full-batch, mini-batch, stochastic and momentum/Adam paths, train a few steps and
 * see the run's own path read back. Screenshots: loss-surface-01-xor, -02-pickers, -03-legend.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { appPerBlock, SCREENSHOT_DIR, type App } from './harness';
import { newFromTemplate, until } from './app-state';

/** How many distinct colours the canvas holds (a flat or blank canvas has one or two). */
const canvasColours = (app: App): Promise<number> =>
  app.page.getByTestId('loss-surface').locator('canvas').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });

describe('loss surface tab (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } });

  it('draws the loss over two chosen weights of the XOR network with the optimiser paths and the live path', async () => {
    await newFromTemplate(app, 'xor-mlp');
    await app.page.getByTestId('training-tab-surface').click();
    const a = app.page.getByTestId('surface-weight-a');
    await a.waitFor();
    const tensors = await a.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(tensors.length).toBeGreaterThanOrEqual(4);
    // A: the output layer's first kernel weight; B: the first hidden layer's bias 0.
    const outputKernel = tensors.filter((t) => t.endsWith('.kernel')).at(-1)!;
    const firstBias = tensors.find((t) => t.endsWith('.bias'))!;
    await a.selectOption(outputKernel);
    await app.page.getByTestId('surface-weight-b').selectOption(firstBias);
    await app.page.getByTestId('surface-weight-b-index').fill('1');
    const surface = app.page.getByTestId('loss-surface');
    expect(await surface.locator('strong').textContent()).toBe(`Loss surface over ${outputKernel}[0, 0] and ${firstBias}[1]`);

    await app.page.getByTestId('loss-surface-draw').click();
    await app.page.getByTestId('loss-surface-path-2').waitFor();
    const legend = await surface.locator('[data-testid^="loss-surface-path-"]').allTextContents();
    expect(legend[0]).toMatch(/^ full batch \(M = \d+, SGD with momentum 0\.9, η = 0\.5\): 40 steps, ends at/); // the project's optimiser
    expect(legend.some((t) => /^ stochastic \(M = 1/.test(t))).toBe(true);
    expect(legend.some((t) => /^ full batch, plain SGD/.test(t))).toBe(true);
    expect(legend.some((t) => /Adam/.test(t))).toBe(true);
    expect(await canvasColours(app)).toBeGreaterThan(50); // shaded contour map, not a blank canvas

    // The live run's path over the drawn surface.
    await app.page.getByTestId('train-speed').selectOption('20');
    await app.page.getByTestId('train').click();
    await until(app, '12 steps', (s) => (s.training?.globalStep ?? 0) >= 12);
    await app.page.getByTestId('pause').click();
    await expect.poll(() => app.page.getByTestId('loss-surface-live').textContent()).toMatch(/this run: \d+ steps read back/);
    await surface.locator('canvas').scrollIntoViewIfNeeded();
    await app.screenshot('loss-surface-01-xor');
    // The pickers and the legend, which the short panel scrolls to.
    await a.scrollIntoViewIfNeeded();
    await app.page.locator('.bp-training').screenshot({ path: path.join(SCREENSHOT_DIR, 'loss-surface-02-pickers.png') });
    await app.page.getByTestId('loss-surface-live').scrollIntoViewIfNeeded();
    await app.page.locator('.bp-training').screenshot({ path: path.join(SCREENSHOT_DIR, 'loss-surface-03-legend.png') });
  });
});
