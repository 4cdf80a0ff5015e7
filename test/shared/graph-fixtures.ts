/** Tiny builders for graphs in tests. */
import type { Graph, GraphEdge, GraphNode } from '../../src/shared/graph-types';
import type { ShapeContext } from '../../src/shared/nodes/types';

export function node(id: string, type: string, params: Record<string, unknown> = {}): GraphNode {
  return { id, type, position: { x: 0, y: 0 }, params };
}

export function edge(source: string, target: string, id = `${source}-${target}`, sourceHandle = 'out', targetHandle = 'in'): GraphEdge {
  return { id, source, sourceHandle, target, targetHandle };
}

/** A straight chain: each node feeds the next through out → in. */
export function chain(...nodes: [id: string, type: string, params?: Record<string, unknown>][]): Graph {
  const graphNodes = nodes.map(([id, type, params]) => node(id, type, params));
  const edges = graphNodes.slice(1).map((n, i) => edge(graphNodes[i]!.id, n.id));
  return { nodes: graphNodes, edges };
}

export const classes = (numClasses: number, dataShape: number[] = [2]): ShapeContext => ({
  dataShape,
  task: 'classification',
  numClasses,
});

export const regression = (targetSize: number, dataShape: number[] = [3]): ShapeContext => ({
  dataShape,
  task: 'regression',
  targetSize,
});

/** A valid 2-class classifier: x → h(dense 4) → a(relu) → o(dense 2) → s(softmax) → L(crossEntropy). */
export function classifier(): Graph {
  return chain(['x', 'input'], ['h', 'dense', { units: 4 }], ['a', 'relu'], ['o', 'dense', { units: 2 }], ['s', 'softmax'], ['L', 'crossEntropy']);
}
