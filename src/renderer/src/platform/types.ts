/**
 * What the renderer needs from its host for files and dialogs. The desktop implementation
 * wraps window.backprop (the preload's DesktopApi); the web one uses the File System Access
 * API where available, else upload/download.
 */
import type { CsvFile, DesktopApi, ExportFile, ExportKind, MenuCommand, OpenedProject, RecentFile } from '../../../shared/desktop-api';

export type { CsvFile, ExportFile, ExportKind, MenuCommand, OpenedProject, RecentFile };

export interface SavedFile {
  /** Desktop: absolute path. Web: null (a handle is kept internally, or it was downloaded). */
  path: string | null;
  name: string;
}

export interface Platform {
  readonly kind: 'desktop' | 'web';
  openProject(): Promise<OpenedProject | null>;
  /** A .bprop file dropped on the window. */
  openDropped(file: File): Promise<OpenedProject>;
  /** Saves to where the project came from when possible, else asks. null if cancelled. */
  saveProject(text: string, suggestedName: string, path: string | null): Promise<SavedFile | null>;
  saveProjectAs(text: string, suggestedName: string): Promise<SavedFile | null>;
  exportWeights(json: string, suggestedName: string): Promise<void>;
  /**
   * File › Export: the first file is the one the user names, the others go beside it (desktop:
   * a save dialog; web: a download, several files as one .zip). Returns the saved name, or null if cancelled.
   */
  exportFiles(files: ExportFile[], kind: ExportKind): Promise<string | null>;
  /** Lets the user pick a CSV to import. */
  chooseCsv(): Promise<(CsvFile & { name: string }) | null>;
  /** The CSV a project names (desktop: relative to the project file; web: one chosen before, by name). */
  readProjectCsv(projectPath: string | null, relativePath: string): Promise<CsvFile | null>;
  recentFiles(): Promise<RecentFile[]>;
  openRecent(path: string): Promise<OpenedProject>;
  setDocumentState(state: Parameters<DesktopApi['setDocumentState']>[0]): void;
  writeRecovery(text: string | null): void;
  /** Menu commands (desktop menus; on the web, keyboard shortcuts dispatch the same commands). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
