/** Mouse-level helpers for the editor's end-to-end tests: drag from the palette, wire handles, read the canvas. */
import type { Page } from 'playwright-core';

/** The page's test hook (src/renderer/src/platform/test-hook.ts), used inside page functions. */
export type HookWindow = { __bpTest?: { queueOpenFile(name: string, text: string): void; lastDownload: { name: string; text: string } | null } };

async function centreOf(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item onto the canvas (HTML5 drag and drop), dropping it at (x, y) relative to the canvas. */
export async function dropFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-item-${type}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Presses on one handle and releases on another, moving in steps like a person would. */
export async function dragWire(page: Page, fromHandle: string, toHandle: string, release = true): Promise<void> {
  const from = await centreOf(page, fromHandle);
  const to = await centreOf(page, toHandle);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  if (release) await page.mouse.up();
}

export const wire = (page: Page, source: string, target: string) => dragWire(page, `handle-${source}-out`, `handle-${target}-in`);

/** Ids of the nodes and edges on the canvas, from their test ids. */
export async function canvasIds(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  return page.evaluate(() => {
    const ids = (selector: string, prefix: string) =>
      [...document.querySelectorAll(selector)].map((el) => el.getAttribute('data-testid')!.slice(prefix.length)).sort();
    return { nodes: ids('.net-node[data-testid^="node-"]', 'node-'), edges: ids('g.shape-edge[data-testid^="edge-"]', 'edge-') };
  });
}

/** Sets a param of the selected node in the inspector (typed, then Enter). */
export async function setParam(page: Page, name: string, value: string): Promise<void> {
  const input = page.getByTestId(`param-${name}`);
  await input.fill(value);
  await input.press('Enter');
}

/** What the last save downloaded (the web build saves by download; the hook keeps a copy). */
export function lastDownload(page: Page): Promise<{ name: string; text: string } | null> {
  return page.evaluate(() => (globalThis as unknown as HookWindow).__bpTest!.lastDownload);
}

export function queueOpenFile(page: Page, name: string, text: string): Promise<void> {
  return page.evaluate(([n, t]) => (globalThis as unknown as HookWindow).__bpTest!.queueOpenFile(n!, t!), [name, text]);
}

/** The graph of a saved project, without positions (they do not matter for "the same network"). */
export function graphOf(text: string): unknown {
  const project = JSON.parse(text) as { graph: { nodes: { position: unknown }[]; edges: unknown[] } };
  return { nodes: project.graph.nodes.map(({ position: _p, ...n }) => n), edges: project.graph.edges };
}
