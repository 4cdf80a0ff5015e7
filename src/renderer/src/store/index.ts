export {
  useProjectStore, createProjectStore, onDocumentReplaced, PASTE_OFFSET,
  type ProjectStore, type ProjectState, type ProjectActions, type DocumentReplaced, type ReplaceCause,
} from './project-store';
export { analyzeProjectGraph, shapeContextFor, type ProjectAnalysis } from './analysis';
export { summarizeModel, parameterCount, formatCount, type ModelSummaryTable, type SummaryRow } from './model-summary';
export { HISTORY_LIMIT, undoLabel, redoLabel } from './history';
export type { Command, EditorDoc, Selection, Clipboard, LoadedCsv, XY } from './types';
export { EMPTY_SELECTION } from './types';
export { useUiStore, type UiState, type PanelId, type InspectorTab, type DialogId, type ScreenPoint } from './ui-store';
