/** The document the editor edits, and the shape of a user command (tldraw/excalidraw style). */
import type { GraphEdge, GraphNode } from '../../../shared/graph-types';
import type { Project } from '../../../shared/project-types';

export interface XY {
  x: number;
  y: number;
}

export interface Selection {
  nodes: string[];
  edges: string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

/** What one step of undo history restores: the project and what was selected. */
export interface EditorDoc {
  project: Project;
  selection: Selection;
}

/**
 * A user command: a pure function of the document. `undoable` commands enter the history
 * (selection changes do not). A command that returns the same project object changed nothing.
 */
export interface Command {
  /** For debugging and for "Undo <label>". */
  label: string;
  undoable: boolean;
  perform(doc: EditorDoc): EditorDoc;
}

/** Nodes and the edges between them, as copied. */
export interface Clipboard {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A CSV the user imported (or the one the project names), kept beside the project for the engine. */
export interface LoadedCsv {
  /** File name, e.g. "houses.csv". */
  name: string;
  /** Path as shown to the user. */
  resolvedPath: string;
  text: string;
  sha256: string;
}
