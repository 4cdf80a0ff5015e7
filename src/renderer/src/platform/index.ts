/**
 * `platform`: files and dialogs for the renderer. The desktop implementation when the preload
 * exposed window.backprop, else the web one (File System Access API or upload/download).
 * In e2e mode (`vite build --mode e2e` or `?e2e` in the URL) window.__bpTest is installed,
 * see ./test-hook.ts.
 */
import { createDesktopPlatform, type DesktopPlatform } from './desktop';
import { testHook } from './test-hook';
import { createWebPlatform, type WebPlatform } from './web';

export type { Platform, SavedFile, CsvFile, MenuCommand, OpenedProject, RecentFile } from './types';
export type { RecoveredProject, WebPlatform } from './web';
export type { DesktopPlatform } from './desktop';
export { documentTitle } from './web';

export type AppPlatform = DesktopPlatform | WebPlatform;

function createPlatform(): AppPlatform {
  testHook();
  return window.backprop ? createDesktopPlatform(window.backprop) : createWebPlatform(window);
}

export const platform: AppPlatform = createPlatform();
