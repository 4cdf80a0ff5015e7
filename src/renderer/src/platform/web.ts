/**
 * The Platform in a plain browser. Open/save use the File System Access API where the browser
 * has it (the handle of the opened or saved file is kept, so Save writes back to it), else an
 * upload and a download. A CSV once chosen is kept by name (in memory, and in IndexedDB across
 * reloads and visits: web-csv-cache.ts) so a project naming it loads with its data. Recent
 * files and the recovery copy live in localStorage. Menu commands: the web has no menu bar; the editor
 * handles keyboard shortcuts itself, so onMenuCommand only returns a no-op unsubscribe.
 */
import { zipSync } from 'fflate';
import type { CsvFile, ExportKind, OpenedProject, Platform, RecentFile, SavedFile } from './types';
import { isTestMode, recordDownload, takeQueuedFile } from './test-hook';
import { indexedDbCsvCache } from './web-csv-cache';
import {
  baseName,
  CSV_TYPES,
  downloadBytes,
  downloadText,
  fileSystemAccess,
  OPEN_TYPES,
  JSON_TYPES,
  pickWithInput,
  pickWithPicker,
  PROJECT_TYPES,
  readFile,
  saveWithPicker,
  sha256Hex,
  writeToHandle,
  type PickerType,
} from './web-files';

export const APP_TITLE = 'Backprop Studio';
export const RECENT_KEY = 'backprop-studio:recent';
export const RECOVERY_KEY = 'backprop-studio:recovery';
const MAX_RECENT = 10;

export interface RecoveredProject extends OpenedProject {
  /** ISO date of the recovery copy. */
  savedAt: string;
}

export interface WebPlatform extends Platform {
  readonly kind: 'web';
  /** The unsaved project kept by writeRecovery in an earlier session, if any. */
  recoveredProject(): RecoveredProject | null;
}

const EXPORT_TYPES: Record<ExportKind, string> = {
  onnx: 'application/octet-stream',
  pytorch: 'text/x-python',
  png: 'image/png',
  svg: 'image/svg+xml',
  markdown: 'text/markdown',
};

export function documentTitle(name: string, dirty: boolean): string {
  return `${name}${dirty ? ' •' : ''} — ${APP_TITLE}`;
}

function indexedDbOf(win: Window): IDBFactory | undefined {
  try {
    return win.indexedDB ?? undefined;
  } catch {
    return undefined; // storage blocked (opaque origin, privacy settings)
  }
}

