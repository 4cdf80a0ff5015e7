/**
 * Builds the DesktopApi on top of ipcRenderer. Kept apart from index.ts (which only exposes it)
 * so tests can build it with a fake ipcRenderer. Runs in the sandboxed, isolated preload world:
 * no Node modules, only the Electron renderer modules passed in.
 */
import type { DesktopApi, EngineRestartInfo, MenuCommand } from '../shared/desktop-api';
import { IPC, NATIVE_EDIT_COMMANDS, type NativeEditCommand } from '../shared/ipc-channels';

/** The parts of Electron's ipcRenderer the API uses. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface PreloadEnvironment {
  ipc: IpcLike;
  /** webUtils.getPathForFile: the only way to learn a dropped File's path under contextIsolation. */
  getPathForFile(file: File): string;
  /** True while a text field has focus (then Edit commands run natively, not in the editor). */
  isEditingText(): boolean;
}

const isNativeEdit = (type: string): type is NativeEditCommand => (NATIVE_EDIT_COMMANDS as readonly string[]).includes(type);

/** Listeners with a buffer: commands that arrive before the page subscribes are delivered on its first subscribe. */
class Channel<T> {
  private readonly listeners = new Set<(value: T) => void>();
  private buffered: T[] | null;

  constructor(buffer: boolean) {
    this.buffered = buffer ? [] : null;
  }

  emit(value: T): void {
    if (this.listeners.size === 0 && this.buffered) this.buffered.push(value);
    for (const listener of [...this.listeners]) listener(value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    const pending = this.buffered?.splice(0) ?? [];
    if (pending.length) queueMicrotask(() => pending.forEach((value) => listener(value)));
    return () => {
      this.listeners.delete(listener);
    };
  }
}

export function createDesktopApi({ ipc, getPathForFile, isEditingText }: PreloadEnvironment): DesktopApi {
  const menuCommands = new Channel<MenuCommand>(true);
  const engineRestarts = new Channel<EngineRestartInfo>(false);

  ipc.on(IPC.menuCommand, (_event, command) => {
    const cmd = command as MenuCommand;
    // Cmd/Ctrl+C in a text field means the text, not the selected nodes.
    if (isNativeEdit(cmd.type) && isEditingText()) ipc.send(IPC.nativeEdit, cmd.type);
    else menuCommands.emit(cmd);
  });
  ipc.on(IPC.engineRestarted, (_event, info) => engineRestarts.emit(info as EngineRestartInfo));

  const invoke = <T>(channel: string, ...args: unknown[]) => ipc.invoke(channel, ...args) as Promise<T>;
  return {
    openProject: () => invoke(IPC.openProject),
    openRecent: (path) => invoke(IPC.openRecent, path),
    openDropped: (file) => invoke(IPC.openDropped, getPathForFile(file)),
    saveProject: (path, text, suggestedName) => invoke(IPC.saveProject, path, text, suggestedName),
    saveProjectAs: (text, suggestedName) => invoke(IPC.saveProjectAs, text, suggestedName),
    recentFiles: () => invoke(IPC.recentFiles),
    exportWeights: (json, suggestedName) => invoke(IPC.exportWeights, json, suggestedName),
    exportFiles: (files, kind) => invoke(IPC.exportFiles, files, kind),
    readProjectCsv: (projectPath, relativePath) => invoke(IPC.readProjectCsv, projectPath, relativePath),
    chooseCsv: () => invoke(IPC.chooseCsv),
    setDocumentState: (state) => ipc.send(IPC.setDocumentState, { name: state.name, dirty: state.dirty, path: state.path, undo: state.undo ?? null, redo: state.redo ?? null }),
    writeRecovery: (text) => ipc.send(IPC.writeRecovery, text),
    showMessage: (options) => invoke(IPC.showMessage, options),
    onMenuCommand: (listener) => menuCommands.subscribe(listener),
    onEngineRestarted: (listener) => engineRestarts.subscribe(listener),
  };
}
