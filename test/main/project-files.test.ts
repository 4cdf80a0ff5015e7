import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeFileName } from '../../src/main/project-files';
import { IPC } from '../../src/shared/ipc-channels';
import { app, dialog, Menu, type BrowserWindow } from './fake-electron';
import { eventFrom, invoke, sendToMain } from './fake-ipc';
import { openLoadedWindow, startTestApp, type TestApp } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

let t: TestApp;
let win: BrowserWindow;
let projectFile: string;

beforeEach(async () => {
  t = await startTestApp();
  ({ win } = openLoadedWindow(t.desktop));
  projectFile = path.join(t.documents, 'iris.bprop');
  await writeFile(projectFile, '{"name":"Iris"}');
});
afterEach(() => t.cleanup());

const call = (channel: string, ...args: unknown[]) => invoke(channel, eventFrom(win), ...args);
const chooseToOpen = (file: string) => dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });

describe('opening', () => {
  it('Open… reads the chosen file, remembers it in Open Recent and lets this window save to it', async () => {
    chooseToOpen(projectFile);
    expect(await call(IPC.openProject)).toEqual({ path: projectFile, name: 'iris.bprop', text: '{"name":"Iris"}' });
    expect(await call(IPC.recentFiles)).toEqual([expect.objectContaining({ path: projectFile, name: 'iris.bprop' })]);
    expect(app.addRecentDocument).toHaveBeenCalledWith(projectFile);
    expect(JSON.stringify(Menu.current)).toContain('iris.bprop');
    await expect(call(IPC.saveProject, projectFile, '{"name":"Iris 2"}', 'Iris')).resolves.toBe(projectFile);
    expect(await readFile(projectFile, 'utf8')).toBe('{"name":"Iris 2"}');
  });

  it('Open… returns null when cancelled', async () => {
    expect(await call(IPC.openProject)).toBeNull();
  });

  it('openRecent only opens paths in the recent list', async () => {
    await expect(call(IPC.openRecent, projectFile)).rejects.toThrow(/not in the list of recent files/);
    await t.desktop.recent.add(projectFile);
    await expect(call(IPC.openRecent, projectFile)).resolves.toMatchObject({ path: projectFile });
  });

  it('openRecent of a file deleted meanwhile removes it from the list', async () => {
    await t.desktop.recent.add(projectFile);
    await rm(projectFile);
    await expect(call(IPC.openRecent, projectFile)).rejects.toThrow(/no longer exists; it was removed from Open Recent/);
    expect(await t.desktop.recent.has(projectFile)).toBe(false);
  });

  it('openDropped accepts only .bprop and .json files', async () => {
    await expect(call(IPC.openDropped, projectFile)).resolves.toMatchObject({ name: 'iris.bprop' });
    const csv = path.join(t.documents, 'data.csv');
    await writeFile(csv, 'a\n1\n');
    await expect(call(IPC.openDropped, csv)).rejects.toThrow(/not a project: drop a \.bprop/);
    await expect(call(IPC.openDropped, '')).rejects.toThrow(/not a file on this computer/);
  });

  it('rejects arguments of the wrong type', async () => {
    await expect(call(IPC.openRecent, { path: projectFile })).rejects.toThrow(/path must be a string/);
    await expect(call(IPC.saveProject, projectFile, 42, 'x')).rejects.toThrow(/text must be a string/);
  });
});

describe('saving', () => {
  it('refuses to save to a path this window did not open or save', async () => {
    const elsewhere = path.join(t.documents, 'other.bprop');
    await expect(call(IPC.saveProject, elsewhere, '{}', 'x')).rejects.toThrow(/did not open or save that file/);
    await expect(call(IPC.saveProject, '/etc/cron.d/evil', '{}', 'x')).rejects.toThrow(/Refusing to save/);
    // Another window's file is not this window's either.
    const other = openLoadedWindow(t.desktop).win;
    chooseToOpen(projectFile);
    await invoke(IPC.openProject, eventFrom(other));
    await expect(call(IPC.saveProject, projectFile, '{}', 'x')).rejects.toThrow(/did not open or save that file/);
  });

  it('saveProject(null) and Save As ask where, suggest a safe name in the documents folder, and add the extension', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(t.documents, 'typed-name') });
    const saved = await call(IPC.saveProject, null, '{"a":1}', '../XOR: net?');
    expect(saved).toBe(path.join(t.documents, 'typed-name.bprop'));
    expect(await readFile(saved as string, 'utf8')).toBe('{"a":1}');
    const options = dialog.showSaveDialog.mock.calls[0]![1] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(options.defaultPath).toBe(path.join(t.documents, 'XOR net.bprop'));
    expect(options.filters[0]!.extensions).toEqual(['bprop']);
    // Later saves to it need no dialog.
    await expect(call(IPC.saveProject, saved, '{"a":2}', 'x')).resolves.toBe(saved);
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    // Save As starts in the current project's folder.
    sendToMain(IPC.setDocumentState, eventFrom(win), { name: 'typed-name', dirty: false, path: saved });
    await call(IPC.saveProjectAs, '{}', 'copy');
    expect((dialog.showSaveDialog.mock.calls[1]![1] as { defaultPath: string }).defaultPath).toBe(path.join(t.documents, 'copy.bprop'));
  });

  it('Export Weights writes JSON where the user chooses', async () => {
    const target = path.join(t.documents, 'w.json');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await expect(call(IPC.exportWeights, '{"w":[1]}', 'XOR weights')).resolves.toBe(target);
    expect(await readFile(target, 'utf8')).toBe('{"w":[1]}');
    expect((dialog.showSaveDialog.mock.calls[0]![1] as { defaultPath: string }).defaultPath).toMatch(/XOR weights\.json$/);
    await expect(call(IPC.exportWeights, '{}', 'x')).resolves.toBeNull();
  });
});

