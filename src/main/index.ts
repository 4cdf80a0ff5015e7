/**
 * Electron main process entry. Main only manages windows, menus and files, and brokers and
 * supervises the engine utility processes; see desktop-app.ts and docs/desktop.md.
 */
import { startDesktopApp } from './desktop-app';

startDesktopApp().catch((error: unknown) => {
  console.error('Backprop Studio failed to start', error);
  process.exit(1);
});
