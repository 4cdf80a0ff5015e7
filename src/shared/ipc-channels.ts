/**
 * IPC channel names shared by the Electron main process and the preload (desktop only).
 * Plain strings: no Electron or Node imports, so both bundles can include it.
 */
export const IPC = {
  openProject: 'project:open',
  openRecent: 'project:open-recent',
  openDropped: 'project:open-dropped',
  saveProject: 'project:save',
  saveProjectAs: 'project:save-as',
  recentFiles: 'project:recent-files',
  exportWeights: 'project:export-weights',
  exportFiles: 'project:export-files',
  readProjectCsv: 'csv:read-project',
  chooseCsv: 'csv:choose',
  showMessage: 'dialog:show-message',
  /** renderer → main, one-way. */
  setDocumentState: 'window:set-document-state',
  writeRecovery: 'recovery:write',
  /** An Edit menu command while a text field has focus: main runs the native edit instead. */
  nativeEdit: 'window:native-edit',
  /** main → renderer. */
  menuCommand: 'menu-command',
  engineRestarted: 'engine-restarted',
  enginePort: 'engine-port',
} as const;

/** Edit commands a text field handles natively (webContents.undo() etc.). */
export const NATIVE_EDIT_COMMANDS = ['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'] as const;
export type NativeEditCommand = (typeof NATIVE_EDIT_COMMANDS)[number];
