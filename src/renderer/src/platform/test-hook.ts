/**
 * The end-to-end test hook, `window.__bpTest`: present only in the e2e build
 * (`vite build --mode e2e`) or when the page URL has `?e2e`. Tests queue the file the next
 * Open (or CSV choice) returns instead of a native picker, and read what the last save or
 * export produced. Production behaviour is unchanged unless the hook is present.
 */
export interface TestHook {
  /** What the last save/export wrote (web: the downloaded file; binary files also as base64). */
  lastDownload: { name: string; text: string; base64?: string } | null;
  /** The next openProject / chooseCsv / openRecent returns this file without a picker. */
  queueOpenFile(name: string, text: string): void;
  /** The same for a binary file (an .onnx model), given as base64. */
  queueOpenBytes(name: string, base64: string): void;
  /** Set by the engine client: the training store's current state. */
  training?: () => unknown;
}

declare global {
  interface Window {
    __bpTest?: TestHook;
  }
}

const queue: { name: string; text: string; bytes?: Uint8Array }[] = [];
let hook: TestHook | null | undefined;

export function isTestMode(): boolean {
  if (import.meta.env.MODE === 'e2e') return true;
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('e2e');
}

/** The hook, installed on window on first call; null outside test mode. */
export function testHook(): TestHook | null {
  if (hook !== undefined) return hook;
  hook = null;
  if (typeof window === 'undefined' || !isTestMode()) return hook;
  hook = {
    lastDownload: null,
    queueOpenFile: (name, text) => void queue.push({ name, text }),
    queueOpenBytes: (name, base64) => void queue.push({ name, text: '', bytes: Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) }),
  };
  window.__bpTest = hook;
  return hook;
}

/** The next queued file, if the tests queued one. */
export function takeQueuedFile(): { name: string; text: string; bytes?: Uint8Array } | null {
  return testHook() ? (queue.shift() ?? null) : null;
}

export function recordDownload(name: string, text: string, bytes?: Uint8Array): void {
  const h = testHook();
  if (!h) return;
  let base64: string | undefined;
  if (bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    base64 = btoa(binary);
  }
  h.lastDownload = { name, text, ...(base64 !== undefined ? { base64 } : {}) };
}

/** For unit tests: forget the hook so the next call checks the mode again. */
export function resetTestHook(): void {
  hook = undefined;
  queue.length = 0;
  if (typeof window !== 'undefined') delete window.__bpTest;
}
