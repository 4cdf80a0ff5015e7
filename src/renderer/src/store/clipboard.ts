/** Copy, paste and duplicate: pasted nodes get fresh ids; edges inside the copied set come along. */
import type { GraphEdge, GraphNode } from '../../../shared/graph-types';
import { edgeIds, freshEdgeId, freshNodeId, nodeIds } from './ids';
import type { Clipboard, Command, EditorDoc, XY } from './types';

/** The selected nodes and the edges between them (deep copies), or null if no node is selected. */
export function copySelection(doc: EditorDoc): Clipboard | null {
  const chosen = new Set(doc.selection.nodes);
  const nodes = doc.project.graph.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.project.graph.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target));
  return structuredCloneJson({ nodes, edges });
}

/** Adds a copy of `clipboard`, shifted by `offset`, and selects it. */
export function pasteCommand(clipboard: Clipboard, offset: XY, label = 'Paste'): Command {
  return {
    label,
    undoable: true,
    perform({ project }) {
      const takenNodes = nodeIds(project.graph);
      const takenEdges = edgeIds(project.graph);
      const renamed = new Map<string, string>();
      const nodes: GraphNode[] = clipboard.nodes.map((n) => {
        const id = freshNodeId(n.type, takenNodes);
        takenNodes.add(id);
        renamed.set(n.id, id);
        return { ...structuredCloneJson(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
      });
      const edges: GraphEdge[] = clipboard.edges.map((e) => {
        const id = freshEdgeId(takenEdges);
        takenEdges.add(id);
        return { ...e, id, source: renamed.get(e.source)!, target: renamed.get(e.target)! };
      });
      return {
        project: { ...project, graph: { nodes: [...project.graph.nodes, ...nodes], edges: [...project.graph.edges, ...edges] } },
        selection: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) },
      };
    },
  };
}

/** JSON-safe deep copy (graph data is plain JSON). */
function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
