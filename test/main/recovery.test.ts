import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../src/shared/ipc-channels';
import { dialog, type BrowserWindow } from './fake-electron';
import { eventFrom, invoke, sendToMain } from './fake-ipc';
import { flush, openLoadedWindow, startTestApp, type TestApp } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.cleanup());

const recoveryDir = () => path.join(t.userData, 'recovery');
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('recovery copies while editing', () => {
  it('writeRecovery stores the text atomically in userData/recovery/<uuid>.bprop; null deletes it', async () => {
    const { win, window } = openLoadedWindow(t.desktop);
    expect(window.recoveryId).toMatch(/^[0-9a-f-]{36}$/);
    const file = path.join(recoveryDir(), `${window.recoveryId}.bprop`);
    sendToMain(IPC.writeRecovery, eventFrom(win), '{"name":"XOR","v":1}');
    sendToMain(IPC.writeRecovery, eventFrom(win), '{"name":"XOR","v":2}');
    await settle();
    expect(await readFile(file, 'utf8')).toBe('{"name":"XOR","v":2}');
    expect(await readdir(recoveryDir())).toEqual([`${window.recoveryId}.bprop`]); // no temp files
    sendToMain(IPC.writeRecovery, eventFrom(win), null);
    await settle();
    expect(existsSync(file)).toBe(false);
  });

  it('is deleted when the project is saved', async () => {
    const { win, window } = openLoadedWindow(t.desktop);
    sendToMain(IPC.writeRecovery, eventFrom(win), '{"name":"XOR"}');
    await settle();
    const target = path.join(t.documents, 'xor.bprop');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await invoke(IPC.saveProjectAs, eventFrom(win), '{"name":"XOR"}', 'XOR');
    expect(existsSync(path.join(recoveryDir(), `${window.recoveryId}.bprop`))).toBe(false);
  });

  it('is deleted on a clean close', async () => {
    const { win, window } = openLoadedWindow(t.desktop);
    sendToMain(IPC.writeRecovery, eventFrom(win), '{"name":"XOR"}');
    await settle();
    win.close();
    await settle();
    expect(existsSync(path.join(recoveryDir(), `${window.recoveryId}.bprop`))).toBe(false);
  });
});

describe('after a crash', () => {
  const leftoverId = '0b6d2a4e-1f3c-4a5b-8c7d-9e0f1a2b3c4d';
  async function leaveRecoveryFile(): Promise<string> {
    await mkdir(recoveryDir(), { recursive: true });
    const file = path.join(recoveryDir(), `${leftoverId}.bprop`);
    await writeFile(file, '{"format":"backprop-studio","name":"Spiral"}');
    await utimes(file, new Date('2025-03-04T10:20:00Z'), new Date('2025-03-04T10:20:00Z'));
    await writeFile(path.join(recoveryDir(), '.tmp-leftover.bprop.abc.tmp'), 'partial'); // ignored
    return file;
  }

  it('offers leftover copies at the next start and reopens them as unsaved projects', async () => {
    const file = await leaveRecoveryFile();
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    const windows = await t.desktop.offerRecovery();

    const options = dialog.showMessageBox.mock.calls[0]![0] as { message: string; detail: string; buttons: string[] };
    expect(options.message).toMatch(/^Restore unsaved work from .+\?$/);
    expect(options.detail).toContain('"Spiral"');
    expect(options.buttons).toEqual(['Restore', 'Not Now', 'Discard']);
    expect(windows).toHaveLength(1);

    const win = windows[0]!.win as unknown as BrowserWindow;
    expect(win.webContents.send).not.toHaveBeenCalled(); // waits for the page
    win.webContents.finishLoad();
    expect(win.webContents.send).toHaveBeenCalledWith(IPC.menuCommand, { type: 'openRecent', path: file });
    const opened = await invoke(IPC.openRecent, eventFrom(win), file);
    expect(opened).toEqual({ path: null, name: 'Spiral (recovered)', text: '{"format":"backprop-studio","name":"Spiral"}' });
    // Only once: the leftover is not a general-purpose readable path.
    await expect(invoke(IPC.openRecent, eventFrom(win), file)).rejects.toThrow(/not in the list of recent files/);
    // The window adopted the copy: it is updated while editing and deleted on a clean close.
    expect(windows[0]!.recoveryId).toBe(leftoverId);
    win.close();
    await settle();
    expect(existsSync(file)).toBe(false);
  });

  it('Discard deletes the copies; Not Now keeps them for the next start', async () => {
    const file = await leaveRecoveryFile();
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await t.desktop.offerRecovery()).toEqual([]);
    expect(existsSync(file)).toBe(true);
    dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
    expect(await t.desktop.offerRecovery()).toEqual([]);
    await flush();
    expect(existsSync(file)).toBe(false);
  });

  it('asks nothing when there is nothing to recover', async () => {
    expect(await t.desktop.offerRecovery()).toEqual([]);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });
});
