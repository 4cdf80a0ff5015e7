/**
 * The smallest valid network around one node type, found from the registry alone (no list of
 * types): the node with its default params fed by the Input, then whatever makes a loss possible.
 * A new node type is covered by every test that loops over `nodeTypes` with this.
 *
 * - a loss: Input → Dense → (the activation it requires) → the loss, on classification data
 *   (3 classes, or 2 with one output) or regression data;
 * - an input: Input → MSE on regression data of its size;
 * - anything else: Input → the node (every port fed by the Input, twice for a variadic port)
 *   → (Flatten, when its output is not flat) → MSE on regression data of that size.
 * Candidate sample shapes are tried in order until the registry accepts the graph.
 */
import { analyzeGraph } from '../../src/shared/graph';
import type { Graph, GraphEdge, GraphNode } from '../../src/shared/graph-types';
import { defaultParams, getNodeSpec, type NodeType } from '../../src/shared/nodes';
import { shapeSize, type Shape } from '../../src/shared/nodes/types';

export interface MinimalCase {
  graph: Graph;
  /** The id of the node of the type under test. */
  subject: string;
  dataShape: number[];
  task: 'classification' | 'regression';
  numClasses: number;
  targetSize: number;
}

/** Flat features, a small image, a 28×28 image (Reshape's default shape needs 784 values). */
const SAMPLE_SHAPES: readonly number[][] = [[4], [2, 6, 6], [1, 28, 28]];

/** The scaffolding around the node under test (the types every network here is built from). */
const scaffold = { input: 'input', flatten: 'flatten', dense: 'dense', mse: 'mse' } as const satisfies Record<string, NodeType>;

function graphNode(id: string, type: NodeType, params: Record<string, unknown> = defaultParams(type)): GraphNode {
  return { id, type, position: { x: 0, y: 0 }, params };
}

function wire(source: string, target: string, port: string, k: number): GraphEdge {
  return { id: `${source}-${target}-${k}`, source, sourceHandle: 'out', target, targetHandle: port };
}

function valid(c: MinimalCase): boolean {
  const analysis = analyzeGraph(c.graph, { dataShape: c.dataShape, task: c.task, numClasses: c.numClasses, targetSize: c.targetSize });
  return analysis.issues.length === 0;
}

function shapeOf(graph: Graph, id: string, dataShape: Shape): Shape | null {
  return analyzeGraph(graph, { dataShape }).byId.get(id)?.shape ?? null;
}

function lossCases(type: NodeType): MinimalCase[] {
  const requires = getNodeSpec(type)!.loss!.requires;
  const setups = [
    { task: 'classification' as const, numClasses: 3, units: 3 },
    { task: 'classification' as const, numClasses: 2, units: 1 },
    { task: 'regression' as const, numClasses: 0, units: 3 },
  ];
  return setups.map(({ task, numClasses, units }) => {
    const nodes = [graphNode('x', scaffold.input), graphNode('d', scaffold.dense, { ...defaultParams(scaffold.dense), units })];
    if (requires) nodes.push(graphNode('r', requires as NodeType));
    nodes.push(graphNode('L', type));
    const edges = nodes.slice(1).map((n, i) => wire(nodes[i]!.id, n.id, 'in', i));
    return { graph: { nodes, edges }, subject: 'L', dataShape: [4], task, numClasses, targetSize: task === 'regression' ? units : 1 };
  });
}

function layerCases(type: NodeType): MinimalCase[] {
  return SAMPLE_SHAPES.map((dataShape) => {
    const spec = getNodeSpec(type)!;
    const nodes: GraphNode[] = [graphNode('x', scaffold.input)];
    const edges: GraphEdge[] = [];
    let last = 'x';
    if (type !== scaffold.input) {
      nodes.push(graphNode('n', type));
      spec.inputs.forEach((port) => {
        for (let k = 0; k < (port.variadic ? 2 : 1); k++) edges.push(wire('x', 'n', port.id, edges.length));
      });
      last = 'n';
    }
    const shape = shapeOf({ nodes, edges }, last, dataShape);
    if (shape && shape.length > 1) {
      nodes.push(graphNode('f', scaffold.flatten));
      edges.push(wire(last, 'f', 'in', edges.length));
      last = 'f';
    }
    nodes.push(graphNode('L', scaffold.mse));
    edges.push(wire(last, 'L', 'in', edges.length));
    const subject = type === scaffold.input ? 'x' : 'n';
    return { graph: { nodes, edges }, subject, dataShape, task: 'regression', numClasses: 0, targetSize: shape ? shapeSize(shape) : 1 };
  });
}

/** Every setup the registry accepts (e.g. a batch normalization on features and on an image). */
export function minimalCases(type: NodeType): MinimalCase[] {
  return (getNodeSpec(type)!.loss ? lossCases(type) : layerCases(type)).filter(valid);
}

/** The first setup the registry accepts, or an error naming the type and what was tried. */
export function minimalCase(type: NodeType): MinimalCase {
  const found = minimalCases(type)[0];
  if (!found) {
    throw new Error(
      `no minimal graph for '${type}': tried sample shapes ${SAMPLE_SHAPES.map((s) => `[${s.join(', ')}]`).join(', ')}; ` +
        'give its params defaults that fit one of them, or add a shape here',
    );
  }
  return found;
}
