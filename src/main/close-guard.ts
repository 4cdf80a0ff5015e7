/**
 * Asks before a window with unsaved changes closes: Save / Don't Save / Cancel. "Save" asks the
 * renderer to save (MenuCommand save) and closes once it reports the document clean; if the
 * save is cancelled or never completes, the window stays open.
 */
import { dialog, type BrowserWindow, type Event as ElectronEvent } from 'electron';

export interface CloseGuardHost {
  readonly win: BrowserWindow;
  isDirty(): boolean;
  documentName(): string;
  /** Ask the renderer to save (it reports back through setDocumentState). */
  requestSave(): void;
  /** The user chose Don't Save: the recovery copy goes too. */
  discardChanges(): void;
}

export type CloseDecision = 'closing' | 'cancelled';

export interface CloseGuardOptions {
  /** How long to wait for the renderer to report a completed save (paused while a save dialog is open). */
  saveTimeoutMs?: number;
  onDecision?: (decision: CloseDecision) => void;
}

export const SAVE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;

export class CloseGuard {
  private forced = false;
  private prompting = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private openSaveDialogs = 0;
  /** True once the window closes because of an answer to the prompt. */
  closedAfterPrompt = false;

  constructor(
    private readonly host: CloseGuardHost,
    private readonly options: CloseGuardOptions = {},
  ) {
    host.win.on('close', (event) => this.onClose(event));
  }

  get waitingForSave(): boolean {
    return this.saveTimer !== null;
  }

  private onClose(event: ElectronEvent): void {
    if (this.forced || !this.host.isDirty()) {
      this.options.onDecision?.('closing');
      return;
    }
    event.preventDefault();
    if (!this.prompting && !this.waitingForSave) void this.prompt();
  }

  private async prompt(): Promise<void> {
    this.prompting = true;
    let response: number;
    try {
      ({ response } = await dialog.showMessageBox(this.host.win, {
        type: 'warning',
        title: 'Unsaved changes',
        message: `Do you want to save the changes you made to "${this.host.documentName()}"?`,
        detail: "Your changes will be lost if you don't save them.",
        buttons: [...SAVE_BUTTONS],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      }));
    } finally {
      this.prompting = false;
    }
    if (response === 0) {
      this.armSaveTimer();
      this.host.requestSave();
    } else if (response === 1) {
      this.host.discardChanges();
      this.closeNow();
    } else {
      this.options.onDecision?.('cancelled');
    }
  }

  /** From setDocumentState: a clean document after "Save" closes the window. */
  documentChanged(dirty: boolean): void {
    if (this.waitingForSave && !dirty) {
      this.stopWaiting();
      this.closeNow();
    }
  }

  saveDialogOpened(): void {
    this.openSaveDialogs++;
  }

  /** A cancelled Save dialog while we wait for a save means: keep the window. */
  saveDialogClosed(cancelled: boolean): void {
    this.openSaveDialogs = Math.max(0, this.openSaveDialogs - 1);
    if (cancelled && this.waitingForSave) this.giveUpWaiting();
  }

  /** Save failed (e.g. the disk is full): keep the window. */
  saveFailed(): void {
    if (this.waitingForSave) this.giveUpWaiting();
  }

  dispose(): void {
    this.stopWaiting();
  }

  private armSaveTimer(): void {
    this.stopWaiting();
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.openSaveDialogs > 0) this.armSaveTimer(); // the user is still choosing where
      else this.options.onDecision?.('cancelled');
    }, this.options.saveTimeoutMs ?? 15_000);
  }

  private giveUpWaiting(): void {
    this.stopWaiting();
    this.options.onDecision?.('cancelled');
  }

  private stopWaiting(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  private closeNow(): void {
    this.forced = true;
    this.closedAfterPrompt = true;
    this.options.onDecision?.('closing');
    if (!this.host.win.isDestroyed()) this.host.win.close();
  }
}
