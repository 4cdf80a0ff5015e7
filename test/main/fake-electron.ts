/**
 * A hand-written fake of the Electron pieces main and preload use (the real binary cannot run
 * here). Use with `vi.mock('electron', () => import('./fake-electron'))`; call resetElectron()
 * between tests.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault = vi.fn(() => {
    this.defaultPrevented = true;
  });
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    public processId = 1,
    public routingId = 1,
  ) {}
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank', null, 1, this.id);
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send = vi.fn();
  postMessage = vi.fn();
  loadURL = vi.fn(async (url: string) => {
    this.mainFrame.url = url;
  });
  loadFile = vi.fn(async (file: string) => {
    this.mainFrame.url = `file://${file}`;
  });
  undo = vi.fn();
  redo = vi.fn();
  cut = vi.fn();
  copy = vi.fn();
  paste = vi.fn();
  delete = vi.fn();
  selectAll = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  /** Simulates the page finishing loading (the engine starts and queued commands go out). */
  finishLoad(): void {
    this.emit('did-finish-load');
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static focusedWindow: BrowserWindow | null = null;
  static getAllWindows = () => BrowserWindow.instances.filter((w) => !w.destroyed);
  static getFocusedWindow = () => BrowserWindow.focusedWindow;
  static fromWebContents = (contents: FakeWebContents) => BrowserWindow.instances.find((w) => w.webContents === contents) ?? null;

  readonly webContents = new FakeWebContents();
  title = '';
  destroyed = false;
  maximized = false;
  minimized = false;
  documentEdited = false;
  representedFilename = '';
  bounds = { x: 10, y: 20, width: 1280, height: 800 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }
  setRepresentedFilename(file: string): void {
    this.representedFilename = file;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized = (): boolean => this.maximized;
  isMinimized = (): boolean => this.minimized;
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    BrowserWindow.focusedWindow = this;
    this.emit('focus');
  }
  show(): void {}
  getNormalBounds() {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (BrowserWindow.focusedWindow === this) BrowserWindow.focusedWindow = null;
    this.emit('closed');
  }
}

export class FakeMessagePortMain extends EventEmitter {
  static nextId = 1;
  readonly id = FakeMessagePortMain.nextId++;
  postMessage = vi.fn();
  start = vi.fn();
  close = vi.fn();
}

export class MessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
}

export class FakeUtilityProcess extends EventEmitter {
  static nextPid = 1000;
  readonly pid = FakeUtilityProcess.nextPid++;
  killed = false;
  postMessage = vi.fn();
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  /** Like Electron: the exit event follows the kill asynchronously. */
  kill = vi.fn(() => {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  });
  /** Simulates a crash. */
  crash(code = 1): void {
    this.emit('exit', code);
  }
}

export const forks: FakeUtilityProcess[] = [];
export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
    const child = new FakeUtilityProcess(modulePath, args, options);
    forks.push(child);
    return child;
  }),
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  listeners: new Map<string, Handler[]>(),
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  on: vi.fn((channel: string, listener: Handler) => {
    ipcMain.listeners.set(channel, [...(ipcMain.listeners.get(channel) ?? []), listener]);
  }),
};

export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
};

export const Menu = {
  current: null as null | { template: unknown[] },
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown[] } | null) => {
    Menu.current = menu;
  }),
};

export const shell = { openExternal: vi.fn(async () => undefined) };

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  },
};

export const screen = { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) };

class FakeApp extends EventEmitter {
  userData = '/tmp/backprop-userdata';
  documents = '/tmp/backprop-documents';
  isPackaged = false;
  getPath = vi.fn((name: string) => (name === 'documents' ? this.documents : this.userData));
  getAppPath = vi.fn(() => '/app');
  whenReady = vi.fn(async (): Promise<void> => undefined);
  requestSingleInstanceLock = vi.fn(() => true);
  quit = vi.fn();
  exit = vi.fn();
  enableSandbox = vi.fn();
  setAppUserModelId = vi.fn();
  addRecentDocument = vi.fn();
  clearRecentDocuments = vi.fn();
}
export const app = new FakeApp();

// Preload side.
export const contextBridge = { exposeInMainWorld: vi.fn() };
class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]) => undefined as unknown);
  send = vi.fn();
}
export const ipcRenderer = new FakeIpcRenderer();
export const webUtils = { getPathForFile: vi.fn((file: { name: string }) => `/dropped/${file.name}`) };

export function resetElectron(): void {
  for (const win of [...BrowserWindow.instances]) win.destroy();
  BrowserWindow.instances = [];
  BrowserWindow.focusedWindow = null;
  forks.length = 0;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  app.removeAllListeners();
  app.isPackaged = false;
  Menu.current = null;
  vi.clearAllMocks();
  dialog.showMessageBox.mockImplementation(async () => ({ response: 0, checkboxChecked: false }));
  dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true, filePath: '' }));
}
