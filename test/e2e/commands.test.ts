/**
 * The command registry end to end in the web build: the toolbar's Undo and Redo name the command
 * they take back ("Undo Add Dense"), the keys run the same commands, and the shortcut help lists
 * the registry's keys.
 */
import { describe, expect, it } from 'vitest';
import { appPerBlock } from './harness';
import { dropFromPalette, wire } from './editor-helpers';

describe('commands', () => {
  const app = appPerBlock();
  const page = () => app.page;
  const title = (testId: string) => page().getByTestId(testId).getAttribute('title');

  it('Undo and Redo say which command they take back or do again', async () => {
    await page().getByTestId('canvas-empty').waitFor();
    expect(await title('undo')).toBe('Undo (Ctrl+Z)');
    expect(await page().getByTestId('undo').isDisabled()).toBe(true);
    await dropFromPalette(page(), 'input', 150, 150);
    await dropFromPalette(page(), 'dense', 400, 150);
    await page().getByTestId('node-dense1').waitFor();
    expect(await title('undo')).toBe('Undo Add Dense (Ctrl+Z)');
    await wire(page(), 'input1', 'dense1');
    await expect.poll(() => title('undo')).toBe('Undo Connect (Ctrl+Z)');

    await page().getByTestId('canvas-empty').waitFor({ state: 'detached' });
    await page().locator('.react-flow__pane').click({ position: { x: 20, y: 20 } }); // keys go to the page, not a field
    await page().keyboard.press('Control+z');
    await expect.poll(() => title('redo')).toBe('Redo Connect (Shift+Ctrl+Z)');
    expect(await title('undo')).toBe('Undo Add Dense (Ctrl+Z)');
    await page().getByTestId('undo').click();
    await expect.poll(() => page().getByTestId('node-dense1').count()).toBe(0);
    expect(await page().getByTestId('redo').getAttribute('aria-label')).toBe('Redo Add Dense');
    await app.screenshot('commands-01-redo-add-dense');
    await page().getByTestId('redo').click();
    await page().getByTestId('node-dense1').waitFor();
    expect(await title('undo')).toBe('Undo Add Dense (Ctrl+Z)');
  });

  it('lists the registry shortcuts in the help, one row per command', async () => {
    await page().keyboard.press('Control+/');
    const dialog = page().getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    const commands = await dialog.locator('[data-command]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.command));
    expect(commands).toEqual(expect.arrayContaining(['undo', 'redo', 'duplicate', 'togglePalette', 'toggleInspector', 'toggleTraining', 'showShortcuts']));
    expect(new Set(commands).size).toBe(commands.length);
    await app.screenshot('commands-02-shortcuts');
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(app.consoleErrors).toEqual([]);
  });
});
