/** The graph document: what the canvas edits and what a .bprop file stores. Plain data only. */

export interface GraphNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  /** Param values; missing ones take the registry's defaults. */
  params: Record<string, unknown>;
  /** Optional user label shown instead of the type's label. */
  label?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** One problem in a graph, keyed by the node or edge at fault. */
export interface GraphIssue {
  nodeId?: string;
  edgeId?: string;
  /** The param at fault, when there is one. */
  param?: string;
  message: string;
  /** What to do about it ("help: add a Softmax before it"). */
  help?: string;
}

export class GraphError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'GraphError';
  }
}

export function formatIssue(issue: GraphIssue): string {
  const where = issue.nodeId ? `node '${issue.nodeId}'` : issue.edgeId ? `edge '${issue.edgeId}'` : 'graph';
  const param = issue.param ? ` (param '${issue.param}')` : '';
  return `${where}${param}: ${issue.message}${issue.help ? `\n  help: ${issue.help}` : ''}`;
}
