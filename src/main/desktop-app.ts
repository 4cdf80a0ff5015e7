/**
 * The desktop app's lifetime: one instance, session security, IPC, the menu, windows, files
 * opened from the OS, crash-recovery offers and quitting with unsaved changes.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../shared/desktop-api';
import { registerIpcHandlers } from './ipc';
import { installApplicationMenu, type MenuHistory } from './menu';
import { projectPathsFromArgv } from './os-open';
import { ProjectFiles } from './project-files';
import { APP_NAME, ProjectWindow } from './project-window';
import { RecentFiles } from './recent';
import { RecoveryStore, type RecoveryFile } from './recovery';
import { installSessionSecurity } from './security';
import { WindowStateStore } from './window-state';

export const APP_USER_MODEL_ID = 'org.backpropstudio.app';

export class DesktopApp {
  readonly recent: RecentFiles;
  readonly recovery: RecoveryStore;
  readonly files: ProjectFiles;
  private readonly windowState: WindowStateStore;
  private quitting = false;

  constructor(userData: string = app.getPath('userData')) {
    this.recent = new RecentFiles(path.join(userData, 'recent-files.json'));
    this.recovery = new RecoveryStore(path.join(userData, 'recovery'));
    this.windowState = new WindowStateStore(path.join(userData, 'window-state.json'));
    this.files = new ProjectFiles(this.recent, this.recovery, () => this.refreshMenu());
  }

  /** After app 'ready': everything except opening the first window. */
  async init(): Promise<void> {
    installSessionSecurity(session.defaultSession);
    registerIpcHandlers({ files: this.files, recent: this.recent, recovery: this.recovery });
    await this.recent.load();
    this.refreshMenu();
    app.on('second-instance', (_event, argv, workingDirectory) => this.onSecondInstance(argv, workingDirectory));
    app.on('activate', () => {
      if (ProjectWindow.all().length === 0) this.createWindow();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('before-quit', () => {
      this.quitting = true;
    });
  }

  createWindow(): ProjectWindow {
    const window = new ProjectWindow({
      recovery: this.recovery,
      placement: this.windowState.placementFor(BrowserWindow.getFocusedWindow()),
      onClosing: (win) => void this.windowState.remember(win),
      onCloseDecision: (decision) => {
        if (decision === 'cancelled') this.quitting = false; // a Cancel also cancels quitting
      },
      // The Edit menu names the focused window's next undo: rebuild it when that changes.
      onDocumentState: (changed) => {
        if (changed === ProjectWindow.focused()) this.refreshMenu();
      },
      onClosed: (closed) => {
        // Quitting stopped at this window's prompt; it is answered now, so carry on quitting.
        if (this.quitting && closed.closeGuard.closedAfterPrompt) app.quit();
      },
    });
    window.win.on('focus', () => this.refreshMenu());
    void window.load();
    return window;
  }

  /** Opens a project named by the OS in a clean untitled window, or in a new one. */
  async openFromOs(file: string): Promise<void> {
    await this.recent.add(file); // opening it is the user's intent; openRecent only accepts listed paths
    this.refreshMenu();
    const focused = ProjectWindow.focused();
    const target = focused?.isPristine ? focused : (ProjectWindow.all().find((w) => w.isPristine) ?? this.createWindow());
    target.openForUser(file);
    if (target.win.isMinimized()) target.win.restore();
    target.win.focus();
  }

  dispatchToFocused(command: MenuCommand): void {
    const window = ProjectWindow.focused() ?? ProjectWindow.all()[0] ?? this.createWindow();
    window.dispatch(command);
  }

  /** Crash leftovers from the previous run: asks once, then restores each in its own window. Returns the windows opened. */
  async offerRecovery(): Promise<ProjectWindow[]> {
    const leftovers = await this.recovery.leftovers();
    if (leftovers.length === 0) return [];
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: 'Restore unsaved work',
      message: `Restore unsaved work from ${formatDate(leftovers[0]!.modifiedAt)}?`,
      detail: recoveryDetail(leftovers),
      buttons: ['Restore', 'Not Now', 'Discard'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response === 2) await this.recovery.discardAll(leftovers);
    if (response !== 0) return [];
    return leftovers.map((file) => {
      const window = this.createWindow();
      window.restoreRecovery(file);
      return window;
    });
  }

  refreshMenu(): void {
    installApplicationMenu({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: APP_NAME,
      recent: this.recent.snapshot(),
      history: historyOf(ProjectWindow.focused()),
      dispatch: (command) => this.dispatchToFocused(command),
      clearRecent: () => {
        app.clearRecentDocuments();
        void this.recent.clear().then(() => this.refreshMenu());
      },
    });
  }

  private onSecondInstance(argv: string[], workingDirectory: string): void {
    const files = projectPathsFromArgv(argv, workingDirectory);
    for (const file of files) void this.openFromOs(file);
    if (files.length > 0) return;
    const window = ProjectWindow.focused() ?? ProjectWindow.all()[0];
    if (!window) {
      this.createWindow();
      return;
    }
    if (window.win.isMinimized()) window.win.restore();
    window.win.focus();
  }
}

function formatDate(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function recoveryDetail(files: RecoveryFile[]): string {
  const lines = files.map((f) => `• "${f.projectName}", last changed ${formatDate(f.modifiedAt)}`);
  return `${APP_NAME} closed unexpectedly with unsaved changes:\n${lines.join('\n')}\n\nRestored projects open as unsaved copies. "Not Now" keeps them for the next start.`;
}

/** Starts the app: call once, synchronously at startup (the macOS 'open-file' listener must exist before 'ready'). */
export async function startDesktopApp(argv: readonly string[] = process.argv): Promise<DesktopApp | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the first instance receives our argv through 'second-instance'
    return null;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  app.enableSandbox();
  let desktop: DesktopApp | null = null;
  const osFiles = projectPathsFromArgv(argv, process.cwd());
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (desktop) void desktop.openFromOs(file);
    else osFiles.push(file);
  });
  await app.whenReady();
  desktop = new DesktopApp();
  await desktop.init();
  const restored = await desktop.offerRecovery();
  for (const file of osFiles) await desktop.openFromOs(file);
  if (restored.length === 0 && ProjectWindow.all().length === 0) desktop.createWindow();
  return desktop;
}

/** The Edit menu's view of a window's history; a menu with no window says plain Undo and Redo. */
function historyOf(window: ProjectWindow | undefined): MenuHistory {
  return { undo: window?.document.undo ?? null, redo: window?.document.redo ?? null };
}
