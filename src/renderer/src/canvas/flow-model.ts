/**
 * React Flow's controlled nodes and edges, derived from the project graph, its analysis and
 * the selection. `data` is plain, serialisable data: behaviour lives in the store.
 */
import type { Edge, Node } from '@xyflow/react';
import type { GraphAnalysis } from '../../../shared/graph';
import type { Graph, GraphIssue } from '../../../shared/graph-types';
import { getNodeSpec } from '../../../shared/nodes';
import { formatShape, type Category } from '../../../shared/nodes/types';
import { hasTrainableWeights } from '../../../shared/nodes/weights';
import { parameterCount } from '../store/model-summary';
import type { Selection, XY } from '../store/types';

export interface PortView {
  id: string;
  label: string;
}

export type NetworkNodeData = {
  /** The user's label, else the type's label. */
  title: string;
  typeLabel: string;
  category: Category | 'unknown';
  /** Key params in words ("16 units"); the formula when a type has no params to show. */
  subtitle: string;
  /** `[batch, 16]`, or null when unknown. */
  shape: string | null;
  params: number | null;
  /** The type has weights (so a parameter count is worth showing). */
  trainable: boolean;
  issues: string[];
  inputs: PortView[];
  outputs: PortView[];
  /** A lesson locks the node (or some of its params): shown as `locked` in its title bar. */
  locked?: boolean;
};

export type NetworkFlowNode = Node<NetworkNodeData, 'network'>;

export type ShapeEdgeData = {
  /** The tensor the edge carries, `[batch, 16]`; null when unknown. */
  shape: string | null;
  issues: string[];
  /** "x → hidden", for tooltips. */
  route: string;
};

export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

export function issueText(issue: GraphIssue): string {
  return issue.help ? `${issue.message} (${issue.help})` : issue.message;
}

function issuesBy(issues: readonly GraphIssue[], key: 'nodeId' | 'edgeId'): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const issue of issues) {
    const id = issue[key];
    if (id === undefined) continue;
    map.set(id, [...(map.get(id) ?? []), issueText(issue)]);
  }
  return map;
}

function subtitleOf(type: string, params: Record<string, unknown>, hasLabel: boolean): string {
  const spec = getNodeSpec(type);
  if (!spec) return '';
  let summary = '';
  try {
    summary = spec.summary?.(params as never) ?? '';
  } catch {
    summary = '';
  }
  const parts = [hasLabel ? spec.label : '', summary || shortFormula(spec.formula)].filter(Boolean);
  return parts.join(' · ');
}

/** The formula's first part (before any double-spaced note), for nodes without a summary. */
function shortFormula(formula: string | undefined): string {
  return formula ? formula.split('  ')[0]!.trim() : '';
}

export interface FlowInputs {
  graph: Graph;
  analysis: GraphAnalysis;
  selection: Selection;
  dragPositions: Readonly<Record<string, XY>> | null;
  measured: Readonly<Record<string, { width: number; height: number }>>;
  /** Nodes a lesson locks. */
  locked?: ReadonlySet<string>;
}

export function toFlowNodes({ graph, analysis, selection, dragPositions, measured, locked }: FlowInputs): NetworkFlowNode[] {
  const byNode = issuesBy(analysis.issues, 'nodeId');
  const selected = new Set(selection.nodes);
  return graph.nodes.map((node) => {
    const spec = getNodeSpec(node.type);
    const resolved = analysis.byId.get(node.id);
    const size = measured[node.id];
    const params = resolved?.params ?? node.params;
    return {
      id: node.id,
      type: 'network',
      position: dragPositions?.[node.id] ?? node.position,
      selected: selected.has(node.id),
      ...(size ? { measured: size } : {}),
      data: {
        title: node.label || spec?.label || node.type,
        typeLabel: spec?.label ?? node.type,
        category: spec?.category ?? 'unknown',
        subtitle: subtitleOf(node.type, params, Boolean(node.label)),
        shape: resolved?.shape ? formatShape(resolved.shape) : null,
        params: resolved ? parameterCount(resolved) : null,
        trainable: spec ? hasTrainableWeights(spec) : false,
        issues: byNode.get(node.id) ?? [],
        inputs: spec?.inputs.map((p) => ({ id: p.id, label: p.label })) ?? [],
        outputs: spec?.outputs.map((p) => ({ id: p.id, label: p.label })) ?? [],
        ...(locked?.has(node.id) ? { locked: true } : {}),
      },
    };
  });
}

export function toFlowEdges({ graph, analysis, selection }: Pick<FlowInputs, 'graph' | 'analysis' | 'selection'>): ShapeFlowEdge[] {
  const byEdge = issuesBy(analysis.issues, 'edgeId');
  const selected = new Set(selection.edges);
  return graph.edges.map((edge) => {
    const shape = analysis.byId.get(edge.source)?.shape;
    return {
      id: edge.id,
      type: 'shape',
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      targetHandle: edge.targetHandle,
      selected: selected.has(edge.id),
      data: { shape: shape ? formatShape(shape) : null, issues: byEdge.get(edge.id) ?? [], route: `${edge.source} → ${edge.target}` },
    };
  });
}

/** Problems of the whole network (no node or edge to pin them to): shown as a banner. */
export function graphLevelIssues(analysis: GraphAnalysis): GraphIssue[] {
  return analysis.issues.filter((i) => i.nodeId === undefined && i.edgeId === undefined);
}

/** Keeps the previous object for every node or edge whose content did not change (fewer re-renders). */
export function reuseUnchanged<T extends { id: string }>(previous: readonly T[], next: T[]): T[] {
  const old = new Map(previous.map((item) => [item.id, item]));
  return next.map((item) => {
    const before = old.get(item.id);
    return before && JSON.stringify(before) === JSON.stringify(item) ? before : item;
  });
}
