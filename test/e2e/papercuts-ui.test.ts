/**
 * The window's layout, theme and keyboard papercuts (issue 10, items 4 and 10–15), end to end
 * in Chromium: the Build | Train modes and a keyboard splitter that remembers its place, views
 * that fit 1280×720, drops that land under the pointer, Space quick-add after a toolbar click,
 * the dark theme, the palette as one Tab stop, connecting nodes from the inspector, React
 * Flow's attribution, and an axe-core audit of the main views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFromTemplate, until } from './app-state';
import { canvasIds, dropFromPalette } from './editor-helpers';
import { appUrl, openApp, type App } from './harness';

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

async function box(app: App, testId: string): Promise<Box> {
  const b = await app.page.getByTestId(testId).first().boundingBox();
  if (!b) throw new Error(`${testId} is not visible`);
  return b;
}

/** Trains the open project for a moment so the live views have something to show, then stops. */
async function trainBriefly(app: App): Promise<void> {
  await app.page.getByTestId('train').click();
  await until(app, 'a few steps', (s) => (s.training?.globalStep ?? 0) > 20);
  await app.page.getByTestId('train').click(); // pause
  await until(app, 'the pause', (s) => s.training?.status !== 'training');
}

describe('layout: Build | Train and the splitter', () => {
  let app: App;
  beforeAll(async () => {
    await appUrl();
    app = await openApp({ viewport: { width: 1280, height: 720 } });
    await app.page.getByTestId('canvas-empty').waitFor();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  it('Train mode gives the training panel most of the window; the decision boundary and charts fit 1280×720 without scrolling', async () => {
    await newFromTemplate(app, 'playground-circle');
    await trainBriefly(app);
    await app.page.getByTestId('mode-train').click();
    expect(await app.page.getByTestId('mode-train').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => app.page.getByTestId('palette').count()).toBe(0);
    const slot = await box(app, 'training-slot');
    const canvas = (await app.page.locator('.canvas').boundingBox())!;
    expect(slot.width).toBeGreaterThan(1280 * 0.6);
    expect(canvas.width).toBeGreaterThan(150); // the graph stays, small beside the panel
    const body = app.page.locator('.bp-tab-body');
    const bodyBox = (await body.boundingBox())!;
    expect(inside(await box(app, 'decision-boundary'), bodyBox)).toBe(true);
    for (const chart of await app.page.locator('.bp-live-charts .bp-chart').all()) expect(inside((await chart.boundingBox())!, bodyBox)).toBe(true);
    const overflow = await body.evaluate((el) => ({ v: el.scrollHeight - el.clientHeight, h: el.scrollWidth - el.clientWidth }));
    expect(overflow.v).toBeLessThanOrEqual(1);
    await app.screenshot('papercuts-train-1280x720-light');
  });

  it('moves the splitter with the keyboard, shows its value, and remembers it as a fraction after a reload', async () => {
    const splitter = app.page.getByTestId('training-splitter');
    expect(await splitter.getAttribute('role')).toBe('separator');
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await splitter.getAttribute('aria-valuenow'))).toBe(before - 6);
    const width = (await box(app, 'training-slot')).width;
    await app.page.reload();
    await app.page.getByTestId('mode-train').click();
    await expect.poll(async () => Number(await app.page.getByTestId('training-splitter').getAttribute('aria-valuenow'))).toBe(before - 6);
    expect(Math.abs((await box(app, 'training-slot')).width - width)).toBeLessThanOrEqual(2);
    // Build mode has its own splitter position (a share of the height).
    await app.page.getByTestId('mode-build').click();
    const build = app.page.getByTestId('training-splitter');
    expect(await build.getAttribute('aria-orientation')).toBe('horizontal');
    const buildBefore = Number(await build.getAttribute('aria-valuenow'));
    await build.focus();
    await app.page.keyboard.press('PageUp');
    await expect.poll(async () => Number(await build.getAttribute('aria-valuenow'))).toBe(buildBefore + 10);
    await app.page.keyboard.press('PageDown');
  });

  it('Build mode at 1280×720 keeps the canvas usable and the page itself never scrolls', async () => {
    await app.page.getByTestId('mode-build').click();
    const canvas = (await app.page.locator('.canvas').boundingBox())!;
    expect(canvas.height).toBeGreaterThan(300);
    const scroll = await app.page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(scroll).toEqual({ h: 720, w: 1280 });
    await app.screenshot('papercuts-build-1280x720-light');
    expect(app.consoleErrors).toEqual([]);
  });
});
