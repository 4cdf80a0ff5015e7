/**
 * The preload (sandboxed, context-isolated, built as CommonJS index.cjs): exposes exactly the
 * DesktopApi as `window.backprop` and forwards the engine's MessagePort to the page. Ports
 * cannot cross the contextBridge, so the port goes through window.postMessage instead.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { ENGINE_PORT_MESSAGE } from '../shared/desktop-api';
import { IPC } from '../shared/ipc-channels';
import { createDesktopApi } from './api';

/** The DOM pieces the preload touches (this code is type-checked without the DOM library). */
interface PageWindow {
  postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void;
  document: { activeElement: { tagName: string; isContentEditable?: boolean; type?: string } | null };
}

const page = (globalThis as unknown as { window: PageWindow }).window;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', '']);

function isEditingText(): boolean {
  const el = page.document.activeElement;
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  return tag === 'TEXTAREA' || (tag === 'INPUT' && TEXT_INPUT_TYPES.has((el.type ?? '').toLowerCase()));
}

ipcRenderer.on(IPC.enginePort, (event) => {
  // The page's engine client listens for this message and takes event.ports[0].
  page.postMessage(ENGINE_PORT_MESSAGE, '*', event.ports);
});

contextBridge.exposeInMainWorld(
  'backprop',
  createDesktopApi({
    ipc: ipcRenderer,
    getPathForFile: (file) => webUtils.getPathForFile(file),
    isEditingText,
  }),
);
