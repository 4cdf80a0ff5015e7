import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDesktopApp } from '../../src/main/desktop-app';
import { projectPathsFromArgv } from '../../src/main/os-open';
import { ProjectWindow } from '../../src/main/project-window';
import { IPC } from '../../src/shared/ipc-channels';
import { app, BrowserWindow, FakeEvent, Menu, resetElectron } from './fake-electron';
import { eventFrom, invoke, sendToMain } from './fake-ipc';
import { flush, openLoadedWindow, startTestApp, tempDir, type TestApp } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

const commandsTo = (win: BrowserWindow) => win.webContents.send.mock.calls.filter(([c]) => c === IPC.menuCommand).map(([, cmd]) => cmd);

describe('files from the operating system', () => {
  it('takes .bprop paths from a command line, relative to its working directory', () => {
    const argv = ['/opt/Backprop Studio/backprop-studio', '--no-sandbox', 'models/xor.bprop', '/abs/Iris.BPROP', 'notes.txt'];
    expect(projectPathsFromArgv(argv, '/home/me')).toEqual([path.resolve('/home/me', 'models/xor.bprop'), path.resolve('/abs/Iris.BPROP')]);
  });

  describe('while running', () => {
    let t: TestApp;
    let file: string;
    beforeEach(async () => {
      t = await startTestApp();
      file = path.join(t.documents, 'spiral.bprop');
      await writeFile(file, '{"name":"Spiral"}');
    });
    afterEach(() => t.cleanup());

    it('opens a file from a second instance in the clean focused window, through Open Recent', async () => {
      const { win } = openLoadedWindow(t.desktop);
      app.emit('second-instance', new FakeEvent(), ['/usr/bin/backprop-studio', 'spiral.bprop'], t.documents);
      await vi.waitFor(() => expect(commandsTo(win)).toEqual([{ type: 'openRecent', path: file }]));
      await expect(invoke(IPC.openRecent, eventFrom(win), file)).resolves.toMatchObject({ path: file, text: '{"name":"Spiral"}' });
      expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    });

    it('opens a new window when the focused one has unsaved work', async () => {
      const { win } = openLoadedWindow(t.desktop);
      ProjectWindow.fromWebContents(win.webContents as never)!.setDocumentState({ name: 'Mine', dirty: true, path: null });
      await t.desktop.openFromOs(file);
      expect(BrowserWindow.getAllWindows()).toHaveLength(2);
      const second = BrowserWindow.getAllWindows()[1]!;
      expect(commandsTo(second)).toEqual([]); // queued until its page has loaded
      second.webContents.finishLoad();
      expect(commandsTo(second)).toEqual([{ type: 'openRecent', path: file }]);
      expect(commandsTo(win)).toEqual([]);
    });

    it('a second instance without files focuses the existing window', () => {
      const { win } = openLoadedWindow(t.desktop);
      win.minimized = true;
      app.emit('second-instance', new FakeEvent(), ['/usr/bin/backprop-studio'], '/');
      expect(win.minimized).toBe(false);
      expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    });

    it('menu commands go to the focused window, or to a new one when none is open', async () => {
      const { win } = openLoadedWindow(t.desktop);
      const fileMenu = (Menu.current!.template as { label: string; submenu: { label: string; click?: () => void }[] }[])[0]!;
      fileMenu.submenu.find((i) => i.label === 'Save')!.click!();
      expect(commandsTo(win)).toEqual([{ type: 'save' }]);
      win.close();
      fileMenu.submenu.find((i) => i.label === 'Open…')!.click!();
      const fresh = BrowserWindow.getAllWindows()[0]!;
      expect(fresh).not.toBe(win);
      fresh.webContents.finishLoad();
      expect(commandsTo(fresh)).toEqual([{ type: 'open' }]);
    });

    it("Edit › Undo names the focused window's next undo, and follows the focus", () => {
      type Item = { label: string; submenu: { label: string }[] };
      const undoItem = () => (Menu.current!.template as Item[]).find((m) => m.label === '&Edit')!.submenu[0]!.label;
      const first = openLoadedWindow(t.desktop);
      expect(undoItem()).toBe('Undo');
      sendToMain(IPC.setDocumentState, eventFrom(first.win), { name: 'A', dirty: true, path: null, undo: 'Add Dense', redo: null });
      expect(undoItem()).toBe('Undo Add Dense');
      const second = openLoadedWindow(t.desktop);
      expect(undoItem()).toBe('Undo'); // the focused window has nothing to undo
      sendToMain(IPC.setDocumentState, eventFrom(first.win), { name: 'A', dirty: true, path: null, undo: 'Connect', redo: null });
      expect(undoItem()).toBe('Undo'); // a window in the background does not change the menu
      first.win.focus();
      expect(undoItem()).toBe('Undo Connect');
      expect(second.window.document.undo ?? null).toBeNull();
    });

    it('quits when the last window closes, except on macOS', () => {
      app.emit('window-all-closed');
      expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
    });
  });
});

describe('startDesktopApp', () => {
  afterEach(async () => {
    resetElectron();
    await flush();
    for (const dir of [app.userData, app.documents]) await rm(dir, { recursive: true, force: true });
  });

  it('quits at once when another instance holds the lock (it gets our argv instead)', async () => {
    resetElectron();
    app.userData = await tempDir('bprop-userdata-');
    app.documents = await tempDir('bprop-docs-');
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(await startDesktopApp(['/bin/app', 'x.bprop'])).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
  });

  it('enables the sandbox, opens one window, and opens files from argv and macOS open-file', async () => {
    resetElectron();
    app.userData = await tempDir('bprop-userdata-');
    app.documents = await tempDir('bprop-docs-');
    const fromArgv = path.join(app.documents, 'a.bprop');
    const fromFinder = path.join(app.documents, 'b.bprop');
    await writeFile(fromArgv, '{}');
    await writeFile(fromFinder, '{}');
    let ready!: () => void;
    app.whenReady.mockReturnValueOnce(new Promise<void>((resolve) => (ready = resolve)));
    const started = startDesktopApp(['/bin/app', fromArgv]);
    const openFile = new FakeEvent();
    app.emit('open-file', openFile, fromFinder); // macOS may send this before 'ready'
    expect(openFile.preventDefault).toHaveBeenCalled();
    ready();
    const desktop = await started;

    expect(app.enableSandbox).toHaveBeenCalled();
    expect(desktop).not.toBeNull();
    const windows = BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(2); // the first file takes the fresh window, the second gets its own
    windows.forEach((w) => w.webContents.finishLoad());
    expect(windows.flatMap(commandsTo)).toEqual([
      { type: 'openRecent', path: fromArgv },
      { type: 'openRecent', path: fromFinder },
    ]);
    await flush();
  });

  it('opens a single empty window on a normal start', async () => {
    resetElectron();
    app.userData = await tempDir('bprop-userdata-');
    app.documents = await tempDir('bprop-docs-');
    await startDesktopApp(['/bin/app']);
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(BrowserWindow.getAllWindows()[0]!.webContents.loadFile).toHaveBeenCalledWith(path.join('/app', 'out', 'renderer', 'index.html'));
  });
});
