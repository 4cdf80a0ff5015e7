/**
 * The main-process side of the preload API. Every handler first checks that the message came
 * from one of our windows' main frame showing our renderer, then checks its arguments: the
 * renderer is treated as untrusted input.
 */
import { dialog, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { ExportFile, ExportKind, MessageOptions } from '../shared/desktop-api';
import { INVOKE_METHODS, IPC, SEND_METHODS, isNativeEdit, type MainHandlers, type MainListeners } from '../shared/ipc-channels';
import type { ProjectFiles } from './project-files';
import { ProjectWindow, type DocumentState } from './project-window';
import type { RecentFiles } from './recent';
import type { RecoveryStore } from './recovery';
import { isTrustedFrame } from './security';

export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
}

/** The window behind an IPC message, if the message came from its trusted main frame. */
export function trustedSenderWindow(event: IpcMainEvent | IpcMainInvokeEvent): ProjectWindow {
  const window = ProjectWindow.fromWebContents(event.sender);
  const frame = event.senderFrame;
  if (!window || window.win.isDestroyed() || !isTrustedFrame(frame, window.win.webContents.mainFrame)) {
    throw new UntrustedSenderError(`IPC refused: the sender (${frame?.url ?? 'unknown frame'}) is not a Backprop Studio window`);
  }
  return window;
}

function handle(channel: string, handler: (window: ProjectWindow, ...args: unknown[]) => unknown): void {
  ipcMain.handle(channel, (event, ...args) => handler(trustedSenderWindow(event), ...args));
}

/** One-way messages: an untrusted or malformed message is dropped with a warning. */
function listen(channel: string, handler: (window: ProjectWindow, ...args: unknown[]) => void): void {
  ipcMain.on(channel, (event, ...args) => {
    try {
      handler(trustedSenderWindow(event), ...args);
    } catch (error) {
      console.warn(`[ipc] ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

export function str(value: unknown, what: string, maxLength = Infinity): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (value.length > maxLength) throw new RangeError(`${what} is too long`);
  return value;
}

function strOrNull(value: unknown, what: string): string | null {
  return value === null ? null : str(value, what);
}

/** Control characters out, length capped: these strings end up in titles and dialogs. */
function label(value: unknown, what: string, max = 300): string {
  return str(value, what).replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, max);
}

export function documentStateArg(value: unknown): DocumentState {
  const v = value as Partial<DocumentState> | null;
  if (typeof v !== 'object' || v === null || typeof v.dirty !== 'boolean') throw new TypeError('document state must be { name, dirty, path }');
  const history = (value: unknown, what: string) => (value === undefined || value === null ? null : label(value, what, 80));
  return { name: label(v.name, 'name', 200) || 'Untitled', dirty: v.dirty, path: strOrNull(v.path ?? null, 'path'), undo: history(v.undo, 'undo'), redo: history(v.redo, 'redo') };
}

const MESSAGE_TYPES = new Set(['info', 'warning', 'error', 'question']);

export function messageOptionsArg(value: unknown): MessageOptions {
  const v = value as Partial<MessageOptions> | null;
  if (typeof v !== 'object' || v === null || !MESSAGE_TYPES.has(v.type as string)) throw new TypeError('message options need a type');
  const buttons = v.buttons === undefined ? undefined : Array.isArray(v.buttons) ? v.buttons.slice(0, 6).map((b) => label(b, 'button', 60)) : undefined;
  return {
    type: v.type as MessageOptions['type'],
    title: label(v.title ?? '', 'title', 200),
    message: label(v.message, 'message', 2000),
    detail: v.detail === undefined ? undefined : str(v.detail, 'detail').slice(0, 8000),
    buttons,
  };
}

const EXPORT_KINDS: readonly ExportKind[] = ['onnx', 'pytorch', 'png', 'svg', 'markdown'];

export function exportKindArg(value: unknown): ExportKind {
  if (!EXPORT_KINDS.includes(value as ExportKind)) throw new TypeError(`unknown export kind ${String(value)}`);
  return value as ExportKind;
}

/** Export files: plain names (no folders: they are written beside the file the user chose) and bytes. */
export function exportFilesArg(value: unknown): ExportFile[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 8) throw new TypeError('export files must be a list of 1 to 8 files');
  return value.map((f: Partial<ExportFile> | null, k) => {
    const name = str(f?.name, `file ${k + 1} name`, 200);
    if (!/^[^\\/:*?"<>|\u0000-\u001f]+$/.test(name) || name.startsWith('.')) throw new TypeError(`file name '${name}' is not a plain file name`);
    if (!(f?.bytes instanceof Uint8Array)) throw new TypeError(`file '${name}' has no bytes`);
    return { name, bytes: f.bytes };
  });
}

export interface IpcServices {
  files: ProjectFiles;
  recent: RecentFiles;
  recovery: RecoveryStore;
}

/** One handler per invoke channel of the IPC map (ipc-channels.ts); arguments are checked here, results typed by DesktopApi. */
export function ipcHandlers({ files, recent }: IpcServices): MainHandlers<ProjectWindow> {
  return {
    openProject: (w) => files.openWithDialog(w),
    openRecent: (w, file) => files.openRecent(w, str(file, 'path')),
    openDropped: (w, file) => files.openDropped(w, str(file, 'path')),
    saveProject: (w, file, text, name) => files.save(w, strOrNull(file, 'path'), str(text, 'text'), label(name, 'name')),
    saveProjectAs: (w, text, name) => files.saveAs(w, str(text, 'text'), label(name, 'name')),
    recentFiles: () => recent.list(),
    exportWeights: (w, json, name) => files.exportWeights(w, str(json, 'json'), label(name, 'name')),
    exportFiles: (w, exported, kind) => files.exportFiles(w, exportFilesArg(exported), exportKindArg(kind)),
    readProjectCsv: (w, projectPath, rel) => files.readProjectCsv(w, str(projectPath, 'projectPath'), str(rel, 'relativePath', 4096)),
    chooseCsv: (w) => files.chooseCsv(w),
    showMessage: async (w, options) => (await dialog.showMessageBox(w.win, { ...messageOptionsArg(options), noLink: true })).response,
  };
}

/** One listener per one-way channel of the IPC map. */
export function ipcListeners({ recovery }: IpcServices): MainListeners<ProjectWindow> {
  return {
    setDocumentState: (w, state) => w.setDocumentState(documentStateArg(state)),
    writeRecovery: (w, text) => {
      const id = w.recoveryId;
      const write = text === null ? recovery.clear(id) : recovery.write(id, str(text, 'recovery text'));
      write.catch((error: unknown) => console.warn('[recovery] could not write the recovery copy', error));
    },
    nativeEdit: (w, command) => {
      if (!isNativeEdit(command)) throw new TypeError(`unknown edit command ${String(command)}`);
      w.win.webContents[command]();
    },
  };
}

export function registerIpcHandlers(services: IpcServices): void {
  const handlers = ipcHandlers(services);
  const listeners = ipcListeners(services);
  for (const method of INVOKE_METHODS) handle(IPC[method], handlers[method] as (window: ProjectWindow, ...args: unknown[]) => unknown);
  for (const method of SEND_METHODS) listen(IPC[method], listeners[method] as (window: ProjectWindow, ...args: unknown[]) => void);
}
