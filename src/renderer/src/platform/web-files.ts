/**
 * Browser file plumbing for the web platform: the File System Access API pickers where the
 * browser has them (Chromium), else an <input type=file> upload and a Blob download.
 */

export interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}

export const PROJECT_TYPES: PickerType[] = [{ description: 'Backprop Studio project', accept: { 'application/json': ['.bprop'] } }];
/** File › Open also takes ONNX models. */
export const OPEN_TYPES: PickerType[] = [
  { description: 'Backprop Studio project or ONNX model', accept: { 'application/json': ['.bprop'], 'application/octet-stream': ['.onnx'] } },
];
export const CSV_TYPES: PickerType[] = [{ description: 'CSV table', accept: { 'text/csv': ['.csv'] } }];
export const JSON_TYPES: PickerType[] = [{ description: 'JSON', accept: { 'application/json': ['.json'] } }];

/** The non-standard parts of window that Chromium provides. */
interface FileSystemAccessWindow {
  showOpenFilePicker?(options: { types?: PickerType[]; multiple?: boolean; excludeAcceptAllOption?: boolean }): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?(options: { suggestedName?: string; types?: PickerType[] }): Promise<FileSystemFileHandle>;
}

export function fileSystemAccess(win: Window): FileSystemAccessWindow | null {
  const w = win as unknown as FileSystemAccessWindow;
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function' ? w : null;
}

const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** Open picker; null if the user cancelled. */
export async function pickWithPicker(fs: FileSystemAccessWindow, types: PickerType[]): Promise<{ file: File; handle: FileSystemFileHandle } | null> {
  try {
    const [handle] = await fs.showOpenFilePicker!({ types, multiple: false });
    return { file: await handle.getFile(), handle };
  } catch (e) {
    if (isAbort(e)) return null;
    throw e;
  }
}

/** Save picker; null if the user cancelled. */
export async function saveWithPicker(fs: FileSystemAccessWindow, text: string, suggestedName: string, types: PickerType[]): Promise<FileSystemFileHandle | null> {
  let handle: FileSystemFileHandle;
  try {
    handle = await fs.showSaveFilePicker!({ suggestedName, types });
  } catch (e) {
    if (isAbort(e)) return null;
    throw e;
  }
  await writeToHandle(handle, text);
  return handle;
}

export async function writeToHandle(handle: FileSystemFileHandle, text: string): Promise<void> {
  const writable = await handle.createWritable();
  try {
    await writable.write(text);
  } finally {
    await writable.close();
  }
}

/** An <input type=file> upload; null if the user cancelled. */
export function pickWithInput(doc: Document, accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    doc.body.append(input);
    input.click();
  });
}

/** Offers `href` (an object or data: URL) as a download named `name`, through a clicked <a download>. */
export function clickDownload(doc: Document, href: string, name: string): void {
  const a = doc.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
}

/** Downloads bytes (an export) as a file. */
export function downloadBytes(doc: Document, bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  clickDownload(doc, url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves by downloading: a Blob behind an object URL and a clicked <a download>. */
export function downloadText(doc: Document, text: string, name: string, type = 'application/json'): Blob {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  clickDownload(doc, url, name);
  // Revoke after the click has been handled (revoking at once can cancel the download).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob;
}

/** Bytes and text of a picked file. */
export async function readFile(file: Blob): Promise<{ bytes: Uint8Array; text: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { bytes, text: new TextDecoder('utf-8').decode(bytes) };
}

/** Lowercase hex sha256 (the same as the desktop computes over the file's bytes). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The last path segment ("data/iris.csv" → "iris.csv"), for either slash. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
