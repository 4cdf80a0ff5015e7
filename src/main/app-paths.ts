/**
 * Where the built pieces live and which URLs are "ours". Paths are taken from the app folder
 * (the repository in development, app.asar when packaged), not from this module's location,
 * because the bundler may move shared code into chunks.
 */
import { app, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const built = (...parts: string[]): string => path.join(app.getAppPath(), 'out', ...parts);

export const preloadPath = (): string => built('preload', 'index.cjs');
export const rendererIndexPath = (): string => built('renderer', 'index.html');
/** The utility-process entry (src/main/engine-entry.ts), a separate main-side build input. */
export const engineEntryPath = (): string => built('main', 'engine.js');

/** electron-vite's dev server, only in development. */
export function devServerUrl(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  return !app.isPackaged && url ? url : null;
}

/** Built-in datasets are shipped beside app.asar (extraResources); in development the engine finds them itself. */
export function packagedDatasetsDir(): string | undefined {
  return app.isPackaged ? path.join(process.resourcesPath, 'datasets') : undefined;
}

/** True for our renderer page: the dev server's origin, or exactly our index.html (query and hash ignored). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const dev = devServerUrl();
  if (dev) return parsed.origin === new URL(dev).origin;
  if (parsed.protocol !== 'file:') return false;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === pathToFileURL(rendererIndexPath()).href;
}

export function loadRenderer(contents: WebContents): Promise<void> {
  const dev = devServerUrl();
  return dev ? contents.loadURL(dev) : contents.loadFile(rendererIndexPath());
}
