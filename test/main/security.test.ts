import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../src/shared/ipc-channels';
import { CONTENT_SECURITY_POLICY, installSessionSecurity, secureWebPreferences } from '../../src/main/security';
import { UntrustedSenderError } from '../../src/main/ipc';
import { FakeEvent, FakeFrame, session, shell, type BrowserWindow } from './fake-electron';
import { eventFrom, invoke, sendToMain } from './fake-ipc';
import { openLoadedWindow, startTestApp, type TestApp } from './helpers';

vi.mock('electron', () => import('./fake-electron'));

let t: TestApp;
let win: BrowserWindow;

beforeEach(async () => {
  t = await startTestApp();
  ({ win } = openLoadedWindow(t.desktop));
});
afterEach(() => t.cleanup());

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('window webPreferences', () => {
  it('follow the security checklist exactly', () => {
    expect(secureWebPreferences('/p/index.cjs')).toEqual({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('are the ones every window is created with, with the built CommonJS preload', () => {
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
  });
});

describe('Content-Security-Policy', () => {
  it('is strict: scripts only from the app, no eval, no inline scripts', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
  });

  it('is set as a response header on the default session, replacing any other CSP header', () => {
    const onHeaders = session.defaultSession.webRequest.onHeadersReceived;
    expect(onHeaders).toHaveBeenCalledTimes(1);
    const listener = onHeaders.mock.calls[0]![0] as (details: unknown, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    listener({ url: 'file:///app/out/renderer/index.html', responseHeaders: { 'content-security-policy': ["script-src *"], 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] } });
  });
});

describe('permissions', () => {
  it('denies permission requests (camera, location, notifications...) and checks', () => {
    installSessionSecurity(session.defaultSession as never);
    const request = session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (...args: unknown[]) => void;
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    const appUrl = 'file:///app/out/renderer/index.html';
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request(win.webContents, permission, callback, { requestingUrl: appUrl, isMainFrame: true });
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(win.webContents, permission, 'file://', { requestingUrl: appUrl, isMainFrame: true })).toBe(false);
    }
    // Copy in the editor writes to the clipboard; only our page may.
    const cb = vi.fn();
    request(win.webContents, 'clipboard-sanitized-write', cb, { requestingUrl: 'https://evil.example/', isMainFrame: true });
    expect(cb).toHaveBeenCalledWith(false);
  });
});

describe('navigation and new windows', () => {
  it('blocks every navigation; web links go to the external browser', () => {
    const toWeb = new FakeEvent();
    win.webContents.emit('will-navigate', toWeb, 'https://example.com/docs');
    expect(toWeb.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');

    const toFile = new FakeEvent();
    win.webContents.emit('will-navigate', toFile, 'file:///etc/passwd');
    expect(toFile.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies window.open; only http(s) URLs are handed to the OS', () => {
    const handler = win.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('blocks webviews', () => {
    const event = new FakeEvent();
    win.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('IPC sender checks', () => {
  it('answers our window main frame', async () => {
    await expect(invoke(IPC.recentFiles, eventFrom(win))).resolves.toEqual([]);
  });

  it('rejects a foreign page in the main frame', async () => {
    win.webContents.mainFrame.url = 'https://evil.example/';
    await expect(invoke(IPC.recentFiles, eventFrom(win))).rejects.toThrow(UntrustedSenderError);
  });

  it('rejects a sub-frame, even one showing our URL', async () => {
    const sub = new FakeFrame(win.webContents.mainFrame.url, win.webContents.mainFrame, 1, 99);
    await expect(invoke(IPC.recentFiles, eventFrom(win, sub))).rejects.toThrow(/not a Backprop Studio window/);
  });

  it('rejects a missing frame and web contents that are not ours', async () => {
    await expect(invoke(IPC.recentFiles, { sender: win.webContents, senderFrame: null })).rejects.toThrow(UntrustedSenderError);
    const stranger = { sender: { id: -5 }, senderFrame: win.webContents.mainFrame };
    await expect(invoke(IPC.openProject, stranger)).rejects.toThrow(UntrustedSenderError);
  });

  it('rejects another file:// page than our renderer', async () => {
    win.webContents.mainFrame.url = 'file:///home/user/Downloads/evil.html';
    await expect(invoke(IPC.recentFiles, eventFrom(win))).rejects.toThrow(UntrustedSenderError);
  });

  it('drops one-way messages from a foreign frame', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const title = win.title;
    sendToMain(IPC.setDocumentState, eventFrom(win, new FakeFrame('https://evil.example/')), { name: 'pwned', dirty: true, path: null });
    expect(win.title).toBe(title);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('IPC refused'));
    sendToMain(IPC.setDocumentState, eventFrom(win), { name: 'Iris', dirty: true, path: null });
    expect(win.title).toBe('• Iris — Backprop Studio');
  });
});
