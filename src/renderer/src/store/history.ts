/**
 * Undo history over whole documents. Projects are immutable values, so a snapshot is a
 * reference, not a copy. Only user changes enter the history, one entry per command (a drag
 * is committed as one command when it ends).
 */
import type { Command, EditorDoc } from './types';

export const HISTORY_LIMIT = 200;

/**
 * One step of history: the document on one side of a command. `editsWeights` marks a step
 * whose command set weights by hand: undoing or redoing it restores the snapshot's weights,
 * where other steps keep the latest (trained) ones.
 */
export interface HistoryEntry extends EditorDoc {
  editsWeights?: true;
}

export interface HistoryState extends EditorDoc {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

const entry = (doc: EditorDoc, editsWeights: boolean | undefined): HistoryEntry =>
  editsWeights ? { project: doc.project, selection: doc.selection, editsWeights: true } : { project: doc.project, selection: doc.selection };

/** Pushes `before` as an undo step, having moved to `after`: clears the redo stack. */
export function recordStep(state: HistoryState, before: EditorDoc, after: EditorDoc, editsWeights = false): HistoryState {
  return { project: after.project, selection: after.selection, past: [...state.past, entry(before, editsWeights)].slice(-HISTORY_LIMIT), future: [] };
}

/** Runs `command`; an undoable one that changed the project pushes the previous document. */
export function applyCommand(state: HistoryState, command: Command): HistoryState {
  const before: EditorDoc = { project: state.project, selection: state.selection };
  const after = command.perform(before);
  if (after.project === before.project || !command.undoable) return { ...state, ...after };
  return recordStep(state, before, after);
}

export function undoStep(state: HistoryState): HistoryState {
  const previous = state.past[state.past.length - 1];
  if (!previous) return state;
  return {
    project: previous.project,
    selection: previous.selection,
    past: state.past.slice(0, -1),
    future: [entry(state, previous.editsWeights), ...state.future].slice(0, HISTORY_LIMIT),
  };
}

export function redoStep(state: HistoryState): HistoryState {
  const next = state.future[0];
  if (!next) return state;
  return {
    project: next.project,
    selection: next.selection,
    past: [...state.past, entry(state, next.editsWeights)].slice(-HISTORY_LIMIT),
    future: state.future.slice(1),
  };
}
