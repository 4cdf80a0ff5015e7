/**
 * The window's layout, theme and keyboard papercuts (issue 10, items 4 and 10–15), end to end
 * in Chromium: the Build | Train modes and a keyboard splitter that remembers its place, views
 * that fit 1280×720, drops that land under the pointer, Space quick-add after a toolbar click,
 * the dark theme, the palette as one Tab stop, connecting nodes from the inspector, React
 * Flow's attribution, and an axe-core audit of the main views.
 */
import { describe, expect, it } from 'vitest';
import { newFromTemplate, until } from './app-state';
import { canvasIds, dropFromPalette } from './editor-helpers';
import { axeViolations, describeViolations } from './axe';
import { appPerBlock, type App, type OpenAppOptions } from './harness';

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

/** A fresh app with an empty canvas for the tests of one describe block; call inside describe. */
const freshAppPerBlock = (options: OpenAppOptions = {}): App =>
  appPerBlock(options, (opened) => opened.page.getByTestId('canvas-empty').waitFor());

/** The Live tab shows the decision boundary and both charts whole, without scrolling. */
async function expectLiveTabFits(app: App): Promise<void> {
  const body = app.page.locator('.bp-tab-body');
  const bodyBox = (await body.boundingBox())!;
  expect(inside(await box(app, 'decision-boundary'), bodyBox)).toBe(true);
  const charts = await app.page.locator('.bp-live-charts .bp-chart').all();
  expect(charts.length).toBe(2);
  for (const chart of charts) expect(inside((await chart.boundingBox())!, bodyBox)).toBe(true);
  // The network view fits its column, its last column and title ("logit (1)") included.
  await expect.poll(() => networkViewProblems(app)).toEqual([]);
  const overflow = await body.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(overflow).toBeLessThanOrEqual(1);
}

/**
 * What is cut or crowded in the Live tab's network view: its drawing and every column title
 * (the text itself, through a Range) lie inside the view's box, no title runs into the next, and
 * the view does not scroll sideways. Empty when the view is whole.
 */
async function networkViewProblems(app: App): Promise<string[]> {
  return app.page.evaluate(() => {
    const view = document.querySelector('.bp-live-network');
    const canvas = view?.querySelector('canvas');
    if (!view || !canvas) return ['no network view'];
    const room = view.getBoundingClientRect();
    const within = (b: DOMRect) => b.left >= room.left - 0.5 && b.right <= room.right + 0.5;
    const problems: string[] = [];
    if (!within(canvas.getBoundingClientRect())) problems.push('the drawing is wider than the view');
    const titles = [...view.querySelectorAll('.bp-network-labels span')].map((span) => {
      const range = document.createRange();
      range.selectNodeContents(span);
      return { text: span.textContent, box: range.getBoundingClientRect() };
    });
    if (titles.length === 0) problems.push('no column titles');
    titles.forEach((title, i) => {
      if (!within(title.box)) problems.push(`"${title.text}" is cut at an edge`);
      const next = titles[i + 1];
      if (next && title.box.right > next.box.left) problems.push(`"${title.text}" runs into "${next.text}"`);
    });
    if (view.scrollWidth > view.clientWidth + 1) problems.push('the view scrolls sideways');
    return problems;
  });
}

