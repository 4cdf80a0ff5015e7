/**
 * End to end, in Chromium against the web build: the image views. The small CNN on 8×8 digits
 * trains and shows its filters and feature maps; the turn detector's kernel is edited by hand in
 * the inspector and its output map changes; the digits autoencoder trains and shows its
 * reconstructions and 2-unit codes; the Data tab previews the images. Screenshots go to the
 * harness's screenshot folder.
 */
import { describe, expect, it } from 'vitest';
import { appPerBlock, type App } from './harness';
import { newFromTemplate, until } from './app-state';

/** Distinct colours over all pixels of the canvases inside a test id. */
const canvasColours = (app: App, testId: string): Promise<number> =>
  app.page.getByTestId(testId).evaluate((root) => {
    const seen = new Set<string>();
    for (const c of root.querySelectorAll('canvas')) {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    }
    return seen.size;
  });

/** The pixels of the first feature map's canvas, as one string. */
const firstMap = (app: App): Promise<string> =>
  app.page.getByTestId('feature-map-0').locator('canvas').evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    return Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data).join(',');
  });

const cellValues = (app: App, testId: string): Promise<number[]> =>
  app.page.getByTestId(testId).evaluate((el) => Array.from(el.querySelectorAll('.iv-cell'), (c) => Number(c.getAttribute('data-value'))));

