/**
 * Graph analysis: resolves every node against the registry, wires edges to ports, orders the
 * nodes topologically, infers shapes and collects every problem as a GraphIssue keyed by the
 * node or edge at fault. Tolerant by design: the editor shows partial shapes next to issues.
 */
import { didYouMean } from './closest-names';
import { findCycles } from './graph-cycles';
import { checkLosses } from './graph-losses';
import { resolveParams } from './graph-params';
import { GraphError, type Graph, type GraphEdge, type GraphIssue } from './graph-types';
import type { ResolvedNode } from './graph-resolved';
import { getNodeSpec, isNodeType, nodeTypes } from './nodes';
import type { Shape, ShapeContext } from './nodes/types';

export { resolveParams, type ResolvedParams } from './graph-params';

export type { ResolvedNode } from './graph-resolved';

export interface GraphAnalysis {
  /** Topological order; only the nodes that could be ordered (not those on or after a loop). */
  order: ResolvedNode[];
  /** Every node of a known type (the first one of a duplicated id). */
  byId: Map<string, ResolvedNode>;
  issues: GraphIssue[];
  /** Ids of the loss nodes, in graph order. */
  losses: string[];
}

/** Analyses a graph without ever throwing. */
export function analyzeGraph(graph: Graph, ctx: ShapeContext): GraphAnalysis {
  const issues: GraphIssue[] = [];
  const byId = new Map<string, ResolvedNode>();
  const blocked = new Set<string>(); // nodes whose shape cannot be inferred (bad params, missing inputs)
  const allIds = resolveNodes(graph, byId, blocked, issues);
  const { portEdges, accepted, fedByUnknown } = wireEdges(graph, allIds, byId, issues);
  for (const edge of accepted) {
    const consumers = byId.get(edge.source)!.consumers;
    if (!consumers.includes(edge.target)) consumers.push(edge.target);
  }

  const predecessors = new Map<string, string[]>();
  for (const node of byId.values()) {
    const edges = node.spec.inputs.flatMap((port) => portEdges.get(node.id)!.get(port.id)!);
    node.inputs = edges.map((e) => e.source);
    predecessors.set(node.id, node.inputs);
    for (const port of node.spec.inputs) {
      if (portEdges.get(node.id)!.get(port.id)!.length > 0) continue;
      blocked.add(node.id);
      if (fedByUnknown.has(portKey(node.id, port.id))) continue; // the unknown node is the issue
      const message =
        node.spec.inputs.length === 1
          ? `${node.spec.label} has no input: connect a node to its input`
          : `${node.spec.label} has nothing connected to its '${port.label}' input: connect a node to it`;
      issues.push({ nodeId: node.id, message });
    }
  }

  const order = topologicalOrder(byId, predecessors);
  if (order.length < byId.size) {
    const ordered = new Set(order.map((n) => n.id));
    const stuck = [...byId.keys()].filter((id) => !ordered.has(id));
    const successors = new Map([...byId.values()].map((n) => [n.id, n.consumers]));
    for (const loop of findCycles(stuck, predecessors, successors)) {
      issues.push({
        nodeId: loop[0]!,
        message: `These nodes form a loop: ${[...loop, loop[0]].join(' → ')}`,
        help: 'a network must flow one way, from the Input to the loss: remove one edge of the loop',
      });
    }
  }

  for (const node of order) inferNodeShape(node, byId, blocked, ctx, issues);
  checkInputNodes(byId, issues);
  const losses = [...byId.values()].filter((n) => n.spec.loss);
  if (losses.length === 0)
    issues.push({
      message: 'This network has no loss: connect a loss node',
      help: 'a loss tells training what to minimise: add one (e.g. MSE, or Cross-entropy after a Softmax) after the last layer',
    });
  issues.push(...checkLosses(losses, byId, ctx));
  return { order, byId, issues, losses: losses.map((n) => n.id) };
}

/** Like analyzeGraph, but throws a GraphError listing every issue if there is any. */
export function validateGraph(graph: Graph, ctx: ShapeContext): GraphAnalysis {
  const analysis = analyzeGraph(graph, ctx);
  if (analysis.issues.length > 0) throw new GraphError(analysis.issues);
  return analysis;
}

/** Resolves node types and params; returns every node id present (known type or not). */
function resolveNodes(graph: Graph, byId: Map<string, ResolvedNode>, blocked: Set<string>, issues: GraphIssue[]): Set<string> {
  const allIds = new Set<string>();
  for (const node of graph.nodes) {
    if (allIds.has(node.id)) {
      issues.push({ nodeId: node.id, message: `Two nodes have the same id '${node.id}'`, help: 'give every node its own id' });
      continue;
    }
    allIds.add(node.id);
    if (!isNodeType(node.type)) {
      const hint = didYouMean(node.type, nodeTypes);
      issues.push({ nodeId: node.id, message: `'${node.type}' is not a known node type`, help: hint || `known types: ${nodeTypes.join(', ')}` });
      continue;
    }
    const { params, issues: paramIssues } = resolveParams(node.type, node.params);
    if (paramIssues.length > 0) blocked.add(node.id);
    for (const issue of paramIssues) issues.push({ nodeId: node.id, ...issue });
    const spec = getNodeSpec(node.type)!;
    byId.set(node.id, { id: node.id, type: node.type, spec, params, inputs: [], inputShapes: [], shape: null, consumers: [] });
  }
  return allIds;
}

