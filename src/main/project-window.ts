/**
 * One editor window: its BrowserWindow (hardened), its engine process, the document state the
 * renderer reports, the paths it may save to, its recovery copy and the unsaved-changes prompt.
 */
import { BrowserWindow, dialog, type WebContents } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../shared/desktop-api';
import { IPC, type RendererPushes } from '../shared/ipc-channels';
import { engineEntryPath, loadRenderer, packagedDatasetsDir, preloadPath } from './app-paths';
import { CloseGuard, type CloseDecision } from './close-guard';
import { DATASETS_DIR_ENV } from './engine-env';
import { EngineSupervisor } from './engine-supervisor';
import { newRecoveryId, type RecoveryFile, type RecoveryStore } from './recovery';
import { hardenWebContents, secureWebPreferences } from './security';
import type { WindowPlacement } from './window-state';

export interface DocumentState {
  name: string;
  dirty: boolean;
  path: string | null;
  /** The labels of the commands Undo and Redo would take back or do again (for the Edit menu). */
  undo?: string | null;
  redo?: string | null;
}

export interface ProjectWindowDeps {
  recovery: RecoveryStore;
  placement: WindowPlacement;
  /** Called on 'close' (also when the close is then cancelled): remember the placement. */
  onClosing?: (win: BrowserWindow) => void;
  onClosed?: (window: ProjectWindow) => void;
  onCloseDecision?: (decision: CloseDecision) => void;
  /** The renderer reported its document state (the Edit menu's Undo label may have changed). */
  onDocumentState?: (window: ProjectWindow) => void;
}

export const APP_NAME = 'Backprop Studio';

export class ProjectWindow {
  private static readonly byContentsId = new Map<number, ProjectWindow>();

  static fromWebContents(contents: WebContents): ProjectWindow | undefined {
    return ProjectWindow.byContentsId.get(contents.id);
  }

  static all(): ProjectWindow[] {
    return [...ProjectWindow.byContentsId.values()];
  }

  static focused(): ProjectWindow | undefined {
    const win = BrowserWindow.getFocusedWindow();
    return win ? ProjectWindow.all().find((w) => w.win === win) : undefined;
  }

  readonly win: BrowserWindow;
  readonly engine: EngineSupervisor;
  readonly closeGuard: CloseGuard;
  document: DocumentState = { name: 'Untitled', dirty: false, path: null };
  recoveryId = newRecoveryId();
  private readonly allowedPaths = new Set<string>();
  private readonly pendingRecoveries = new Map<string, RecoveryFile>();
  private readonly queuedCommands: MenuCommand[] = [];
  private pageLoaded = false;
  /** A file from the OS is on its way to this window: it is no longer a free, untitled window. */
  private claimed = false;
  private readonly contentsId: number;

  constructor(private readonly deps: ProjectWindowDeps) {
    const { maximized, ...bounds } = deps.placement;
    this.win = new BrowserWindow({
      ...bounds,
      minWidth: 760,
      minHeight: 480,
      show: false,
      title: APP_NAME,
      backgroundColor: '#1e1f24',
      webPreferences: secureWebPreferences(preloadPath()),
    });
    if (maximized) this.win.maximize();
    const contents = this.win.webContents;
    this.contentsId = contents.id;
    ProjectWindow.byContentsId.set(this.contentsId, this);
    hardenWebContents(contents);

    const datasets = packagedDatasetsDir();
    this.engine = new EngineSupervisor({
      entryPath: engineEntryPath(),
      env: datasets ? { [DATASETS_DIR_ENV]: datasets } : undefined,
      // Ports cannot travel through invoke/send; postMessage transfers them. The preload passes it on to the page.
      deliverPort: (port) => contents.postMessage(IPC.enginePort, null, [port]),
    });
    this.engine.on('restarted', ({ reason }) => this.send('engineRestarted', { reason }));
    this.engine.on('gaveUp', (event) => void this.reportEngineDown(event.reason, event.crashes));

    this.closeGuard = new CloseGuard(
      {
        win: this.win,
        isDirty: () => this.document.dirty,
        documentName: () => this.document.name,
        requestSave: () => this.dispatch({ type: 'save' }),
        discardChanges: () => void deps.recovery.clear(this.recoveryId),
      },
      { onDecision: deps.onCloseDecision },
    );
    this.win.on('close', () => deps.onClosing?.(this.win));
    this.win.on('closed', () => this.onClosed());
    this.win.on('page-title-updated', (event) => event.preventDefault()); // the title is ours
    this.win.once('ready-to-show', () => this.win.show());
    contents.on('did-finish-load', () => this.onPageLoaded());
    contents.on('render-process-gone', (_event, details) => {
      this.pageLoaded = false;
      console.error(`[window] renderer gone: ${details.reason}`);
    });
    this.updateTitle();
  }

