/** Shared set-up for main-process tests (with electron mocked by fake-electron.ts). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DesktopApp } from '../../src/main/desktop-app';
import type { ProjectWindow } from '../../src/main/project-window';
import { app, BrowserWindow, resetElectron } from './fake-electron';

export async function tempDir(prefix = 'bprop-main-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  desktop: DesktopApp;
  userData: string;
  documents: string;
  cleanup(): Promise<void>;
}

/** A DesktopApp after init() with empty userData and documents folders. */
export async function startTestApp(): Promise<TestApp> {
  resetElectron();
  const userData = await tempDir('bprop-userdata-');
  const documents = await tempDir('bprop-docs-');
  app.userData = userData;
  app.documents = documents;
  const desktop = new DesktopApp();
  await desktop.init();
  return {
    desktop,
    userData,
    documents,
    cleanup: async () => {
      resetElectron();
      await new Promise((resolve) => setTimeout(resolve, 10)); // let pending recovery clears settle
      await rm(userData, { recursive: true, force: true });
      await rm(documents, { recursive: true, force: true });
    },
  };
}

/** Opens a window whose page has loaded (so the engine runs and commands are delivered). */
export function openLoadedWindow(desktop: DesktopApp): { window: ProjectWindow; win: BrowserWindow } {
  const window = desktop.createWindow();
  const win = window.win as unknown as BrowserWindow;
  win.webContents.finishLoad();
  win.focus();
  return { window, win };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
