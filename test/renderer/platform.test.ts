// @vitest-environment jsdom
/** The web platform's fallbacks (upload/download, localStorage) and the desktop wrapper. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebPlatform, documentTitle, RECENT_KEY } from '../../src/renderer/src/platform/web';
import { createDesktopPlatform } from '../../src/renderer/src/platform/desktop';
import { resetTestHook } from '../../src/renderer/src/platform/test-hook';
import type { DesktopApi } from '../../src/shared/desktop-api';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

/** Makes the next <input type=file> "choose" this file (or cancel when null). */
function nextUpload(file: File | null): void {
  vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementationOnce(function (this: HTMLInputElement) {
    if (!file) return void this.dispatchEvent(new Event('cancel'));
    Object.defineProperty(this, 'files', { value: [file] });
    this.dispatchEvent(new Event('change'));
  });
}

/** Captures downloads: the Blob behind the object URL and the clicked <a download>. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const out: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    out.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return out;
}

beforeEach(() => {
  localStorage.clear();
  resetTestHook();
  history.replaceState(null, '', '/');
});
afterEach(() => vi.restoreAllMocks());

describe('web platform without the File System Access API', () => {
  it('saves by downloading a Blob', async () => {
    const downloads = captureDownloads();
    const p = createWebPlatform(window);
    const saved = await p.saveProject('{"x":1}', 'iris.bprop', null);
    expect(saved).toEqual({ path: null, name: 'iris.bprop' });
    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('iris.bprop');
    expect(downloads[0].blob.type).toBe('application/json');
    expect(await downloads[0].blob.text()).toBe('{"x":1}');
    await p.exportWeights('{"w":[]}', 'iris-weights.json');
    expect(downloads.map((d) => d.name)).toEqual(['iris.bprop', 'iris-weights.json']);
  });

  it('opens an uploaded file and remembers it in the recent list', async () => {
    const p = createWebPlatform(window);
    nextUpload(new File(['{"format":"backprop-studio"}'], 'xor.bprop'));
    expect(await p.openProject()).toEqual({ path: null, name: 'xor.bprop', text: '{"format":"backprop-studio"}' });
    nextUpload(null);
    expect(await p.openProject()).toBeNull();
    expect((await p.recentFiles()).map((r) => r.name)).toEqual(['xor.bprop']);
    expect(JSON.parse(localStorage.getItem(RECENT_KEY)!)[0].path).toBe('xor.bprop');
    nextUpload(null);
    await expect(p.openRecent('xor.bprop')).rejects.toThrow(/xor.bprop was not opened/);
  });

  it('keeps a chosen CSV for the session, with its sha256', async () => {
    const p = createWebPlatform(window);
    nextUpload(new File(['abc'], 'abc.csv'));
    expect(await p.chooseCsv()).toEqual({ name: 'abc.csv', resolvedPath: 'abc.csv', text: 'abc', sha256: ABC_SHA256 });
    expect(await p.readProjectCsv(null, 'abc.csv')).toMatchObject({ sha256: ABC_SHA256 });
    expect(await p.readProjectCsv(null, 'data/abc.csv')).toMatchObject({ text: 'abc' });
    expect(await p.readProjectCsv(null, 'other.csv')).toBeNull();
    expect(await createWebPlatform(window).readProjectCsv(null, 'abc.csv')).toBeNull(); // a new session
  });

  it('shows the name and the unsaved mark in the document title', () => {
    const p = createWebPlatform(window);
    p.setDocumentState({ name: 'iris.bprop', dirty: true, path: null });
    expect(document.title).toBe('iris.bprop • — Backprop Studio');
    p.setDocumentState({ name: 'iris.bprop', dirty: false, path: null });
    expect(document.title).toBe('iris.bprop — Backprop Studio');
    expect(documentTitle('Untitled', false)).toBe('Untitled — Backprop Studio');
  });

  it('keeps a recovery copy in localStorage and offers it at the next start', () => {
    const p = createWebPlatform(window);
    expect(p.recoveredProject()).toBeNull();
    p.writeRecovery('{"name":"My net"}');
    expect(createWebPlatform(window).recoveredProject()).toMatchObject({ path: null, name: 'My net.bprop', text: '{"name":"My net"}' });
    p.writeRecovery(null);
    expect(createWebPlatform(window).recoveredProject()).toBeNull();
  });

  it('menu commands are a no-op on the web (the editor handles shortcuts)', () => {
    const unsubscribe = createWebPlatform(window).onMenuCommand(() => {
      throw new Error('never called');
    });
    expect(unsubscribe()).toBeUndefined();
  });
});

describe('web platform with the File System Access API', () => {
  function fakeHandle(name: string) {
    const writes: string[] = [];
    const handle = {
      name,
      writes,
      getFile: async () => new File(['{"v":1}'], name),
      createWritable: async () => ({ write: async (t: string) => void writes.push(t), close: async () => {} }),
    };
    return handle;
  }

  it('writes back to the opened file; Save As asks; a cancelled picker is null', async () => {
    const opened = fakeHandle('iris.bprop');
    const other = fakeHandle('copy.bprop');
    const picks = { open: [opened], save: [other] as unknown[] };
    const win = Object.assign(Object.create(window) as Window, {
      document,
      localStorage,
      addEventListener: () => {},
      showOpenFilePicker: vi.fn(async () => [picks.open.shift()]),
      showSaveFilePicker: vi.fn(async () => {
        const next = picks.save.shift();
        if (!next) throw new DOMException('cancelled', 'AbortError');
        return next;
      }),
    });
    const p = createWebPlatform(win);
    expect(await p.openProject()).toEqual({ path: null, name: 'iris.bprop', text: '{"v":1}' });
    expect(await p.saveProject('A', 'iris.bprop', null)).toEqual({ path: null, name: 'iris.bprop' });
    expect(opened.writes).toEqual(['A']);
    expect(await p.saveProjectAs('B', 'iris.bprop')).toEqual({ path: null, name: 'copy.bprop' });
    expect(other.writes).toEqual(['B']);
    expect(await p.saveProject('C', 'copy.bprop', null)).toEqual({ path: null, name: 'copy.bprop' });
    expect(other.writes).toEqual(['B', 'C']);
    expect(await p.saveProjectAs('D', 'x.bprop')).toBeNull(); // cancelled
    expect(win.showSaveFilePicker).toHaveBeenCalledTimes(2);
  });
});

describe('the e2e test hook', () => {
  it('is absent unless the page asks for it', () => {
    createWebPlatform(window);
    expect(window.__bpTest).toBeUndefined();
  });

  it('with ?e2e: opens a queued file without a picker and records what save wrote', async () => {
    history.replaceState(null, '', '/?e2e');
    captureDownloads();
    const p = createWebPlatform(window);
    const { testHook } = await import('../../src/renderer/src/platform/test-hook');
    const hook = testHook()!;
    expect(window.__bpTest).toBe(hook);
    hook.queueOpenFile('iris.bprop', '{"name":"Iris"}');
    expect(await p.openProject()).toEqual({ path: null, name: 'iris.bprop', text: '{"name":"Iris"}' });
    await p.saveProject('{"saved":true}', 'iris.bprop', null);
    expect(hook.lastDownload).toEqual({ name: 'iris.bprop', text: '{"saved":true}' });
  });
});

describe('desktop platform', () => {
  it('passes through to window.backprop and names saved files by their path', async () => {
    const api = {
      saveProject: vi.fn(async (path: string | null) => path ?? '/home/u/new.bprop'),
      saveProjectAs: vi.fn(async () => null),
      readProjectCsv: vi.fn(async () => ({ resolvedPath: '/p/d.csv', text: 'a', sha256: 'x' })),
      setDocumentState: vi.fn(),
      onMenuCommand: vi.fn(() => () => {}),
    } as unknown as DesktopApi;
    const p = createDesktopPlatform(api);
    expect(p.kind).toBe('desktop');
    expect(await p.saveProject('t', 'new.bprop', null)).toEqual({ path: '/home/u/new.bprop', name: 'new.bprop' });
    expect(api.saveProject).toHaveBeenCalledWith(null, 't', 'new.bprop');
    expect(await p.saveProjectAs('t', 'x.bprop')).toBeNull();
    expect(await p.readProjectCsv(null, 'd.csv')).toBeNull();
    expect(await p.readProjectCsv('/p/x.bprop', 'd.csv')).toMatchObject({ resolvedPath: '/p/d.csv' });
    p.setDocumentState({ name: 'x', dirty: true, path: null });
    expect(api.setDocumentState).toHaveBeenCalledWith({ name: 'x', dirty: true, path: null });
    expect(p.recoveredProject()).toBeNull();
  });
});
