/**
 * The editor end to end, in Chromium against the web build: build the XOR network from an
 * empty project with the mouse (palette drag and drop, wiring handles), see shapes on edges,
 * a refused connection with its reason, an error badge that goes when fixed, undo/redo, and
 * save → reopen giving the same graph. Screenshots go to the harness's screenshot folder.
 */
import { describe, expect, it } from 'vitest';
import { appPerBlock } from './harness';
import { canvasIds, dragWire, dropFromPalette, graphOf, lastDownload, queueOpenFile, setParam, wire } from './editor-helpers';

describe('the editor', () => {
  const app = appPerBlock({}, (opened) => opened.page.getByTestId('canvas-empty').waitFor());
  const page = () => app.page;
  const label = (edgeId: string) => page().getByTestId(`edge-label-${edgeId}`);

  it('starts with an empty canvas that says how to begin', async () => {
    expect(await canvasIds(page())).toEqual({ nodes: [], edges: [] });
    await app.screenshot('editor-01-empty');
  });

  it('builds the XOR network by dragging nodes from the palette', async () => {
    await page().getByTestId('inspector-tab-data').click();
    await page().getByTestId('dataset-select').selectOption('xor');
    const spots: [string, number, number][] = [
      ['input', 130, 140],
      ['dense', 380, 140],
      ['tanh', 630, 140],
      ['dense', 130, 330],
      ['sigmoid', 380, 330],
      ['crossEntropy', 630, 330],
    ];
    for (const [type, x, y] of spots) await dropFromPalette(page(), type, x, y);
    await expect.poll(async () => (await canvasIds(page())).nodes).toEqual(['crossEntropy1', 'dense1', 'dense2', 'input1', 'sigmoid1', 'tanh1']);

    await page().getByTestId('node-dense1').click();
    await setParam(page(), 'units', '4');
    await page().getByTestId('node-dense2').click();
    await setParam(page(), 'units', '1');
    await expect.poll(() => page().getByTestId('node-dense1').textContent()).toContain('4 units');
    await page().getByTestId('node-dense1').click();
    await app.screenshot('editor-01b-dense-inspector');
    expect(await page().getByTestId('node-shape-dense1').textContent()).toBe('shape ?'); // nothing feeds it yet
  });

  it('wires the handles with the mouse; every edge shows the shape it carries', async () => {
    await wire(page(), 'input1', 'dense1');
    await wire(page(), 'dense1', 'tanh1');
    await wire(page(), 'tanh1', 'dense2');
    await wire(page(), 'dense2', 'sigmoid1');
    await wire(page(), 'sigmoid1', 'crossEntropy1');
    await expect.poll(async () => (await canvasIds(page())).edges).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(await label('e1').textContent()).toBe('[batch, 2]');
    expect(await label('e2').textContent()).toBe('[batch, 4]');
    expect(await label('e3').textContent()).toBe('[batch, 4]');
    expect(await label('e4').textContent()).toBe('[batch, 1]');
  });

  it('refuses a bad connection and says why, near the cursor', async () => {
    await dragWire(page(), 'handle-tanh1-out', 'handle-dense1-in', false);
    const hint = page().getByTestId('connection-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toBe("This input is already connected to 'input1': remove that edge first");
    await app.screenshot('editor-03a-refused-connection');
    await page().mouse.up();
    await expect.poll(() => page().getByTestId('connection-refused').textContent()).toContain('already connected');
    await expect.poll(async () => (await canvasIds(page())).edges).toHaveLength(5);
    await page().keyboard.press('Escape');
    await page().getByTestId('connection-refused').waitFor({ state: 'detached' });
  });

  it('pins the missing Softmax on the loss node, and clears it when fixed', async () => {
    const badge = page().getByTestId('node-error-crossEntropy1');
    await badge.waitFor();
    await badge.hover();
    await expect.poll(() => badge.textContent()).toContain('Cross-entropy needs probabilities: add a Softmax before it');
    await app.screenshot('editor-03-error-badge');

    await page().getByTestId('node-crossEntropy1').click();
    await page().keyboard.press('Delete');
    await expect.poll(async () => (await canvasIds(page())).nodes).not.toContain('crossEntropy1');
    await expect.poll(async () => (await canvasIds(page())).edges).toHaveLength(4); // its edge went with it
    await page().getByTestId('graph-issues').waitFor(); // "This network has no loss: connect a loss node"
    expect(await page().getByTestId('graph-issues').textContent()).toContain('This network has no loss');

    await dropFromPalette(page(), 'binaryCrossEntropy', 630, 330);
    await wire(page(), 'sigmoid1', 'binaryCrossEntropy1');
    await page().getByTestId('graph-issues').waitFor({ state: 'detached' });
    expect(await page().locator('[data-testid^="node-error-"]').count()).toBe(0);
    await page().getByTestId('fit-view').click();
    await page().waitForTimeout(400);
    await app.screenshot('editor-02-xor');
  });

  it('undoes and redoes with the keyboard', async () => {
    const edges = async () => (await canvasIds(page())).edges.length;
    await page().getByTestId('node-input1').click();
    await page().keyboard.press('Control+z'); // the last wire
    await expect.poll(edges).toBe(4);
    await page().keyboard.press('Control+z'); // the loss node
    await expect.poll(async () => (await canvasIds(page())).nodes).not.toContain('binaryCrossEntropy1');
    await page().keyboard.press('Control+Shift+z');
    await page().keyboard.press('Control+y');
    await expect.poll(edges).toBe(5);
    await expect.poll(async () => (await canvasIds(page())).nodes).toContain('binaryCrossEntropy1');
  });

  it('saves, and reopening the file gives the same graph', async () => {
    await page().getByTestId('save-project').click();
    await page().getByTestId('notice').waitFor();
    const saved = await lastDownload(page());
    expect(saved!.name).toBe('Untitled.bprop');
    const project = JSON.parse(saved!.text);
    expect(project.data.dataset).toBe('xor');
    expect(project.graph.edges).toHaveLength(5);

    await page().getByTestId('node-dense1').click();
    await page().keyboard.press('Delete'); // an unsaved change...
    await queueOpenFile(page(), saved!.name, saved!.text);
    await page().getByTestId('open-project').click();
    await page().getByTestId('confirm-ok').click(); // ...discarded on purpose
    await page().getByTestId('node-dense1').waitFor();

    await page().getByTestId('save-project').click();
    const again = await lastDownload(page());
    expect(graphOf(again!.text)).toEqual(graphOf(saved!.text));
    expect(again!.text).toBe(saved!.text);
  });

  it('refuses a malformed file with a clear message and keeps the network', async () => {
    await queueOpenFile(page(), 'broken.bprop', '{ "format": "backprop-studio", "version": 1, ');
    await page().getByTestId('open-project').click();
    const banner = page().getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Could not open broken.bprop: broken.bprop:1:');
    expect((await canvasIds(page())).nodes).toHaveLength(6);
    expect(app.consoleErrors.filter((e) => !e.includes('favicon.ico'))).toEqual([]);
  });
});