describe('image views (Chromium)', () => {
  const app = appPerBlock({ viewport: { width: 1440, height: 960 } });

  it('trains the small CNN on digits and shows its filters and the feature maps of a test image', async () => {
    await app.page.getByTestId('new-project').click();
    await app.page.getByTestId('template-lenet-mnist').scrollIntoViewIfNeeded();
    await app.screenshot('cnn-00-new-menu');
    await app.page.keyboard.press('Escape');
    await newFromTemplate(app, 'cnn-digits');
    await app.page.getByTestId('inspector-tab-data').click();
    await app.page.getByTestId('image-preview').waitFor();
    await expect.poll(() => canvasColours(app, 'image-preview')).toBeGreaterThan(8);
    expect(await app.page.getByTestId('image-preview').locator('canvas').count()).toBe(32);
    await app.screenshot('cnn-01-digits-data-preview');

    await app.page.getByTestId('train').click();
    const done = await until(app, 'the run to finish', (s) => s.training?.status === 'finished' && s.testMetrics !== null);
    expect(done.testMetrics!.accuracy).toBeGreaterThanOrEqual(0.95);
    await app.page.getByTestId('node-conv').click();
    const filters = app.page.getByTestId('conv-filters');
    await filters.waitFor();
    expect(await filters.locator('canvas').count()).toBe(8);
    await expect.poll(() => canvasColours(app, 'conv-filters')).toBeGreaterThan(10);
    await app.page.getByTestId('feature-maps').waitFor();
    expect(await app.page.getByTestId('feature-maps').locator('canvas').count()).toBe(8);
    await expect.poll(() => canvasColours(app, 'feature-maps')).toBeGreaterThan(20);
    const before = await firstMap(app);
    await filters.scrollIntoViewIfNeeded();
    await app.screenshot('cnn-02-digits-filters-maps');
    await app.page.getByTestId('image-next').click();
    await expect.poll(() => app.page.getByTestId('image-index').textContent()).toMatch(/^2 \/ 359/);
    await expect.poll(() => firstMap(app)).not.toBe(before);
    await app.page.getByTestId('node-pool').click();
    await expect.poll(() => app.page.getByTestId('feature-maps').textContent()).toContain('8 pooled maps of 4×4');
    expect(app.consoleErrors).toEqual([]);
  }, 120_000);

  it('turn detector: edits one kernel weight in the grid and the output map changes', async () => {
    await newFromTemplate(app, 'turn-detector');
    await app.page.getByTestId('node-detector').click();
    await app.page.getByTestId('kernel-editor').waitFor();
    await expect.poll(() => cellValues(app, 'feature-map-0')).toEqual([1, -4, -2, -4]);
    expect(await cellValues(app, 'maps-input')).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    await app.page.getByTestId('kernel-editor').scrollIntoViewIfNeeded();
    await app.screenshot('cnn-03-turn-detector');
    const centre = app.page.getByTestId('weight-kernel-4');
    await centre.fill('3');
    await centre.press('Enter');
    await expect.poll(() => cellValues(app, 'feature-map-0')).toEqual([1, 0, -2, 0]);
    await expect.poll(() => app.page.getByTestId('weight-kernel-4').inputValue()).toBe('3');
    // The hand edit is an undo step: the engine gets the old kernel back, and redo applies it again.
    await centre.blur();
    await app.page.keyboard.press('Control+z');
    await expect.poll(() => cellValues(app, 'feature-map-0')).toEqual([1, -4, -2, -4]);
    await expect.poll(() => app.page.getByTestId('weight-kernel-4').inputValue()).not.toBe('3');
    await app.page.keyboard.press('Control+Shift+z');
    await expect.poll(() => cellValues(app, 'feature-map-0')).toEqual([1, 0, -2, 0]);
    await expect.poll(() => app.page.getByTestId('weight-kernel-4').inputValue()).toBe('3');
    await app.page.getByTestId('image-next').click();
    await expect.poll(() => cellValues(app, 'maps-input')).toEqual([0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    await app.screenshot('cnn-04-turn-detector-edited');
    expect(app.consoleErrors).toEqual([]);
  }, 60_000);

  it('trains the digits autoencoder and shows reconstructions and the 2-unit codes', async () => {
    await newFromTemplate(app, 'autoencoder-digits');
    await app.page.getByTestId('train').click();
    await until(app, 'the run to finish', (s) => s.training?.status === 'finished' && s.testMetrics !== null);
    await app.page.getByTestId('node-loss').click();
    await app.page.getByTestId('recon-rebuilt').waitFor();
    expect(await app.page.getByTestId('recon-rebuilt').locator('canvas').count()).toBe(6);
    await expect.poll(() => canvasColours(app, 'recon-rebuilt')).toBeGreaterThan(20);
    await app.screenshot('cnn-05-autoencoder-reconstructions');
    await app.page.getByTestId('node-code').click();
    await expect.poll(() => app.page.getByTestId('code-scatter').getAttribute('data-points')).toBe('359');
    await expect.poll(() => canvasColours(app, 'code-scatter')).toBeGreaterThan(10);
    await app.page.getByTestId('code-scatter').scrollIntoViewIfNeeded();
    await app.screenshot('cnn-06-autoencoder-codes');
    expect(app.consoleErrors).toEqual([]);
  }, 60_000);

  it('MNIST: the second convolution of LeNet (16 filters over 6 channels) and the noisy inputs of a denoising autoencoder', async () => {
    await newFromTemplate(app, 'lenet-mnist');
    await app.page.getByTestId('step').click();
    await until(app, 'one step', (s) => s.training?.globalStep === 1);
    await app.page.getByTestId('node-c2').click();
    await expect.poll(() => app.page.getByTestId('conv-filters').locator('canvas').count()).toBe(96);
    await expect.poll(() => app.page.getByTestId('feature-maps').getAttribute('data-maps')).toBe('16');
    await expect.poll(() => canvasColours(app, 'feature-maps')).toBeGreaterThan(20);
    await app.page.getByTestId('conv-filters').scrollIntoViewIfNeeded();
    await app.screenshot('cnn-07-lenet-c2');

    await newFromTemplate(app, 'denoising-autoencoder');
    await app.page.getByTestId('step-epoch').click();
    await until(app, 'one epoch', (s) => s.training?.epoch === 1 && s.training.status === 'paused', 90_000);
    await app.page.getByTestId('node-image').click();
    await app.page.getByTestId('recon-noisy').waitFor();
    await expect.poll(() => canvasColours(app, 'recon-rebuilt')).toBeGreaterThan(20);
    await app.page.getByTestId('reconstructions').scrollIntoViewIfNeeded();
    await app.screenshot('cnn-08-denoising-mnist');
    await app.page.getByTestId('inspector-tab-data').click();
    await app.page.getByTestId('image-preview').waitFor();
    await app.page.getByTestId('image-preview').scrollIntoViewIfNeeded();
    await app.screenshot('cnn-09-mnist-preview');
    expect(app.consoleErrors).toEqual([]);
  }, 150_000);

  it('the training panel gets an Images tab for these networks only: layer maps and autoencoder views', async () => {
    await newFromTemplate(app, 'xor-mlp');
    expect(await app.page.getByTestId('training-tab-images').count()).toBe(0);
    const sep = app.page.getByRole('separator', { name: 'Resize the training panel' });
    const box = (await sep.boundingBox())!;
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + box.width / 2, box.y - 300, { steps: 6 });
    await app.page.mouse.up();

    await newFromTemplate(app, 'cnn-digits');
    await app.page.getByTestId('step-epoch').click();
    await until(app, 'one epoch', (s) => s.training?.epoch === 1 && s.training.status === 'paused');
    await app.page.getByTestId('training-tab-images').click();
    const panel = app.page.getByTestId('image-views-panel');
    await expect.poll(() => panel.getByTestId('feature-maps').getAttribute('data-maps')).toBe('8');
    expect(await panel.getByTestId('conv-filters').locator('canvas').count()).toBe(8);
    await panel.getByTestId('image-views-layer').selectOption('pool');
    await expect.poll(() => panel.getByTestId('feature-maps').textContent()).toContain('8 pooled maps of 4×4');
    await app.screenshot('cnn-10-panel-images-cnn');

    await newFromTemplate(app, 'autoencoder-digits');
    await app.page.getByTestId('training-tab-images').click();
    await app.page.getByTestId('step-epoch').click();
    await until(app, 'one epoch', (s) => s.training?.epoch === 1 && s.training.status === 'paused');
    await expect.poll(() => panel.getByTestId('recon-rebuilt').locator('canvas').count()).toBe(10);
    await expect.poll(() => panel.getByTestId('code-scatter').getAttribute('data-points')).toBe('359');
    await app.screenshot('cnn-11-panel-images-autoencoder');
    await app.page.getByTestId('training-tab-live').click();
    expect(app.consoleErrors).toEqual([]);
  }, 90_000);
});
