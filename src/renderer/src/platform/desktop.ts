/**
 * The Platform on the desktop: a thin layer over the preload's DesktopApi (window.backprop).
 * Main owns the dialogs, the files, the recent list and recovery (it offers a recovery copy
 * through a menu command), so most calls pass straight through.
 */
import type { DesktopApi } from '../../../shared/desktop-api';
import type { Platform } from './types';
import type { RecoveredProject } from './web';
import { baseName } from './web-files';

declare global {
  interface Window {
    /** The preload's API; absent in a plain browser. */
    backprop?: DesktopApi;
  }
}

export interface DesktopPlatform extends Platform {
  readonly kind: 'desktop';
  readonly api: DesktopApi;
  /** Always null: main offers recovery copies itself (as an openRecent command). */
  recoveredProject(): RecoveredProject | null;
}

export function createDesktopPlatform(api: DesktopApi): DesktopPlatform {
  const saved = (path: string | null) => (path === null ? null : { path, name: baseName(path) });
  return {
    kind: 'desktop',
    api,
    openProject: () => api.openProject(),
    // Main reads the file (the preload resolves its path with webUtils.getPathForFile).
    openDropped: (file) => api.openDropped(file),
    saveProject: async (text, suggestedName, path) => saved(await api.saveProject(path, text, suggestedName)),
    saveProjectAs: async (text, suggestedName) => saved(await api.saveProjectAs(text, suggestedName)),
    exportWeights: async (json, suggestedName) => void (await api.exportWeights(json, suggestedName)),
    exportFiles: async (files, kind) => {
      const saved = await api.exportFiles(files, kind);
      return saved === null ? null : baseName(saved);
    },
    chooseCsv: () => api.chooseCsv(),
    readProjectCsv: async (projectPath, relativePath) => (projectPath === null ? null : api.readProjectCsv(projectPath, relativePath)),
    recentFiles: () => api.recentFiles(),
    openRecent: (path) => api.openRecent(path),
    setDocumentState: (state) => api.setDocumentState(state),
    writeRecovery: (text) => api.writeRecovery(text),
    recoveredProject: () => null,
    onMenuCommand: (listener) => api.onMenuCommand(listener),
  };
}
