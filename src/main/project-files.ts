/**
 * The file operations behind the preload API: open (dialog, recent, dropped, OS), save and
 * save as, weights export, CSVs. Each window may only save to paths it opened or saved, and
 * may only open recent paths that are in the recent list.
 */
import { app, dialog, type FileFilter } from 'electron';
import path from 'node:path';
import type { CsvFile, ExportFile, ExportKind, OpenedProject } from '../shared/desktop-api';
import { readProjectCsv } from '../node/project-csv';
import { FileAccessError, readFileChecked } from '../node/read-file';
import { isOnnxFileName, isProjectFileName, readCsvFile, readProjectText, saveFile, saveTextFile } from './files';
import type { ProjectWindow } from './project-window';
import type { RecentFiles } from './recent';
import type { RecoveryStore } from './recovery';

export const PROJECT_FILTERS: FileFilter[] = [
  { name: 'Backprop Studio Project', extensions: ['bprop'] },
  { name: 'JSON', extensions: ['json'] },
];

/** File › Open also takes ONNX models (imported as a new, unsaved project). */
export const OPEN_FILTERS: FileFilter[] = [
  { name: 'Projects and ONNX models', extensions: ['bprop', 'json', 'onnx'] },
  ...PROJECT_FILTERS,
  { name: 'ONNX Model', extensions: ['onnx'] },
];

const EXPORT_DIALOGS: Record<ExportKind, { title: string; filter: FileFilter }> = {
  onnx: { title: 'Export ONNX Model', filter: { name: 'ONNX Model', extensions: ['onnx'] } },
  pytorch: { title: 'Export PyTorch Script (its weights and data are written beside it)', filter: { name: 'Python Script', extensions: ['py'] } },
  png: { title: 'Export Canvas as PNG', filter: { name: 'PNG Image', extensions: ['png'] } },
  svg: { title: 'Export Canvas as SVG', filter: { name: 'SVG Image', extensions: ['svg'] } },
  markdown: { title: 'Export Model Summary', filter: { name: 'Markdown', extensions: ['md'] } },
};

/** A file name the user can be offered: no folders, no characters file systems refuse. */
export function safeFileName(suggested: string, extension: string): string {
  const base = suggested
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '') // no hidden files, no leading "..": names only
    .trim()
    .slice(0, 120);
  const name = base || 'Untitled';
  return path.extname(name).toLowerCase() === extension ? name : `${name}${extension}`;
}

export class ProjectFiles {
  constructor(
    private readonly recent: RecentFiles,
    private readonly recovery: RecoveryStore,
    /** The recent list changed: rebuild the Open Recent menu. */
    private readonly onRecentChanged: () => void,
  ) {}

  async openWithDialog(window: ProjectWindow): Promise<OpenedProject | null> {
    const result = await dialog.showOpenDialog(window.win, {
      title: 'Open Project',
      defaultPath: this.defaultFolder(window),
      filters: OPEN_FILTERS,
      properties: ['openFile'],
    });
    const file = result.filePaths[0];
    return result.canceled || !file ? null : this.openPath(window, file);
  }

  async openPath(window: ProjectWindow, file: string): Promise<OpenedProject> {
    const full = path.resolve(file);
    // An ONNX model becomes a new project: no path, so Save asks where (and never writes over the model).
    if (isOnnxFileName(full)) return { path: null, name: path.basename(full), text: '', bytes: new Uint8Array(await readFileChecked(full)) };
    const text = await readProjectText(full);
    window.allowPath(full);
    await this.remember(full);
    return { path: full, name: path.basename(full), text };
  }

  async openRecent(window: ProjectWindow, file: string): Promise<OpenedProject> {
    const recovered = window.takePendingRecovery(file);
    if (recovered) {
      // A crash leftover reopens as an unsaved project: no path, so Save asks where.
      return { path: null, name: `${recovered.projectName} (recovered)`, text: await this.recovery.read(recovered) };
    }
    if (!(await this.recent.has(file))) throw new FileAccessError(`'${file}' is not in the list of recent files.`);
    try {
      return await this.openPath(window, file);
    } catch (error) {
      if (error instanceof FileAccessError && /was not found/.test(error.message)) {
        await this.recent.remove(file);
        this.onRecentChanged();
        throw new FileAccessError(`'${file}' no longer exists; it was removed from Open Recent.`);
      }
      throw error;
    }
  }

