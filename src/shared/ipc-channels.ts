/**
 * The desktop IPC map shared by the Electron main process and the preload (desktop only): the
 * channel names, which DesktopApi method each channel serves, and the argument and result types
 * derived from DesktopApi (desktop-api.ts, where each signature is written once). The preload
 * generates its invokers from INVOKE_METHODS (src/preload/api.ts) and main registers one
 * handler per method from a table typed by MainHandlers (src/main/ipc.ts), so a channel
 * without a handler, or a handler answering the wrong type, does not compile.
 * No Electron or Node imports, so both bundles can include it.
 */
import type { DesktopApi, EngineRestartInfo, MenuCommand } from './desktop-api';

export const IPC = {
  openProject: 'project:open',
  openRecent: 'project:open-recent',
  openDropped: 'project:open-dropped',
  saveProject: 'project:save',
  saveProjectAs: 'project:save-as',
  recentFiles: 'project:recent-files',
  exportWeights: 'project:export-weights',
  exportFiles: 'project:export-files',
  readProjectCsv: 'csv:read-project',
  chooseCsv: 'csv:choose',
  showMessage: 'dialog:show-message',
  /** renderer → main, one-way. */
  setDocumentState: 'window:set-document-state',
  writeRecovery: 'recovery:write',
  /** An Edit menu command while a text field has focus: main runs the native edit instead. */
  nativeEdit: 'window:native-edit',
  /** main → renderer. */
  menuCommand: 'menu-command',
  engineRestarted: 'engine-restarted',
  enginePort: 'engine-port',
} as const;

/** Edit commands a text field handles natively (webContents.undo() etc.). */
export const NATIVE_EDIT_COMMANDS = ['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'] as const;
export type NativeEditCommand = (typeof NATIVE_EDIT_COMMANDS)[number];

export function isNativeEdit(value: unknown): value is NativeEditCommand {
  return (NATIVE_EDIT_COMMANDS as readonly unknown[]).includes(value);
}

/** renderer → main, answered (ipcRenderer.invoke / ipcMain.handle): each is the DesktopApi method of the same name. */
export const INVOKE_METHODS = [
  'openProject',
  'openRecent',
  'openDropped',
  'saveProject',
  'saveProjectAs',
  'recentFiles',
  'exportWeights',
  'exportFiles',
  'readProjectCsv',
  'chooseCsv',
  'showMessage',
] as const satisfies readonly (keyof DesktopApi & keyof typeof IPC)[];
export type InvokeMethod = (typeof INVOKE_METHODS)[number];

/** renderer → main, one-way (ipcRenderer.send / ipcMain.on). */
export const SEND_METHODS = ['setDocumentState', 'writeRecovery', 'nativeEdit'] as const satisfies readonly (keyof typeof IPC)[];
export type SendMethod = (typeof SEND_METHODS)[number];

/** Where the arguments on the wire differ from the DesktopApi method's (the preload converts them). */
interface WireArgOverrides {
  /** A dropped File becomes its path (webUtils.getPathForFile): a File cannot cross IPC. */
  openDropped: [path: string];
  /** Not part of DesktopApi: the preload sends it when an Edit command arrives while a text field has focus. */
  nativeEdit: [command: NativeEditCommand];
}

type ApiArgs<K> = K extends keyof DesktopApi ? Parameters<DesktopApi[K]> : never;
/** The arguments of method K as they travel over IPC. */
export type WireArgs<K extends InvokeMethod | SendMethod> = K extends keyof WireArgOverrides ? WireArgOverrides[K] : ApiArgs<K>;
/** What main answers to method K. */
export type InvokeResult<K extends InvokeMethod> = Awaited<ReturnType<DesktopApi[K]>>;

/** The preload's invokers, one per INVOKE_METHODS entry, with the wire's arguments. */
export type Invokers = { [K in InvokeMethod]: (...args: WireArgs<K>) => Promise<InvokeResult<K>> };
export type Senders = { [K in SendMethod]: (...args: WireArgs<K>) => void };

/** Arguments as main receives them: the renderer is untrusted, so each is checked before use. */
type Untrusted<T extends unknown[]> = { [I in keyof T]: unknown };

/** main → renderer: what each push carries (the preload turns them into DesktopApi's onMenuCommand / onEngineRestarted). */
export interface RendererPushes {
  menuCommand: MenuCommand;
  engineRestarted: EngineRestartInfo;
}

/** Main's handlers (for a window, already checked to be ours): one per method, answering its result. */
export type MainHandlers<Window> = { [K in InvokeMethod]: (window: Window, ...args: Untrusted<WireArgs<K>>) => InvokeResult<K> | Promise<InvokeResult<K>> };
export type MainListeners<Window> = { [K in SendMethod]: (window: Window, ...args: Untrusted<WireArgs<K>>) => void };