/** node id → port id → the edges accepted into that port, in edge-array order. */
type PortEdges = Map<string, Map<string, GraphEdge[]>>;

function wireEdges(
  graph: Graph,
  allIds: Set<string>,
  byId: Map<string, ResolvedNode>,
  issues: GraphIssue[],
): { portEdges: PortEdges; accepted: GraphEdge[]; fedByUnknown: Set<string> } {
  const portEdges: PortEdges = new Map();
  const accepted: GraphEdge[] = [];
  const fedByUnknown = new Set<string>(); // ports whose edge comes from a node of unknown type
  for (const node of byId.values()) portEdges.set(node.id, new Map(node.spec.inputs.map((p) => [p.id, []])));
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    const fail = (message: string, help?: string) => issues.push({ edgeId: edge.id, message, ...(help ? { help } : {}) });
    if (edgeIds.has(edge.id)) {
      fail(`Two edges have the same id '${edge.id}'`, 'give every edge its own id');
      continue;
    }
    edgeIds.add(edge.id);
    if (!allIds.has(edge.source)) {
      fail(`This edge starts at node '${edge.source}', which does not exist`, 'delete the edge');
      continue;
    }
    if (!allIds.has(edge.target)) {
      fail(`This edge ends at node '${edge.target}', which does not exist`, 'delete the edge');
      continue;
    }
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      // A node of unknown type: already reported on the node, not again on its edges.
      fedByUnknown.add(portKey(edge.target, edge.targetHandle));
      continue;
    }
    const outputs = source.spec.outputs;
    if (!outputs.some((p) => p.id === edge.sourceHandle)) {
      if (outputs.length === 0) fail(`${source.spec.label} is a loss: nothing can come after it`, 'delete the edge');
      else fail(`${source.spec.label} has no output '${edge.sourceHandle}'`, `its output is ${portList(outputs)}`);
      continue;
    }
    const port = target.spec.inputs.find((p) => p.id === edge.targetHandle);
    if (!port) {
      const inputs = target.spec.inputs;
      fail(`${target.spec.label} has no input '${edge.targetHandle}'`, inputs.length ? `its inputs: ${portList(inputs)}` : `${target.spec.label} takes no inputs`);
      continue;
    }
    const taken = portEdges.get(target.id)!.get(port.id)!;
    if (!port.variadic && taken.length > 0) {
      issues.push({
        nodeId: target.id,
        edgeId: edge.id,
        message: `${target.spec.label} takes a single input, but both '${taken[0]!.source}' and '${edge.source}' are connected to it`,
        help: 'remove one of the two edges',
      });
      continue;
    }
    taken.push(edge);
    accepted.push(edge);
  }
  return { portEdges, accepted, fedByUnknown };
}

function portKey(nodeId: string, portId: string): string {
  return JSON.stringify([nodeId, portId]);
}

function portList(ports: readonly { id: string }[]): string {
  return ports.map((p) => `'${p.id}'`).join(', ');
}

/** Kahn's algorithm; ties broken by graph order, so the result is stable. */
function topologicalOrder(byId: Map<string, ResolvedNode>, predecessors: Map<string, string[]>): ResolvedNode[] {
  const waiting = new Map<string, number>();
  for (const [id, preds] of predecessors) waiting.set(id, preds.length);
  const order: ResolvedNode[] = [];
  for (const node of byId.values()) if (waiting.get(node.id) === 0) order.push(node);
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    for (const consumerId of node.consumers) {
      // A consumer may read this node through several edges (variadic ports).
      const edges = predecessors.get(consumerId)!.filter((p) => p === node.id).length;
      const left = waiting.get(consumerId)! - edges;
      waiting.set(consumerId, left);
      if (left === 0) order.push(byId.get(consumerId)!);
    }
  }
  return order;
}

function inferNodeShape(node: ResolvedNode, byId: Map<string, ResolvedNode>, blocked: Set<string>, ctx: ShapeContext, issues: GraphIssue[]): void {
  if (blocked.has(node.id)) return;
  const shapes = node.inputs.map((id) => byId.get(id)!.shape);
  if (shapes.some((s) => s === null)) return; // an upstream issue explains it
  node.inputShapes = shapes as Shape[];
  try {
    const result = node.spec.inferShape(node.inputShapes, node.params as never, ctx);
    if ('shape' in result) node.shape = result.shape;
    else issues.push({ nodeId: node.id, message: result.error, ...(result.help ? { help: result.help } : {}) });
  } catch (err) {
    // A spec should never throw; if one does, keep the editor alive and say where.
    issues.push({ nodeId: node.id, message: `Could not compute the shape of ${node.spec.label}: ${String(err)}` });
  }
}

function checkInputNodes(byId: Map<string, ResolvedNode>, issues: GraphIssue[]): void {
  const inputs = [...byId.values()].filter((n) => n.type === 'input');
  if (inputs.length === 0) {
    issues.push({ message: 'This network has no Input node', help: 'add an Input from the palette and connect it to the first layer' });
    return;
  }
  const first = inputs[0]!.id;
  for (const extra of inputs.slice(1)) {
    issues.push({
      nodeId: extra.id,
      message: `A network has one Input node, and '${first}' is already it`,
      help: `delete this one and connect '${first}' instead`,
    });
  }
}