  load(): Promise<void> {
    return loadRenderer(this.win.webContents);
  }

  /** Sends a menu command now, or once the page has loaded (the preload buffers it until the page listens). */
  dispatch(command: MenuCommand): void {
    if (this.pageLoaded) this.send('menuCommand', command);
    else this.queuedCommands.push(command);
  }

  allowPath(file: string): void {
    this.allowedPaths.add(path.resolve(file));
  }

  /** Paths this window opened or saved: the only ones saveProject may write and readProjectCsv may start from. */
  isAllowedPath(file: string): boolean {
    return this.allowedPaths.has(path.resolve(file));
  }

  /** A clean, untitled window can take a file opened from the OS instead of opening another window. */
  get isPristine(): boolean {
    return !this.claimed && !this.document.dirty && this.document.path === null && this.pendingRecoveries.size === 0;
  }

  /** Asks the renderer to open `file` (which must be in the recent list) as if chosen from Open Recent. */
  openForUser(file: string): void {
    this.claimed = true;
    this.dispatch({ type: 'openRecent', path: file });
  }

  setDocumentState(state: DocumentState): void {
    this.document = state;
    this.updateTitle();
    if (process.platform === 'darwin') this.win.setRepresentedFilename(state.path && this.isAllowedPath(state.path) ? state.path : '');
    this.closeGuard.documentChanged(state.dirty);
    this.deps.onDocumentState?.(this);
  }

  /** Offers a leftover recovery copy to this window: the renderer opens it as an unsaved project. */
  restoreRecovery(file: RecoveryFile): void {
    this.pendingRecoveries.set(file.path, file);
    this.recoveryId = file.id; // adopt it: overwritten while editing, deleted on save or clean close
    this.dispatch({ type: 'openRecent', path: file.path });
  }

  takePendingRecovery(file: string): RecoveryFile | undefined {
    const found = this.pendingRecoveries.get(file);
    this.pendingRecoveries.delete(file);
    return found;
  }

  private send<K extends keyof RendererPushes>(push: K, payload: RendererPushes[K]): void {
    if (!this.win.isDestroyed()) this.win.webContents.send(IPC[push], payload);
  }

  private onPageLoaded(): void {
    this.pageLoaded = true;
    // Every page load gets a fresh engine: a reloaded page has lost its end of the old channel.
    this.engine.start();
    for (const command of this.queuedCommands.splice(0)) this.send('menuCommand', command);
  }

  private updateTitle(): void {
    const { name, dirty } = this.document;
    const mac = process.platform === 'darwin';
    this.win.setTitle(`${dirty && !mac ? '• ' : ''}${name} — ${APP_NAME}`);
    if (mac) this.win.setDocumentEdited(dirty);
  }

  private async reportEngineDown(reason: string, crashes: number): Promise<void> {
    if (this.win.isDestroyed()) return;
    const { response } = await dialog.showMessageBox(this.win, {
      type: 'error',
      title: 'Training engine stopped',
      message: 'The training engine keeps stopping and was not restarted.',
      detail: `It stopped ${crashes} times within a few seconds (${reason}). Your project is unchanged; save it before trying again.`,
      buttons: ['Restart Engine', 'Not Now'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0 || this.win.isDestroyed()) return;
    this.engine.resetCrashes();
    this.engine.start();
    this.send('engineRestarted', { reason: 'restarted at your request after repeated crashes' });
  }

  private onClosed(): void {
    ProjectWindow.byContentsId.delete(this.contentsId);
    this.engine.dispose();
    this.closeGuard.dispose();
    // A closed window either saved, was clean, or the user chose Don't Save: no recovery needed.
    void this.deps.recovery.clear(this.recoveryId);
    this.deps.onClosed?.(this);
  }
}
