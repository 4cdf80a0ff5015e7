import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINE_PORT_MESSAGE, type DesktopApi, type MenuCommand } from '../../src/shared/desktop-api';
import { IPC } from '../../src/shared/ipc-channels';
import { contextBridge, ipcRenderer, webUtils } from '../main/fake-electron';

vi.mock('electron', () => import('../main/fake-electron'));

/** Every DesktopApi key, checked by the compiler in both directions. */
const API_KEYS: Record<keyof DesktopApi, true> = {
  openProject: true,
  openRecent: true,
  openDropped: true,
  saveProject: true,
  saveProjectAs: true,
  recentFiles: true,
  exportWeights: true,
  exportFiles: true,
  readProjectCsv: true,
  chooseCsv: true,
  setDocumentState: true,
  writeRecovery: true,
  showMessage: true,
  onMenuCommand: true,
  onEngineRestarted: true,
};

const page = {
  postMessage: vi.fn(),
  document: { activeElement: null as null | { tagName: string; type?: string; isContentEditable?: boolean } },
};

let api: DesktopApi;
let exposeCalls: unknown[][];

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = page;
  await import('../../src/preload/index');
  exposeCalls = contextBridge.exposeInMainWorld.mock.calls.map((c) => [...c]);
  api = exposeCalls[0]![1] as DesktopApi;
});

beforeEach(() => {
  ipcRenderer.invoke.mockClear();
  ipcRenderer.send.mockClear();
  page.postMessage.mockClear();
  page.document.activeElement = null;
});

describe('preload', () => {
  it('exposes exactly the DesktopApi as window.backprop, and nothing else', () => {
    expect(exposeCalls).toHaveLength(1);
    expect(exposeCalls[0]![0]).toBe('backprop');
    expect(Object.keys(api).sort()).toEqual(Object.keys(API_KEYS).sort());
    for (const key of Object.keys(api)) expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('invokes the right channel with the arguments for each request', async () => {
    const file = { name: 'xor.bprop' } as unknown as File;
    const options = { type: 'info' as const, title: 't', message: 'm' };
    const calls: [Promise<unknown>, unknown[]][] = [
      [api.openProject(), [IPC.openProject]],
      [api.openRecent('/p/a.bprop'), [IPC.openRecent, '/p/a.bprop']],
      [api.openDropped(file), [IPC.openDropped, '/dropped/xor.bprop']],
      [api.saveProject('/p/a.bprop', 'TEXT', 'a'), [IPC.saveProject, '/p/a.bprop', 'TEXT', 'a']],
      [api.saveProject(null, 'TEXT', 'a'), [IPC.saveProject, null, 'TEXT', 'a']],
      [api.saveProjectAs('TEXT', 'a'), [IPC.saveProjectAs, 'TEXT', 'a']],
      [api.recentFiles(), [IPC.recentFiles]],
      [api.exportWeights('{}', 'w'), [IPC.exportWeights, '{}', 'w']],
      [api.readProjectCsv('/p/a.bprop', 'd.csv'), [IPC.readProjectCsv, '/p/a.bprop', 'd.csv']],
      [api.chooseCsv(), [IPC.chooseCsv]],
      [api.showMessage(options), [IPC.showMessage, options]],
    ];
    await Promise.all(calls.map(([p]) => p));
    expect(ipcRenderer.invoke.mock.calls).toEqual(calls.map(([, args]) => args));
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(file);
  });

  it('sends document state and recovery text one-way', () => {
    api.setDocumentState({ name: 'XOR', dirty: true, path: null, extra: 'dropped' } as never);
    api.writeRecovery('{"name":"XOR"}');
    api.writeRecovery(null);
    expect(ipcRenderer.send.mock.calls).toEqual([
      [IPC.setDocumentState, { name: 'XOR', dirty: true, path: null, undo: null, redo: null }],
      [IPC.writeRecovery, '{"name":"XOR"}'],
      [IPC.writeRecovery, null],
    ]);
  });

  it('forwards the engine port to the page with window.postMessage (ports cannot cross the bridge)', () => {
    const port = { id: 'port2' };
    ipcRenderer.emit(IPC.enginePort, { ports: [port] });
    expect(page.postMessage).toHaveBeenCalledWith(ENGINE_PORT_MESSAGE, '*', [port]);
  });

  it('delivers menu commands, buffering those that arrive before the page subscribes', async () => {
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'openRecent', path: '/r.bprop' });
    const received: MenuCommand[] = [];
    const off = api.onMenuCommand((c) => received.push(c));
    await Promise.resolve();
    expect(received).toEqual([{ type: 'openRecent', path: '/r.bprop' }]);
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'new', template: 'iris' });
    expect(received.at(-1)).toEqual({ type: 'new', template: 'iris' });
    off();
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'save' });
    expect(received).toHaveLength(2);
    api.onMenuCommand(() => {})(); // the buffered save goes to the next subscriber, not lost
  });

  it('runs Edit commands natively while a text field has focus', () => {
    const received: MenuCommand[] = [];
    const off = api.onMenuCommand((c) => received.push(c));
    page.document.activeElement = { tagName: 'INPUT', type: 'number' };
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'paste' });
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'save' });
    page.document.activeElement = { tagName: 'DIV', isContentEditable: false };
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'paste' });
    page.document.activeElement = { tagName: 'INPUT', type: 'checkbox' };
    ipcRenderer.emit(IPC.menuCommand, {}, { type: 'selectAll' });
    off();
    expect(ipcRenderer.send.mock.calls).toEqual([[IPC.nativeEdit, 'paste']]);
    expect(received).toEqual([{ type: 'save' }, { type: 'paste' }, { type: 'selectAll' }]);
  });

  it('tells listeners about engine restarts', () => {
    const listener = vi.fn();
    const off = api.onEngineRestarted(listener);
    ipcRenderer.emit(IPC.engineRestarted, {}, { reason: 'code 139' });
    off();
    ipcRenderer.emit(IPC.engineRestarted, {}, { reason: 'again' });
    expect(listener.mock.calls).toEqual([[{ reason: 'code 139' }]]);
  });
});
