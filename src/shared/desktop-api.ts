/**
 * The typed API the preload exposes to the renderer as `window.backprop` (desktop only).
 * Small on purpose: files, dialogs and menu events. The web build implements the same
 * interface with the File System Access API or upload/download.
 */
import type { AppCommand } from './commands';

export interface OpenedProject {
  /** Absolute path on the desktop; null for a template or an upload. */
  path: string | null;
  /** File name for display, e.g. "iris.bprop". */
  name: string;
  /** The raw file text; the renderer parses and validates it (and shows any error). */
  text: string;
  /** An ONNX model's bytes (File › Open accepts .onnx): the renderer imports it as a new, unsaved project. */
  bytes?: Uint8Array;
}

/** What File › Export writes (see src/interop and docs/interop.md). */
export type ExportKind = 'onnx' | 'pytorch' | 'png' | 'svg' | 'markdown';

/** A file of an export; the first one is the file the user names, the others go beside it. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export interface RecentFile {
  path: string;
  name: string;
  /** ISO date of the last open or save. */
  openedAt: string;
}

export interface CsvFile {
  /** Path as shown to the user (resolved against the project file). */
  resolvedPath: string;
  text: string;
  sha256: string;
}

/** A command from the application menu: one of the registry's (src/shared/commands.ts). */
export type MenuCommand = AppCommand;

export interface EngineRestartInfo {
  /** Exit code or signal reason reported by the process. */
  reason: string;
}

export interface MessageOptions {
  type: 'info' | 'warning' | 'error' | 'question';
  title: string;
  message: string;
  detail?: string;
  buttons?: string[];
}

export interface DesktopApi {
  /** Shows the Open dialog. null if cancelled. */
  openProject(): Promise<OpenedProject | null>;
  /** Opens a file from the recent list (only paths the user opened or saved before). */
  openRecent(path: string): Promise<OpenedProject>;
  /** Opens a .bprop file dropped on the window. */
  openDropped(file: File): Promise<OpenedProject>;
  /** Saves atomically to `path` (a path this window opened or saved), or asks where when null. Returns the path, null if cancelled. */
  saveProject(path: string | null, text: string, suggestedName: string): Promise<string | null>;
  /** Always asks where. */
  saveProjectAs(text: string, suggestedName: string): Promise<string | null>;
  recentFiles(): Promise<RecentFile[]>;
  /** Save dialog for the weights JSON. */
  exportWeights(json: string, suggestedName: string): Promise<string | null>;
  /** Save dialog for an export; writes every file (the others beside the first). Returns the first's path, null if cancelled. */
  exportFiles(files: ExportFile[], kind: ExportKind): Promise<string | null>;
  /** Reads a CSV named by the project, relative to the project file (it must stay inside the project's folder). */
  readProjectCsv(projectPath: string, relativePath: string): Promise<CsvFile>;
  /** Lets the user choose a CSV to import. */
  chooseCsv(): Promise<(CsvFile & { name: string }) | null>;
  /** Window title, unsaved-changes mark, and what Edit › Undo and Redo would do ("Add Dense"). */
  setDocumentState(state: { name: string; dirty: boolean; path: string | null; undo?: string | null; redo?: string | null }): void;
  /** The recovery copy of the unsaved project (null clears it). */
  writeRecovery(text: string | null): void;
  showMessage(options: MessageOptions): Promise<number>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onEngineRestarted(listener: (info: EngineRestartInfo) => void): () => void;
}

/** The window message that carries the engine's MessagePort from the preload to the page. */
export const ENGINE_PORT_MESSAGE = 'backprop:engine-port';
