/**
 * More of the editor end to end: templates, quick add (right-click and Space), copy/paste and
 * duplicate from the keyboard, box selection, auto-layout, the shortcuts dialog, settings that
 * survive save → reopen, CSV import, and a file from a newer version refused with a message.
 */
import { describe, expect, it } from 'vitest';
import { appPerBlock } from './harness';
import { canvasIds, lastDownload, queueOpenFile } from './editor-helpers';

describe('editor features', () => {
  const app = appPerBlock({}, (opened) => opened.page.getByTestId('canvas-empty').waitFor());
  const page = () => app.page;
  const ids = () => canvasIds(page());
  const paneBox = async () => (await page().locator('.react-flow__pane').boundingBox())!;

  it('opens a template ready to train', async () => {
    await page().getByTestId('new-project').click();
    await page().getByTestId('template-iris').click();
    await page().getByTestId('node-loss').waitFor();
    await expect.poll(async () => (await ids()).nodes).toEqual(['act', 'hidden', 'logits', 'loss', 'p', 'x']);
    expect(await page().locator('[data-testid^="node-error-"]').count()).toBe(0);
    expect(await page().getByTestId('project-name').inputValue()).toBe('Iris classifier');
    await app.screenshot('editor-04-iris-template');
  });

  it('adds nodes with the quick-add menu: right-click or Space, type, Enter', async () => {
    const box = await paneBox();
    await page().mouse.click(box.x + box.width / 2, box.y + 16, { button: 'right' });
    await page().getByTestId('quick-add-input').fill('drop');
    await page().keyboard.press('Enter');
    await page().getByTestId('node-dropout1').waitFor();

    await page().mouse.move(box.x + 120, box.y + box.height - 60);
    await page().keyboard.press('Space');
    await page().getByTestId('quick-add-input').fill('tanh');
    await page().keyboard.press('Enter');
    await page().getByTestId('node-tanh1').waitFor();
  });

  it('copies, pastes and duplicates with new ids, keeping the edges inside the selection', async () => {
    await page().getByTestId('node-hidden').click();
    await page().getByTestId('node-act').click({ modifiers: ['Control'] });
    await page().keyboard.press('Control+c');
    await page().keyboard.press('Control+v');
    await page().getByTestId('node-dense1').waitFor();
    await page().getByTestId('node-relu1').waitFor();
    await page().keyboard.press('Control+d'); // duplicates the pasted pair
    await page().getByTestId('node-dense2').waitFor();
    await expect.poll(async () => (await ids()).edges).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']); // two new internal edges
  });

  it('box-selects with Shift-drag and deletes the selection in one undo step', async () => {
    const before = await ids();
    const box = await paneBox();
    await page().getByTestId('fit-view').click();
    // Wait until fit view has settled, i.e. every node lies inside the pane (a loaded machine
    // animates slowly): only then does a corner-to-corner box cover them all.
    const inside = async () => {
      const boxes = await page().locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      return boxes.every((b) => b.left >= box.x && b.top >= box.y && b.right <= box.x + box.width && b.bottom <= box.y + box.height);
    };
    await expect.poll(inside, { timeout: 10_000 }).toBe(true);
    await page().waitForTimeout(300); // the viewport may still be easing inside the pane
    await page().keyboard.down('Shift');
    await page().mouse.move(box.x + 4, box.y + 4);
    await page().mouse.down();
    await page().mouse.move(box.x + box.width - 4, box.y + box.height - 4, { steps: 10 });
    await page().mouse.up();
    await page().keyboard.up('Shift');
    await page().keyboard.press('Delete');
    await expect.poll(ids).toEqual({ nodes: [], edges: [] });
    await page().keyboard.press('Control+z');
    // React Flow draws edges a frame after their nodes are measured, so wait for them.
    await expect.poll(ids).toEqual(before);
  });

  it('auto-lays out the network with elk and lists the shortcuts', async () => {
    const before = await page().getByTestId('node-loss').boundingBox();
    await page().getByTestId('auto-layout').click();
    await expect.poll(async () => JSON.stringify(await page().getByTestId('node-loss').boundingBox())).not.toBe(JSON.stringify(before));
    await page().keyboard.press('Control+z');
    await page().getByTestId('show-shortcuts').click();
    expect(await page().getByTestId('shortcuts-dialog').textContent()).toContain('Duplicate the selected nodes');
    await app.screenshot('editor-05-shortcuts');
    await page().keyboard.press('Escape');
    await page().getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });
  });

  it('keeps data and training settings through save and reopen', async () => {
    await page().getByTestId('inspector-tab-training').click();
    await page().getByTestId('batch-preset-full').click();
    await page().getByTestId('optimizer-type').selectOption('sgd');
    await page().getByTestId('optimizer-momentum').fill('0.9');
    await page().getByTestId('optimizer-momentum').press('Enter');
    await page().getByTestId('inspector-tab-data').click();
    await page().getByTestId('split-test').fill('10');
    await page().getByTestId('split-test').press('Enter');
    await page().getByTestId('save-project').click();
    await page().getByTestId('notice').waitFor();
    const saved = (await lastDownload(page()))!;
    const project = JSON.parse(saved.text);
    expect(project.training).toMatchObject({ batchSize: 90, optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0.9 } });
    expect(project.data.split).toEqual({ validation: 0.2, test: 0.1 });

    await page().getByTestId('new-project').click();
    await page().getByTestId('template-blank').click();
    await queueOpenFile(page(), saved.name, saved.text);
    await page().getByTestId('open-project').click();
    await page().getByTestId('node-loss').waitFor();
    await page().getByTestId('inspector-tab-training').click();
    expect(await page().getByTestId('batch-size').inputValue()).toBe('90');
    expect(await page().getByTestId('optimizer-momentum').inputValue()).toBe('0.9');
    await page().getByTestId('save-project').click();
    expect((await lastDownload(page()))!.text).toBe(saved.text);
  });

  it('imports a CSV and shows its preview and class counts', async () => {
    await page().getByTestId('inspector-tab-data').click();
    await queueOpenFile(page(), 'fruit.csv', 'weight,width,kind\n150,7,apple\n120,6,apple\n170,8,pear\n90,5,plum\n');
    await page().getByTestId('choose-csv').click();
    await page().getByTestId('csv-preview').waitFor();
    expect(await page().getByTestId('csv-class-counts').textContent()).toBe('apple: 2pear: 1plum: 1');
    expect(await page().getByTestId('node-shape-x').textContent()).toBe('[batch, 2]');
    await app.screenshot('editor-06-csv');
  });

  it('a saved project finds its CSV again after the page reloads (kept in IndexedDB)', async () => {
    await page().getByTestId('save-project').click();
    await page().getByTestId('notice').waitFor();
    const saved = (await lastDownload(page()))!;
    expect(JSON.parse(saved.text).data).toMatchObject({ csv: 'fruit.csv', target: 'kind' });
    await page().reload({ waitUntil: 'load' });
    await page().getByTestId('canvas-empty').waitFor();
    await queueOpenFile(page(), saved.name, saved.text);
    await page().getByTestId('open-project').click();
    await page().getByTestId('node-loss').waitFor();
    await page().getByTestId('inspector-tab-data').click();
    await page().getByTestId('csv-preview').waitFor();
    await expect.poll(() => page().getByTestId('csv-class-counts').textContent()).toBe('apple: 2pear: 1plum: 1');
    await expect.poll(() => page().getByTestId('node-shape-x').textContent()).toBe('[batch, 2]');
  });

  it('refuses a file from a newer version and keeps the project', async () => {
    await queueOpenFile(page(), 'future.bprop', JSON.stringify({ format: 'backprop-studio', version: 7 }));
    await page().getByTestId('open-project').click();
    const banner = page().getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('saved by a newer Backprop Studio (format version 7)');
    expect((await ids()).nodes).toContain('hidden');
    expect(app.consoleErrors.filter((e) => !e.includes('favicon.ico'))).toEqual([]);
  });
});
