/**
 * The desktop IPC map (src/shared/ipc-channels.ts) drives both ends: main registers exactly one
 * handler per invoke channel and one listener per one-way channel, and the preload's generated
 * invokers use the same channels, so a renderer call always reaches a handler.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers } from '../../src/main/ipc';
import { createInvokers, createSenders, type IpcLike } from '../../src/preload/api';
import { INVOKE_METHODS, IPC, SEND_METHODS, isNativeEdit } from '../../src/shared/ipc-channels';
import { ipcMain, resetElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

afterEach(() => resetElectron());

function recordingIpc(): IpcLike & { invoked: unknown[][]; sent: unknown[][] } {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  return {
    invoked,
    sent,
    invoke: async (channel, ...args) => void invoked.push([channel, ...args]),
    send: (channel, ...args) => void sent.push([channel, ...args]),
    on: () => undefined,
  };
}

describe('desktop IPC map', () => {
  it('main registers one handler per invoke channel and one listener per one-way channel, and nothing else', () => {
    registerIpcHandlers({ files: {} as never, recent: {} as never, recovery: {} as never });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map((m) => IPC[m]).sort());
    expect([...ipcMain.listeners.keys()].sort()).toEqual(SEND_METHODS.map((m) => IPC[m]).sort());
    for (const listeners of ipcMain.listeners.values()) expect(listeners).toHaveLength(1);
  });

  it('the preload invokes and sends on the channel of the same method, with the arguments unchanged', async () => {
    const ipc = recordingIpc();
    const invokers = createInvokers(ipc);
    expect(Object.keys(invokers).sort()).toEqual([...INVOKE_METHODS].sort());
    await invokers.saveProject('/p/a.bprop', 'TEXT', 'a');
    await invokers.openDropped('/dropped/x.bprop');
    expect(ipc.invoked).toEqual([
      [IPC.saveProject, '/p/a.bprop', 'TEXT', 'a'],
      [IPC.openDropped, '/dropped/x.bprop'],
    ]);
    const senders = createSenders(ipc);
    senders.nativeEdit('copy');
    senders.writeRecovery(null);
    expect(ipc.sent).toEqual([
      [IPC.nativeEdit, 'copy'],
      [IPC.writeRecovery, null],
    ]);
  });

  it('channel names are distinct', () => {
    const names = Object.values(IPC);
    expect(new Set(names).size).toBe(names.length);
  });

  it('isNativeEdit accepts the native edit commands only', () => {
    expect(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'].every(isNativeEdit)).toBe(true);
    expect([undefined, 'executeJavaScript', 'save', 'Copy', 42].some(isNativeEdit)).toBe(false);
  });
});