describe('exports', () => {
  it('Export writes the chosen file and the others beside it; refuses names with folders', async () => {
    const target = path.join(t.documents, 'sub', 'my_train.py');
    await mkdir(path.dirname(target));
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const files = [
      { name: 'train.py', bytes: new TextEncoder().encode('print(1)\n') },
      { name: 'train_weights.npz', bytes: Uint8Array.of(80, 75, 3, 4) },
    ];
    await expect(call(IPC.exportFiles, files, 'pytorch')).resolves.toBe(target);
    expect(await readFile(target, 'utf8')).toBe('print(1)\n');
    expect([...(await readFile(path.join(t.documents, 'sub', 'train_weights.npz')))]).toEqual([80, 75, 3, 4]);
    const options = dialog.showSaveDialog.mock.calls[0]![1] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(options.filters[0]!.extensions).toEqual(['py']);
    await expect(call(IPC.exportFiles, [{ name: '../evil.py', bytes: new Uint8Array(1) }], 'pytorch')).rejects.toThrow(/not a plain file name/);
    await expect(call(IPC.exportFiles, files, 'exe')).rejects.toThrow(/unknown export kind/);
  });

  it('Open takes an .onnx model as a new project (no path, so Save never writes over it)', async () => {
    const model = path.join(t.documents, 'net.onnx');
    await writeFile(model, Uint8Array.of(8, 7, 18));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [model] });
    const opened = (await call(IPC.openProject)) as { path: string | null; name: string; bytes: Uint8Array };
    expect(opened).toMatchObject({ path: null, name: 'net.onnx' });
    expect([...opened.bytes]).toEqual([8, 7, 18]);
  });
});

describe('CSV files', () => {
  it('readProjectCsv works only from a project this window opened, and stays inside its folder', async () => {
    await mkdir(path.join(t.documents, 'data'));
    await writeFile(path.join(t.documents, 'data', 'iris.csv'), 'x,y\n1,0\n');
    await expect(call(IPC.readProjectCsv, projectFile, 'data/iris.csv')).rejects.toThrow(/did not open or save that project/);
    chooseToOpen(projectFile);
    await call(IPC.openProject);
    await expect(call(IPC.readProjectCsv, projectFile, 'data/iris.csv')).resolves.toMatchObject({ text: 'x,y\n1,0\n' });
    await expect(call(IPC.readProjectCsv, projectFile, '../../etc/passwd')).rejects.toThrow(/outside the project's folder/);
    await expect(call(IPC.readProjectCsv, projectFile, '/etc/passwd')).rejects.toThrow(/is absolute/);
  });

  it('chooseCsv returns the chosen file with its name and sha256', async () => {
    const csv = path.join(t.documents, 'sonar.csv');
    await writeFile(csv, 'a\n');
    chooseToOpen(csv);
    expect(await call(IPC.chooseCsv)).toEqual({
      name: 'sonar.csv',
      resolvedPath: csv,
      text: 'a\n',
      sha256: '87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7',
    });
  });
});

describe('messages and edits', () => {
  it('showMessage shows a dialog attached to the window and returns the button index', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    const response = await call(IPC.showMessage, { type: 'error', title: 'T', message: 'Bad\u0007 graph', buttons: ['OK', 'Details'] });
    expect(response).toBe(1);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(win, expect.objectContaining({ type: 'error', message: 'Bad  graph', buttons: ['OK', 'Details'] }));
    await expect(call(IPC.showMessage, { type: 'bogus', message: 'x' })).rejects.toThrow(/need a type/);
  });

  it('native edits run on the window; unknown commands are dropped', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sendToMain(IPC.nativeEdit, eventFrom(win), 'paste');
    expect(win.webContents.paste).toHaveBeenCalledTimes(1);
    sendToMain(IPC.nativeEdit, eventFrom(win), 'executeJavaScript');
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('unknown edit command'));
  });

  it('safeFileName strips folders and characters file systems refuse', () => {
    expect(safeFileName('a/b\\c:d*e?', '.bprop')).toBe('a b c d e.bprop');
    expect(safeFileName('', '.json')).toBe('Untitled.json');
    expect(safeFileName('model.bprop', '.bprop')).toBe('model.bprop');
  });
});