export function createWebPlatform(win: Window = window): WebPlatform {
  const doc = win.document;
  const csvs = new Map<string, CsvFile>();
  const csvCache = indexedDbCsvCache(indexedDbOf(win));
  /** The file the current project was opened from or saved to (File System Access only). */
  let handle: FileSystemFileHandle | null = null;
  let dirty = false;
  // Pickers would hang a headless test browser: the e2e hook always takes the upload/download path.
  const fs = () => (isTestMode() ? null : fileSystemAccess(win));
  const storage = (): Storage | null => {
    try {
      return win.localStorage;
    } catch {
      return null; // storage disabled (privacy settings, sandboxed frame)
    }
  };

  win.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });

  const pick = async (types: PickerType[], accept: string): Promise<{ name: string; bytes: Uint8Array; text: string; handle: FileSystemFileHandle | null } | null> => {
    const queued = takeQueuedFile();
    if (queued) return { name: queued.name, bytes: queued.bytes ?? new TextEncoder().encode(queued.text), text: queued.text, handle: null };
    const access = fs();
    if (access) {
      const picked = await pickWithPicker(access, types);
      return picked && { name: picked.file.name, ...(await readFile(picked.file)), handle: picked.handle };
    }
    const file = await pickWithInput(doc, accept);
    return file && { name: file.name, ...(await readFile(file)), handle: null };
  };

  const download = (text: string, name: string, type?: string): void => {
    recordDownload(name, text);
    downloadText(doc, text, name, type);
  };

  const recent = (): RecentFile[] => {
    try {
      const list = JSON.parse(storage()?.getItem(RECENT_KEY) ?? '[]') as unknown;
      return Array.isArray(list) ? (list as RecentFile[]).filter((r) => typeof r?.name === 'string') : [];
    } catch {
      return [];
    }
  };
  const remember = (name: string): void => {
    const list = [{ path: name, name, openedAt: new Date().toISOString() }, ...recent().filter((r) => r.name !== name)].slice(0, MAX_RECENT);
    try {
      storage()?.setItem(RECENT_KEY, JSON.stringify(list));
    } catch {
      // full or disabled storage: the recent list is a convenience
    }
  };

  const openProject = async (): Promise<OpenedProject | null> => {
    const picked = await pick(OPEN_TYPES, '.bprop,.onnx,application/json');
    if (!picked) return null;
    if (/\.onnx$/i.test(picked.name)) {
      // A model becomes a new project: no handle, so Save asks where (and never writes over the model).
      handle = null;
      return { path: null, name: picked.name, text: '', bytes: picked.bytes };
    }
    handle = picked.handle;
    remember(picked.name);
    return { path: null, name: picked.name, text: picked.text };
  };

  const saveAs = async (text: string, suggestedName: string): Promise<SavedFile | null> => {
    const access = fs();
    if (access) {
      const saved = await saveWithPicker(access, text, suggestedName, PROJECT_TYPES);
      if (!saved) return null;
      handle = saved;
    } else {
      handle = null;
      download(text, suggestedName);
    }
    const name = handle?.name ?? suggestedName;
    remember(name);
    return { path: null, name };
  };

  return {
    kind: 'web',
    openProject,
    async openDropped(file) {
      handle = null; // a dropped file gives no handle to write back to: Save will ask
      if (/\.onnx$/i.test(file.name)) return { path: null, name: file.name, text: '', bytes: new Uint8Array(await file.arrayBuffer()) };
      remember(file.name);
      return { path: null, name: file.name, text: await file.text() };
    },
    async saveProject(text, suggestedName) {
      // Write back to the file this project came from, if the browser gave us its handle.
      if (handle && handle.name === suggestedName) {
        await writeToHandle(handle, text);
        remember(handle.name);
        return { path: null, name: handle.name };
      }
      return saveAs(text, suggestedName);
    },
    saveProjectAs: saveAs,
    async exportWeights(json, suggestedName) {
      const access = fs();
      if (access) await saveWithPicker(access, json, suggestedName, JSON_TYPES);
      else download(json, suggestedName);
    },
    async exportFiles(files, kind) {
      // One file downloads as itself; a PyTorch script with its weights and data as one .zip.
      const single = files.length === 1;
      const name = single ? files[0]!.name : `${files[0]!.name.replace(/\.[^.]+$/, '')}.zip`;
      const bytes = single ? files[0]!.bytes : zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
      const type = single ? EXPORT_TYPES[kind] : 'application/zip';
      recordDownload(name, type.startsWith('text/') || type === 'image/svg+xml' ? new TextDecoder().decode(bytes) : '', bytes);
      downloadBytes(doc, bytes, name, type);
      return name;
    },
    async chooseCsv() {
      const picked = await pick(CSV_TYPES, '.csv,text/csv');
      if (!picked) return null;
      const csv: CsvFile = { resolvedPath: picked.name, text: picked.text, sha256: await sha256Hex(picked.bytes) };
      csvs.set(picked.name, csv);
      void csvCache.put(picked.name, csv); // in the background: a large table must not delay the import
      return { ...csv, name: picked.name };
    },
    async readProjectCsv(_projectPath, relativePath) {
      const name = baseName(relativePath);
      const known = csvs.get(relativePath) ?? csvs.get(name) ?? (await csvCache.get(name));
      if (known) csvs.set(name, known);
      return known ?? null;
    },
    async recentFiles() {
      return recent();
    },
    async openRecent(path) {
      // A browser cannot reopen a file by name: ask for it again.
      const opened = await openProject();
      if (!opened) throw new DOMException(`${baseName(path)} was not opened`, 'AbortError');
      return opened;
    },
    setDocumentState(state) {
      dirty = state.dirty;
      doc.title = documentTitle(state.name, state.dirty);
    },
    writeRecovery(text) {
      try {
        if (text === null) storage()?.removeItem(RECOVERY_KEY);
        else storage()?.setItem(RECOVERY_KEY, JSON.stringify({ text, savedAt: new Date().toISOString() }));
      } catch {
        // full or disabled storage: nothing to recover then
      }
    },
    recoveredProject() {
      try {
        const raw = storage()?.getItem(RECOVERY_KEY);
        if (!raw) return null;
        const { text, savedAt } = JSON.parse(raw) as { text: unknown; savedAt: unknown };
        if (typeof text !== 'string') return null;
        return { path: null, name: recoveredName(text), text, savedAt: typeof savedAt === 'string' ? savedAt : '' };
      } catch {
        return null;
      }
    },
    onMenuCommand() {
      return () => {};
    },
  };
}

/** "<project name>.bprop" from the recovered text, when it has a usable name. */
function recoveredName(text: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim()) return `${name.trim().replace(/[\\/:*?"<>|]/g, '-')}.bprop`;
  } catch {
    // not JSON: the editor will say so when it opens it
  }
  return 'Recovered project.bprop';
}
