import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineSupervisor, ENGINE_PORT_HANDOFF } from '../../src/main/engine-supervisor';
import { IPC } from '../../src/shared/ipc-channels';
import { app, dialog, forks, FakeMessagePortMain, type BrowserWindow, type FakeUtilityProcess } from './fake-electron';
import { flush, openLoadedWindow, startTestApp, type TestApp } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

const ENTRY = path.join('/app', 'out', 'main', 'engine.js');

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.cleanup());

function portsPostedTo(win: BrowserWindow): FakeMessagePortMain[] {
  return win.webContents.postMessage.mock.calls.map(([channel, message, transfer]) => {
    expect(channel).toBe(IPC.enginePort);
    expect(message).toBeNull();
    return (transfer as FakeMessagePortMain[])[0]!;
  });
}

function portSentTo(child: FakeUtilityProcess): FakeMessagePortMain {
  expect(child.postMessage).toHaveBeenCalledTimes(1);
  const [message, transfer] = child.postMessage.mock.calls[0]!;
  expect(message).toEqual(ENGINE_PORT_HANDOFF);
  return (transfer as FakeMessagePortMain[])[0]!;
}

const restartsSentTo = (win: BrowserWindow) => win.webContents.send.mock.calls.filter(([channel]) => channel === IPC.engineRestarted);

describe('engine process per window', () => {
  it('is forked from the engine entry once the page has loaded, with port1 to the child and port2 to the page', () => {
    const window = t.desktop.createWindow();
    expect(forks).toHaveLength(0); // nobody would be listening for the port yet
    const win = window.win as unknown as BrowserWindow;
    win.webContents.finishLoad();

    expect(forks).toHaveLength(1);
    expect(forks[0]!.modulePath).toBe(ENTRY);
    expect(forks[0]!.options).toMatchObject({ serviceName: 'Backprop Studio Engine' });
    const childPort = portSentTo(forks[0]!);
    const [pagePort] = portsPostedTo(win);
    expect(childPort).toBeInstanceOf(FakeMessagePortMain);
    expect(pagePort).toBeInstanceOf(FakeMessagePortMain);
    expect(pagePort!.id).toBe(childPort.id + 1); // the two ends of one channel
  });

  it('passes the packaged datasets folder (extraResources) to the engine through its environment', () => {
    openLoadedWindow(t.desktop);
    expect((forks[0]!.options.env as Record<string, string>).BACKPROP_DATASETS_DIR).toBeUndefined(); // development: found from the code's location

    const proc = process as { resourcesPath?: string };
    app.isPackaged = true;
    proc.resourcesPath = path.join('/opt', 'Backprop Studio', 'resources');
    try {
      openLoadedWindow(t.desktop);
      expect((forks[1]!.options.env as Record<string, string>).BACKPROP_DATASETS_DIR).toBe(path.join(proc.resourcesPath, 'datasets'));
    } finally {
      delete proc.resourcesPath;
    }
  });

  it('restarts a crashed engine, hands the page a fresh port and tells the renderer', () => {
    const { win } = openLoadedWindow(t.desktop);
    forks[0]!.crash(139);

    expect(forks).toHaveLength(2);
    const ports = portsPostedTo(win);
    expect(ports).toHaveLength(2);
    expect(ports[1]).not.toBe(ports[0]);
    expect(portSentTo(forks[1]!).id).toBe(ports[1]!.id - 1);
    expect(restartsSentTo(win)).toEqual([[IPC.engineRestarted, { reason: 'the engine process exited unexpectedly (code 139)' }]]);
  });

  it('gives up after 3 crashes in 10 s, tells the user, and restarts only when asked', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false }); // Not Now
    const { win, window } = openLoadedWindow(t.desktop);
    forks[0]!.crash(1);
    forks[1]!.crash(1);
    forks[2]!.crash(1);
    await flush();

    expect(forks).toHaveLength(3);
    expect(window.engine.running).toBe(false);
    expect(restartsSentTo(win)).toHaveLength(2);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const options = dialog.showMessageBox.mock.calls[0]![1] as { message: string; buttons: string[] };
    expect(options.message).toMatch(/keeps stopping and was not restarted/);
    expect(options.buttons).toEqual(['Restart Engine', 'Not Now']);

    forks[2]!.crash(1); // a repeated exit event of the dead child changes nothing
    expect(forks).toHaveLength(3);
  });

  it('restarts when the user chooses Restart Engine after giving up', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    const { win, window } = openLoadedWindow(t.desktop);
    for (let i = 0; i < 3; i++) forks[i]!.crash(1);
    await flush();
    expect(forks).toHaveLength(4);
    expect(window.engine.running).toBe(true);
    expect(portsPostedTo(win)).toHaveLength(4);
    expect(restartsSentTo(win).at(-1)![1]).toEqual({ reason: 'restarted at your request after repeated crashes' });
  });

  it('kills the engine when its window closes, and does not restart it', async () => {
    const { win } = openLoadedWindow(t.desktop);
    const child = forks[0]!;
    win.close();
    expect(child.kill).toHaveBeenCalledTimes(1);
    await flush(); // the exit event arrives after the kill
    expect(forks).toHaveLength(1);
    expect(restartsSentTo(win)).toHaveLength(0);
  });

  it('replaces the engine quietly when the page reloads', async () => {
    const { win } = openLoadedWindow(t.desktop);
    win.webContents.finishLoad();
    expect(forks[0]!.kill).toHaveBeenCalled();
    await flush();
    expect(forks).toHaveLength(2);
    expect(portsPostedTo(win)).toHaveLength(2);
    expect(restartsSentTo(win)).toHaveLength(0);
  });
});

describe('EngineSupervisor', () => {
  function supervisor(now: () => number) {
    const delivered: unknown[] = [];
    const s = new EngineSupervisor({ entryPath: '/x/engine.js', deliverPort: (p) => delivered.push(p), now });
    const events: string[] = [];
    s.on('restarted', () => events.push('restarted'));
    s.on('gaveUp', (e) => events.push(`gaveUp:${e.crashes}`));
    s.on('exit', (e) => events.push(`exit:${e.code}:${e.expected}`));
    return { s, delivered, events };
  }

  it('keeps restarting crashes that are spread out in time', () => {
    let clock = 0;
    const { s, events } = supervisor(() => clock);
    s.start();
    for (let i = 0; i < 5; i++) {
      clock += 6_000;
      forks.at(-1)!.crash(2);
    }
    expect(forks).toHaveLength(6);
    expect(events.filter((e) => e === 'restarted')).toHaveLength(5);
    s.dispose();
  });

  it('backs off when crashes come quickly, and can be reset', () => {
    let clock = 0;
    const { s, events } = supervisor(() => clock);
    s.start();
    forks.at(-1)!.crash(1);
    clock += 1000;
    forks.at(-1)!.crash(1);
    clock += 1000;
    forks.at(-1)!.crash(1);
    expect(events).toEqual(['exit:1:false', 'restarted', 'exit:1:false', 'restarted', 'exit:1:false', 'gaveUp:3']);
    expect(s.running).toBe(false);
    s.resetCrashes();
    s.start();
    expect(s.running).toBe(true);
    s.dispose();
    expect(() => s.start()).toThrow(/disposed/);
  });

  it('reports the exit of a process it killed as expected', async () => {
    const { s, events } = supervisor(() => 0);
    s.start();
    s.dispose();
    await flush();
    expect(events).toEqual(['exit:0:true']);
  });
});
