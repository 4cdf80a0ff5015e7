/**
 * Undo history over whole documents. Projects are immutable values, so a snapshot is a
 * reference, not a copy. Only user changes enter the history, one entry per command (a drag
 * is committed as one command when it ends).
 */
import type { Command, EditorDoc } from './types';

export const HISTORY_LIMIT = 200;

export interface HistoryState extends EditorDoc {
  past: EditorDoc[];
  future: EditorDoc[];
}

/** Runs `command`; an undoable one that changed the project pushes the previous document. */
export function applyCommand(state: HistoryState, command: Command): HistoryState {
  const before: EditorDoc = { project: state.project, selection: state.selection };
  const after = command.perform(before);
  if (after.project === before.project || !command.undoable) return { ...state, ...after };
  return { ...after, past: [...state.past, before].slice(-HISTORY_LIMIT), future: [] };
}

export function undoStep(state: HistoryState): HistoryState {
  const previous = state.past[state.past.length - 1];
  if (!previous) return state;
  return {
    ...previous,
    past: state.past.slice(0, -1),
    future: [{ project: state.project, selection: state.selection }, ...state.future].slice(0, HISTORY_LIMIT),
  };
}

export function redoStep(state: HistoryState): HistoryState {
  const next = state.future[0];
  if (!next) return state;
  return {
    ...next,
    past: [...state.past, { project: state.project, selection: state.selection }].slice(-HISTORY_LIMIT),
    future: state.future.slice(1),
  };
}