  async openDropped(window: ProjectWindow, file: string): Promise<OpenedProject> {
    if (!file) throw new FileAccessError('The dropped item is not a file on this computer.');
    if (!isProjectFileName(file) && !isOnnxFileName(file)) throw new FileAccessError(`'${path.basename(file)}' is not a project: drop a .bprop (or .json) file, or an .onnx model.`);
    return this.openPath(window, file);
  }

  async save(window: ProjectWindow, file: string | null, text: string, suggestedName: string): Promise<string | null> {
    if (file === null) return this.saveAs(window, text, suggestedName);
    if (!window.isAllowedPath(file)) {
      window.closeGuard.saveFailed();
      throw new FileAccessError(`Refusing to save to '${file}': this window did not open or save that file. Use Save As… to choose where to save.`);
    }
    return this.writeProject(window, path.resolve(file), text);
  }

  async saveAs(window: ProjectWindow, text: string, suggestedName: string): Promise<string | null> {
    window.closeGuard.saveDialogOpened();
    let chosen: string | undefined;
    try {
      const result = await dialog.showSaveDialog(window.win, {
        title: 'Save Project',
        defaultPath: path.join(this.defaultFolder(window), safeFileName(suggestedName, '.bprop')),
        filters: PROJECT_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      chosen = result.canceled ? undefined : result.filePath;
    } finally {
      window.closeGuard.saveDialogClosed(chosen === undefined);
    }
    if (!chosen) return null;
    // Some Linux dialogs return the name as typed; give it the project extension.
    const file = path.extname(chosen) ? chosen : `${chosen}.bprop`;
    window.allowPath(file);
    return this.writeProject(window, file, text);
  }

  async exportWeights(window: ProjectWindow, json: string, suggestedName: string): Promise<string | null> {
    const result = await dialog.showSaveDialog(window.win, {
      title: 'Export Weights',
      defaultPath: path.join(this.defaultFolder(window), safeFileName(suggestedName, '.json')),
      filters: [{ name: 'JSON', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || !result.filePath) return null;
    await saveTextFile(result.filePath, json);
    return result.filePath;
  }

  /** Asks where the first file goes; the others are written beside it, each atomically. */
  async exportFiles(window: ProjectWindow, files: ExportFile[], kind: ExportKind): Promise<string | null> {
    const { title, filter } = EXPORT_DIALOGS[kind];
    const extension = `.${filter.extensions[0]}`;
    const result = await dialog.showSaveDialog(window.win, {
      title,
      defaultPath: path.join(this.defaultFolder(window), safeFileName(files[0]!.name, extension)),
      filters: [filter],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || !result.filePath) return null;
    const first = path.extname(result.filePath) ? result.filePath : `${result.filePath}${extension}`;
    await saveFile(first, files[0]!.bytes);
    for (const f of files.slice(1)) await saveFile(path.join(path.dirname(first), f.name), f.bytes);
    return first;
  }

  async readProjectCsv(window: ProjectWindow, projectPath: string, relativePath: string): Promise<CsvFile> {
    if (!window.isAllowedPath(projectPath)) {
      throw new FileAccessError(`Cannot read CSVs for '${projectPath}': this window did not open or save that project.`);
    }
    return readProjectCsv(projectPath, relativePath); // the CLI reads them under the same rules
  }

  async chooseCsv(window: ProjectWindow): Promise<(CsvFile & { name: string }) | null> {
    const result = await dialog.showOpenDialog(window.win, {
      title: 'Import CSV',
      defaultPath: this.defaultFolder(window),
      filters: [{ name: 'CSV', extensions: ['csv', 'tsv', 'txt'] }],
      properties: ['openFile'],
    });
    const file = result.filePaths[0];
    if (result.canceled || !file) return null;
    return { ...(await readCsvFile(file)), name: path.basename(file) };
  }

  private async writeProject(window: ProjectWindow, file: string, text: string): Promise<string> {
    try {
      await saveTextFile(file, text);
    } catch (error) {
      window.closeGuard.saveFailed();
      throw error;
    }
    await this.recovery.clear(window.recoveryId);
    await this.remember(file);
    return file;
  }

  /** Best effort: a recent list that cannot be written must not fail an open or a save. */
  private async remember(file: string): Promise<void> {
    try {
      await this.recent.add(file);
      app.addRecentDocument(file);
      this.onRecentChanged();
    } catch (error) {
      console.warn('could not update the recent files list', error);
    }
  }

  private defaultFolder(window: ProjectWindow): string {
    const current = window.document.path;
    return current && window.isAllowedPath(current) ? path.dirname(current) : app.getPath('documents');
  }
}