describe('layout: Build | Train and the splitter', () => {
  const app = freshAppPerBlock({ viewport: { width: 1280, height: 720 } });

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
    await expectLiveTabFits(app);
    await app.page.waitForTimeout(500); // the graph's fit to its new, narrow canvas
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
    await newFromTemplate(app, 'playground-circle');
    await app.page.getByTestId('theme-toggle').click(); // the system is light here: → dark
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await app.page.waitForTimeout(500);
    await app.screenshot('papercuts-build-1280x720-dark');
    await trainBriefly(app);
    await app.page.getByTestId('mode-train').click();
    await expectLiveTabFits(app); // also at the narrower panel the splitter test left behind
    await app.page.waitForTimeout(500);
    await app.screenshot('papercuts-train-1280x720-dark');
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('editing papercuts at 1440×900', () => {
  const app = freshAppPerBlock();
  const page = () => app.page;
  const pane = async () => (await page().locator('.react-flow__pane').boundingBox())!;
  const viewportTransform = () => page().locator('.react-flow__viewport').getAttribute('style');

  it('says what to do on an empty canvas, not that the network has problems', async () => {
    await expect.poll(() => page().getByTestId('status').textContent()).toContain('Nothing to train yet');
  });

  it('drops the first node on a blank canvas where the pointer is, without moving or zooming the view', async () => {
    await page().getByTestId('new-project').click();
    await page().getByTestId('template-blank').click(); // New → blank asks for a fit of an empty canvas
    const before = await viewportTransform();
    await dropFromPalette(page(), 'input', 200, 150);
    await page().getByTestId('node-input1').waitFor();
    await page().waitForTimeout(400); // a queued fit would animate within 250 ms
    expect(await viewportTransform()).toBe(before);
    const p = await pane();
    const node = (await page().getByTestId('node-input1').boundingBox())!;
    expect(Math.abs(node.x + node.width / 2 - (p.x + 200))).toBeLessThan(24);
    expect(Math.abs(node.y + node.height / 2 - (p.y + 150))).toBeLessThan(24);
    await dropFromPalette(page(), 'dense', 500, 150);
    const second = (await page().getByTestId('node-dense1').boundingBox())!;
    expect(Math.abs(second.x + second.width / 2 - (p.x + 500))).toBeLessThan(24);
  });

  it('opens quick-add with Space over the canvas right after a toolbar click; "soft" + Enter adds a Softmax', async () => {
    const p = await pane();
    await page().getByTestId('fit-view').click(); // the button keeps focus
    await page().mouse.move(p.x + 300, p.y + 400);
    await page().keyboard.press('Space');
    await page().getByTestId('quick-add-input').fill('soft');
    await page().keyboard.press('Enter');
    await page().getByTestId('node-softmax1').waitFor();
    expect((await canvasIds(page())).nodes).toEqual(['dense1', 'input1', 'softmax1']);
  });

  it('connects nodes without a mouse from the inspector, and the palette is one Tab stop', async () => {
    await page().getByTestId('node-dense1').click();
    await page().getByTestId('inspector-tab-node').click();
    const from = page().getByTestId('connect-in-in');
    await from.focus();
    await from.selectOption({ label: 'Input (input1)' });
    await expect.poll(async () => (await canvasIds(page())).edges).toEqual(['e1']);
    await page().getByTestId('connect-out-out').selectOption({ label: 'Softmax (softmax1)' });
    await expect.poll(async () => (await canvasIds(page())).edges).toEqual(['e1', 'e2']);
    await page().getByTestId('connection-e2').getByRole('button', { name: /Disconnect/ }).press('Enter');
    await expect.poll(async () => (await canvasIds(page())).edges).toEqual(['e1']);

    expect(await page().locator('[data-testid="palette-list"] [tabindex="0"]').count()).toBe(1);
    await page().getByTestId('palette-search').focus();
    await page().keyboard.press('Tab'); // into the list: the one item in the Tab order (the last one used)
    const focused = () => page().evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe(await page().locator('[data-testid="palette-list"] [tabindex="0"]').getAttribute('data-testid'));
    await page().keyboard.press('Home');
    expect(await focused()).toBe('palette-item-input');
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('ArrowDown');
    expect(await focused()).toBe('palette-item-conv2d');
    await page().keyboard.press('Tab'); // leaves the list in one step
    expect(await page().evaluate(() => document.activeElement?.closest('[data-testid="palette-list"]'))).toBeNull();
  });

  it('draws a node error above the minimap, keeps edge labels under nodes, shows full subtitles on hover', async () => {
    await newFromTemplate(app, 'iris');
    // A Dense without input, dropped near the bottom-right corner, just left of the minimap.
    const p = await pane();
    await dropFromPalette(page(), 'dense', p.width - 250, p.height - 50);
    const badge = page().getByTestId('node-error-dense1');
    await badge.hover();
    const tip = page().getByTestId('node-error-text-dense1');
    await tip.waitFor();
    const t = (await tip.boundingBox())!;
    const centre = { x: t.x + t.width / 2, y: t.y + t.height / 2 };
    // The tooltip ignores the pointer (so it never steals the hover); make it hit-testable to ask what is on top.
    await tip.evaluate((el) => ((el as HTMLElement).style.pointerEvents = 'auto'));
    const topmost = await page().evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[role="tooltip"]')?.getAttribute('data-testid') ?? null, [centre.x, centre.y]);
    expect(topmost).toBe('node-error-text-dense1');
    const minimap = (await page().locator('.react-flow__minimap').boundingBox())!;
    expect(t.x + t.width).toBeGreaterThan(minimap.x); // it does reach over the minimap, and is drawn above it
    expect(t.y + t.height).toBeLessThanOrEqual(900);
    await app.screenshot('papercuts-error-tooltip');
    await page().mouse.move(p.x + 5, p.y + 5);

    // Edge labels are painted under nodes: drop a node right on a label; at that spot the node is on top.
    const label = (await page().getByTestId('edge-label-e2').boundingBox())!;
    await dropFromPalette(page(), 'tanh', label.x + label.width / 2 - p.x, label.y + label.height / 2 - p.y);
    await page().getByTestId('node-tanh1').waitFor();
    await page().mouse.click(p.x + 20, p.y + p.height / 2); // deselect: a selected node is raised anyway
    await expect.poll(() => page().locator('.net-node.is-selected').count()).toBe(0);
    await page().locator('.shape-edge__label').evaluateAll((els) => els.forEach((el) => ((el as HTMLElement).style.pointerEvents = 'auto'))); // labels ignore the pointer; make them hit-testable
    const onTop = await page().evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('.net-node, .shape-edge__label')?.className ?? '', [label.x + label.width / 2, label.y + label.height / 2]);
    expect(onTop).toContain('net-node');
    await page().keyboard.press('Control+z');
    const titles = await page().locator('.net-node__title').all();
    // The loss's subtitle is long: the node shows its whole title and offers the full subtitle on hover.
    const subtitle = page().getByTestId('node-subtitle-loss');
    expect(await subtitle.getAttribute('title')).toBe((await subtitle.textContent())!.trim());
    await dropFromPalette(page(), 'binaryCrossEntropy', 120, 60); // the longest title of all types
    const bce = page().getByTestId('node-binaryCrossEntropy1').locator('.net-node__title');
    expect(await bce.textContent()).toBe('Binary cross-entropy');
    for (const title of [...titles, bce]) expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  it('Shift-drag box selection selects nodes, not page text', async () => {
    const p = await pane();
    // A click in some text leaves the selection's anchor there: a Shift-press elsewhere would extend it.
    await page().locator('.palette__tip').click();
    await page().keyboard.down('Shift');
    await page().mouse.move(p.x + 10, p.y + 10);
    await page().mouse.down();
    await page().mouse.move(p.x + p.width - 10, p.y + p.height - 10, { steps: 10 });
    await page().mouse.move(p.x + p.width + 200, p.y + p.height + 100, { steps: 5 }); // out over the inspector
    await page().mouse.up();
    await page().keyboard.up('Shift');
    expect(await page().evaluate(() => document.getSelection()?.toString() ?? '')).toBe('');
    expect(await page().locator('.net-node.is-selected').count()).toBeGreaterThan(1);
  });

  it('hides the minimap on a canvas too short for it, where it would cover the nodes', async () => {
    const minimap = page().locator('.react-flow__minimap');
    await expect.poll(() => minimap.isVisible()).toBe(true);
    const before = page().viewportSize()!;
    try {
      await page().setViewportSize({ width: before.width, height: 380 });
      await expect.poll(async () => (await pane()).height).toBeLessThan(360);
      await expect.poll(() => minimap.isVisible()).toBe(false);
    } finally {
      await page().setViewportSize(before);
    }
    await expect.poll(() => minimap.isVisible()).toBe(true);
  });

  it("shows React Flow's attribution link instead of hiding it", async () => {
    const link = page().locator('.react-flow__attribution a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toContain('reactflow.dev');
    expect(await link.isVisible()).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('dark theme and the accessibility audit', () => {
  const app = freshAppPerBlock({ beforeLoad: (_context, p) => p.emulateMedia({ colorScheme: 'dark' }) });
  const page = () => app.page;
  const theme = () => page().evaluate(() => document.documentElement.dataset.theme);
  const background = (selector: string) => page().locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const audit = async (view: string) => {
    const violations = await axeViolations(page());
    expect(violations, `${view}:\n${describeViolations(violations)}`).toEqual([]);
  };

  it('follows the system setting, toggles, and keeps the choice after a reload', async () => {
    expect(await theme()).toBe('dark');
    expect(await background('.canvas')).not.toBe('rgb(246, 248, 251)');
    await page().getByTestId('theme-toggle').click();
    expect(await theme()).toBe('light');
    await page().reload();
    await page().getByTestId('canvas-empty').waitFor();
    expect(await theme()).toBe('light'); // chosen, so no longer the system's dark
    await page().getByTestId('theme-toggle').click(); // light → dark (the system's own)
    await page().getByTestId('theme-toggle').click(); // dark → follow the system again
    expect(await page().getByTestId('theme-toggle').getAttribute('data-theme-choice')).toBe('system');
    expect(await theme()).toBe('dark');
  });

  it('passes axe-core on the empty editor, a template with a node selected, and Train mode, in both themes', async () => {
    await audit('empty editor, dark');
    await newFromTemplate(app, 'playground-circle');
    await page().locator('.net-node').first().click();
    await page().getByTestId('inspector-tab-node').click();
    await app.screenshot('papercuts-build-1440x900-dark'); // before the audit: axe scrolls elements into view
    await audit('circle template with a node selected, dark');
    await trainBriefly(app);
    await page().getByTestId('mode-train').click();
    await expectLiveTabFits(app); // at 1440×900 too
    await app.page.waitForTimeout(500); // the graph's fit to its new, narrow canvas
    await app.screenshot('papercuts-train-1440x900-dark');
    await audit('Train mode after training, dark');
    for (const tab of ['charts', 'evaluate', 'runs']) {
      await page().getByTestId(`training-tab-${tab}`).click();
      await audit(`Train mode, ${tab} tab, dark`);
    }
    await page().getByTestId('training-tab-live').click();
    await page().getByTestId('theme-toggle').click(); // dark (system) → light
    expect(await theme()).toBe('light');
    await page().getByTestId('fit-view').click();
    await app.page.waitForTimeout(500);
    await app.screenshot('papercuts-train-1440x900-light');
    await audit('Train mode, light');
    await page().getByTestId('mode-build').click();
    await app.page.waitForTimeout(500);
    await app.screenshot('papercuts-build-1440x900-light');
    await audit('Build mode, light');
    for (const tab of ['data', 'training', 'model']) {
      await page().getByTestId(`inspector-tab-${tab}`).click();
      await audit(`Build mode, inspector ${tab} tab, light`);
    }
    await page().getByTestId('training-tab-inside').click();
    await audit('Build mode, Inside a node, light');
    await page().getByTestId('show-shortcuts').click();
    await audit('the shortcuts dialog, light');
    await page().keyboard.press('Escape');
    expect(app.consoleErrors).toEqual([]);
  });
});
