import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../src/shared/ipc-channels';
import { app, dialog, type BrowserWindow } from './fake-electron';
import { eventFrom, invoke, sendToMain } from './fake-ipc';
import { flush, openLoadedWindow, startTestApp, type TestApp } from './helpers';
import type { ProjectWindow } from '../../src/main/project-window';

vi.mock('electron', () => import('./fake-electron'));

let t: TestApp;
let win: BrowserWindow;
let window: ProjectWindow;
const closed = vi.fn();

beforeEach(async () => {
  t = await startTestApp();
  ({ win, window } = openLoadedWindow(t.desktop));
  closed.mockClear();
  win.on('closed', closed);
});
afterEach(async () => {
  vi.useRealTimers();
  await t.cleanup();
});

const setDocument = (state: { name: string; dirty: boolean; path: string | null }) => sendToMain(IPC.setDocumentState, eventFrom(win), state);
const answer = (response: number) => dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
const commandsSent = () => win.webContents.send.mock.calls.filter(([c]) => c === IPC.menuCommand).map(([, cmd]) => cmd);

describe('closing a window', () => {
  it('closes a clean window without asking', () => {
    setDocument({ name: 'XOR', dirty: false, path: null });
    win.close();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(closed).toHaveBeenCalled();
  });

  it('asks Save / Don\'t Save / Cancel when there are unsaved changes; Cancel keeps the window', async () => {
    setDocument({ name: 'XOR', dirty: true, path: null });
    answer(2);
    win.close();
    await flush();
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showMessageBox.mock.calls[0]! as [unknown, { buttons: string[]; message: string; cancelId: number }];
    expect(parent).toBe(win);
    expect(options.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(options.cancelId).toBe(2);
    expect(options.message).toContain('"XOR"');
    expect(closed).not.toHaveBeenCalled();
    expect(win.isDestroyed()).toBe(false);
  });

  it("Don't Save closes the window and deletes its recovery copy", async () => {
    sendToMain(IPC.writeRecovery, eventFrom(win), '{"name":"XOR"}');
    await flush();
    const recoveryFile = path.join(t.userData, 'recovery', `${window.recoveryId}.bprop`);
    await vi.waitFor(() => expect(existsSync(recoveryFile)).toBe(true));
    setDocument({ name: 'XOR', dirty: true, path: null });
    answer(1);
    win.close();
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
    await vi.waitFor(() => expect(existsSync(recoveryFile)).toBe(false));
  });

  it('Save asks the renderer to save and closes once it reports the document clean', async () => {
    setDocument({ name: 'XOR', dirty: true, path: null });
    answer(0);
    win.close();
    await flush();
    expect(commandsSent()).toEqual([{ type: 'save' }]);
    expect(closed).not.toHaveBeenCalled();
    setDocument({ name: 'XOR', dirty: false, path: null });
    expect(closed).toHaveBeenCalled();
  });

  it('Save keeps the window open when the renderer never reports a completed save', async () => {
    vi.useFakeTimers();
    setDocument({ name: 'XOR', dirty: true, path: null });
    answer(0);
    win.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(commandsSent()).toEqual([{ type: 'save' }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(closed).not.toHaveBeenCalled();
    // A later clean report does not close it behind the user's back...
    setDocument({ name: 'XOR', dirty: false, path: null });
    expect(closed).not.toHaveBeenCalled();
    // ...and closing again asks again.
    setDocument({ name: 'XOR', dirty: true, path: null });
    answer(2);
    win.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
  });

  it('Save of an untitled project: cancelling the Save dialog keeps the window', async () => {
    setDocument({ name: 'Untitled', dirty: true, path: null });
    answer(0);
    win.close();
    await flush();
    // The renderer reacts to the save command with saveProject(null, ...): the dialog is cancelled.
    await expect(invoke(IPC.saveProject, eventFrom(win), null, '{}', 'Untitled')).resolves.toBeNull();
    setDocument({ name: 'Untitled', dirty: false, path: null }); // even a late clean report must not close now
    expect(closed).not.toHaveBeenCalled();
  });

  it('Save of an untitled project: choosing a file saves it and closes', async () => {
    const target = path.join(t.documents, 'mine.bprop');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    setDocument({ name: 'Untitled', dirty: true, path: null });
    answer(0);
    win.close();
    await flush();
    await expect(invoke(IPC.saveProject, eventFrom(win), null, '{"a":1}', 'Untitled')).resolves.toBe(target);
    setDocument({ name: 'mine', dirty: false, path: target });
    expect(closed).toHaveBeenCalled();
  });

  it('a Cancel during quitting cancels the quit; a Save during quitting carries on quitting', async () => {
    const second = openLoadedWindow(t.desktop);
    setDocument({ name: 'A', dirty: true, path: null });
    app.emit('before-quit');
    answer(0);
    win.close();
    await flush();
    setDocument({ name: 'A', dirty: false, path: null });
    expect(app.quit).toHaveBeenCalledTimes(1); // continue quitting after the answered prompt
    expect(second.win.isDestroyed()).toBe(false);
  });

  it('shows the document name and a dirty mark in the title', () => {
    setDocument({ name: 'Iris', dirty: false, path: null });
    expect(win.title).toBe('Iris — Backprop Studio');
    setDocument({ name: 'Iris', dirty: true, path: null });
    expect(win.title).toBe(process.platform === 'darwin' ? 'Iris — Backprop Studio' : '• Iris — Backprop Studio');
  });
});
