/**
 * Builds the DesktopApi on top of ipcRenderer. Kept apart from index.ts (which only exposes it)
 * so tests can build it with a fake ipcRenderer. Runs in the sandboxed, isolated preload world:
 * no Node modules, only the Electron renderer modules passed in.
 */
import type { DesktopApi, EngineRestartInfo, MenuCommand } from '../shared/desktop-api';
import { INVOKE_METHODS, IPC, SEND_METHODS, isNativeEdit, type Invokers, type RendererPushes, type Senders } from '../shared/ipc-channels';

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

/** One invoker per channel of the IPC map: method K invokes IPC[K] with its arguments. */
export function createInvokers(ipc: IpcLike): Invokers {
  return Object.fromEntries(INVOKE_METHODS.map((method) => [method, (...args: unknown[]) => ipc.invoke(IPC[method], ...args)])) as Invokers;
}

/** One sender per one-way channel of the IPC map. */
export function createSenders(ipc: IpcLike): Senders {
  return Object.fromEntries(SEND_METHODS.map((method) => [method, (...args: unknown[]) => ipc.send(IPC[method], ...args)])) as Senders;
}

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
  const invoke = createInvokers(ipc);
  const send = createSenders(ipc);

  ipc.on(IPC.menuCommand, (_event, command) => {
    const cmd = command as RendererPushes['menuCommand'];
    // Cmd/Ctrl+C in a text field means the text, not the selected nodes.
    if (isNativeEdit(cmd.type) && isEditingText()) send.nativeEdit(cmd.type);
    else menuCommands.emit(cmd);
  });
  ipc.on(IPC.engineRestarted, (_event, info) => engineRestarts.emit(info as RendererPushes['engineRestarted']));

  const { nativeEdit: _internal, ...senders } = send;
  return {
    ...invoke,
    ...senders,
    openDropped: (file) => invoke.openDropped(getPathForFile(file)),
    // Only the fields main reads: the page may pass a richer object, and it must survive structured clone.
    setDocumentState: (state) => send.setDocumentState({ name: state.name, dirty: state.dirty, path: state.path, undo: state.undo ?? null, redo: state.redo ?? null }),
    onMenuCommand: (listener) => menuCommands.subscribe(listener),
    onEngineRestarted: (listener) => engineRestarts.subscribe(listener),
  };
}
