/**
 * Undo history over whole documents. Projects are immutable values, so a snapshot is a
 * reference, not a copy. Only user changes enter the history, one entry per command (a drag
 * is committed as one command when it ends).
 */
import type { Command, EditorDoc } from './types';

export const HISTORY_LIMIT = 200;

/**
 * One step of history: the document on one side of a command, and the command's label (so
 * Edit › Undo can say "Undo Add Dense"; the entry keeps it when it moves to the redo stack).
 * `editsWeights` marks a step whose command set weights by hand: undoing or redoing it restores
 * the snapshot's weights, where other steps keep the latest (trained) ones.
 */
export interface HistoryEntry extends EditorDoc {
  label: string;
  editsWeights?: true;
}

export interface HistoryState extends EditorDoc {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

const entry = (doc: EditorDoc, label: string, editsWeights: boolean | undefined): HistoryEntry =>
  editsWeights ? { project: doc.project, selection: doc.selection, label, editsWeights: true } : { project: doc.project, selection: doc.selection, label };

/** Pushes `before` as the undo step of the command `label`, having moved to `after`: clears the redo stack. */
export function recordStep(state: HistoryState, before: EditorDoc, after: EditorDoc, label: string, editsWeights = false): HistoryState {
  return { project: after.project, selection: after.selection, past: [...state.past, entry(before, label, editsWeights)].slice(-HISTORY_LIMIT), future: [] };
}

/** Runs `command`; an undoable one that changed the project pushes the previous document. */
export function applyCommand(state: HistoryState, command: Command): HistoryState {
  const before: EditorDoc = { project: state.project, selection: state.selection };
  const after = command.perform(before);
  if (after.project === before.project || !command.undoable) return { ...state, ...after };
  return recordStep(state, before, after, command.label);
}

export function undoStep(state: HistoryState): HistoryState {
  const previous = state.past[state.past.length - 1];
  if (!previous) return state;
  return {
    project: previous.project,
    selection: previous.selection,
    past: state.past.slice(0, -1),
    future: [entry(state, previous.label, previous.editsWeights), ...state.future].slice(0, HISTORY_LIMIT),
  };
}

export function redoStep(state: HistoryState): HistoryState {
  const next = state.future[0];
  if (!next) return state;
  return {
    project: next.project,
    selection: next.selection,
    past: [...state.past, entry(state, next.label, next.editsWeights)].slice(-HISTORY_LIMIT),
    future: state.future.slice(1),
  };
}

/** The label of the command Undo would take back ("Add Dense"), or null when there is none. */
export function undoLabel(state: Pick<HistoryState, 'past'>): string | null {
  return state.past.at(-1)?.label ?? null;
}

/** The label of the command Redo would do again, or null. */
export function redoLabel(state: Pick<HistoryState, 'future'>): string | null {
  return state.future[0]?.label ?? null;
}
