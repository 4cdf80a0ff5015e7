/** Edge edits for keyboard wiring (the inspector's Connections): remove one edge, or move an input to another source in one step. */
import type { GraphEdge } from '../../../shared/graph-types';
import { edgeIds, freshEdgeId } from './ids';
import type { Command } from './types';

export function disconnectCommand(edgeId: string): Command {
  return {
    label: 'Disconnect',
    undoable: true,
    perform(doc) {
      const edges = doc.project.graph.edges.filter((e) => e.id !== edgeId);
      if (edges.length === doc.project.graph.edges.length) return doc;
      return { ...doc, project: { ...doc.project, graph: { ...doc.project.graph, edges } }, selection: { ...doc.selection, edges: doc.selection.edges.filter((id) => id !== edgeId) } };
    },
  };
}

/** Replaces edge `edgeId` by `edge` (one undo step); the new edge gets a fresh id. */
export function reconnectCommand(edgeId: string, edge: Omit<GraphEdge, 'id'>): Command {
  return {
    label: 'Reconnect',
    undoable: true,
    perform(doc) {
      const { graph } = doc.project;
      const id = freshEdgeId(edgeIds(graph));
      const edges = [...graph.edges.filter((e) => e.id !== edgeId), { id, ...edge }];
      return { ...doc, project: { ...doc.project, graph: { ...graph, edges } } };
    },
  };
}
