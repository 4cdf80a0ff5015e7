/** Commands that edit the graph. Each is pure: (doc) → doc. Checks that can refuse live in the store. */
import type { GraphEdge, GraphNode } from '../../../shared/graph-types';
import { defaultParams, getNodeSpec, type NodeType } from '../../../shared/nodes';
import type { Project } from '../../../shared/project-types';
import { edgeIds, freshEdgeId, freshNodeId, nodeIds } from './ids';
import { EMPTY_SELECTION, type Command, type EditorDoc, type Selection, type XY } from './types';

function withGraph(project: Project, nodes: GraphNode[], edges: GraphEdge[]): Project {
  return { ...project, graph: { nodes, edges } };
}

export function addNodeCommand(type: NodeType, position: XY, id?: string): Command {
  return {
    label: `Add ${getNodeSpec(type)!.label}`,
    undoable: true,
    perform({ project }) {
      const nodeId = id ?? freshNodeId(type, nodeIds(project.graph));
      const node: GraphNode = { id: nodeId, type, position: roundXY(position), params: defaultParams(type) };
      return { project: withGraph(project, [...project.graph.nodes, node], project.graph.edges), selection: { nodes: [nodeId], edges: [] } };
    },
  };
}

/** Adds an edge that `checkConnection` accepted; handles are already resolved to port ids. */
export function connectCommand(edge: Omit<GraphEdge, 'id'>): Command {
  return {
    label: 'Connect',
    undoable: true,
    perform({ project, selection }) {
      const id = freshEdgeId(edgeIds(project.graph));
      return { project: withGraph(project, project.graph.nodes, [...project.graph.edges, { id, ...edge }]), selection };
    },
  };
}

/** Removes the selected nodes (with every edge touching them) and the selected edges. */
export function deleteSelectionCommand(): Command {
  return {
    label: 'Delete',
    undoable: true,
    perform(doc) {
      const { project, selection } = doc;
      if (selection.nodes.length === 0 && selection.edges.length === 0) return doc;
      const goneNodes = new Set(selection.nodes);
      const goneEdges = new Set(selection.edges);
      const nodes = project.graph.nodes.filter((n) => !goneNodes.has(n.id));
      const edges = project.graph.edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target));
      if (nodes.length === project.graph.nodes.length && edges.length === project.graph.edges.length) return { project, selection: EMPTY_SELECTION };
      return { project: withGraph(project, nodes, edges), selection: EMPTY_SELECTION };
    },
  };
}

/** Moves nodes to new positions in one step (a finished drag, or an auto-layout). */
export function moveNodesCommand(positions: Readonly<Record<string, XY>>, label = 'Move'): Command {
  return {
    label,
    undoable: true,
    perform(doc) {
      const { project } = doc;
      let moved = false;
      const nodes = project.graph.nodes.map((n) => {
        const to = positions[n.id];
        if (!to) return n;
        const position = roundXY(to);
        if (position.x === n.position.x && position.y === n.position.y) return n;
        moved = true;
        return { ...n, position };
      });
      return moved ? { ...doc, project: withGraph(project, nodes, project.graph.edges) } : doc;
    },
  };
}

function updateNode(doc: EditorDoc, nodeId: string, update: (node: GraphNode) => GraphNode): EditorDoc {
  const { project } = doc;
  let changed = false;
  const nodes = project.graph.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    const next = update(n);
    changed ||= next !== n;
    return next;
  });
  return changed ? { ...doc, project: withGraph(project, nodes, project.graph.edges) } : doc;
}

/** Sets one param (already checked with checkParamValue); `paramLabel` names it in "Undo Change Units". */
export function setParamCommand(nodeId: string, name: string, value: unknown, paramLabel = name): Command {
  return {
    label: `Change ${paramLabel}`,
    undoable: true,
    perform: (doc) =>
      updateNode(doc, nodeId, (n) =>
        JSON.stringify(n.params[name]) === JSON.stringify(value) ? n : { ...n, params: { ...n.params, [name]: Array.isArray(value) ? [...value] : value } },
      ),
  };
}

/** Sets (or, with an empty text, removes) a node's own label. */
export function setLabelCommand(nodeId: string, label: string): Command {
  const text = label.trim();
  return {
    label: 'Rename node',
    undoable: true,
    perform: (doc) =>
      updateNode(doc, nodeId, (n) => {
        if ((n.label ?? '') === text) return n;
        const { label: _old, ...rest } = n;
        return text ? { ...rest, label: text } : rest;
      }),
  };
}

export function setSelectionCommand(selection: Selection): Command {
  return { label: 'Select', undoable: false, perform: (doc) => ({ ...doc, selection }) };
}

export function selectAllCommand(): Command {
  return {
    label: 'Select all',
    undoable: false,
    perform: (doc) => ({ ...doc, selection: { nodes: doc.project.graph.nodes.map((n) => n.id), edges: doc.project.graph.edges.map((e) => e.id) } }),
  };
}

export function renameProjectCommand(name: string): Command {
  return {
    label: 'Rename project',
    undoable: true,
    perform: (doc) => (doc.project.name === name ? doc : { ...doc, project: { ...doc.project, name } }),
  };
}

function roundXY(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
