/**
 * Differentiating a computational graph three ways, as the lectures compare them:
 * - the forward pass: every block's value and its local derivatives (one per incoming edge);
 * - reverse mode: the output sends ∂g/∂g = 1 back, each block multiplies the adjoint it received
 *   by its local derivatives and sends the products to its inputs, which sum what they receive —
 *   all of ∇g in one backward pass;
 * - forward mode: one pass per variable θᵢ, carrying the tangent ∂·/∂θᵢ forward;
 * and, to check them, forward and central finite differences with a step h.
 */
import { GraphError, type GraphEdge } from '../graph-types';
import { analyzeCompGraph } from './analyze';
import { paramsWithDefaults, scalarOps, type ScalarOp } from './ops';
import type { CompGraph } from './types';

export interface GraphVariable {
  nodeId: string;
  name: string;
  value: number;
}

export interface ForwardPass {
  /** Node ids, every block after its inputs. */
  order: string[];
  output: string;
  g: number;
  values: Record<string, number>;
  /** Per edge: the local derivative ∂target/∂source along it. */
  local: Record<string, number>;
  variables: GraphVariable[];
  /** Node ids from which the output can be reached (the blocks g depends on, and the output). */
  relevant: Set<string>;
}

export class CompGraphEvaluationError extends Error {
  constructor(message: string, readonly nodeId: string) {
    super(message);
    this.name = 'CompGraphEvaluationError';
  }
}

interface Prepared {
  graph: CompGraph;
  order: string[];
  output: string;
  /** Incoming edges of each node, ordered by port. */
  incoming: Map<string, GraphEdge[]>;
  types: Map<string, ScalarOp>;
  params: Map<string, ReturnType<typeof paramsWithDefaults>>;
  variables: GraphVariable[];
}

/** Checks the graph (GraphError listing every problem) and indexes it for evaluation. */
function prepare(graph: CompGraph, overrides: Readonly<Record<string, number>> = {}): Prepared {
  const analysis = analyzeCompGraph(graph);
  if (analysis.issues.length > 0 || !analysis.order) throw new GraphError(analysis.issues);
  const types = new Map<string, ScalarOp>();
  const params = new Map<string, ReturnType<typeof paramsWithDefaults>>();
  for (const n of graph.nodes) {
    types.set(n.id, n.type as ScalarOp);
    params.set(n.id, paramsWithDefaults(n.type as ScalarOp, n.params));
  }
  const incoming = new Map<string, GraphEdge[]>();
  for (const n of graph.nodes) {
    const ports = scalarOps[types.get(n.id)!].inputs(params.get(n.id)!);
    const edges = graph.edges.filter((e) => e.target === n.id);
    incoming.set(n.id, ports.map((p) => edges.find((e) => e.targetHandle === p)!));
  }
  const variables: GraphVariable[] = [];
  for (const id of analysis.order) {
    if (types.get(id) !== 'variable') continue;
    const p = params.get(id)!;
    const name = String(p.name);
    if (Object.hasOwn(overrides, name)) p.value = overrides[name]!;
    variables.push({ nodeId: id, name, value: Number(p.value) });
  }
  const unknown = Object.keys(overrides).filter((name) => !variables.some((v) => v.name === name));
  if (unknown.length) throw new GraphError([{ message: `there is no variable named '${unknown[0]}' (the variables are ${variables.map((v) => v.name).join(', ') || 'none'})` }]);
  return { graph, order: analysis.order, output: graph.output!, incoming, types, params, variables };
}

/** Values of every node, with the variables' values replaced by `values` (by node id) when given. */
function valuesOf(p: Prepared, variableValues?: ReadonlyMap<string, number>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const id of p.order) {
    const type = p.types.get(id)!;
    if (type === 'variable' && variableValues?.has(id)) {
      values[id] = variableValues.get(id)!;
      continue;
    }
    const inputs = p.incoming.get(id)!.map((e) => values[e.source]!);
    values[id] = scalarOps[type].value(inputs, p.params.get(id)!);
  }
  return values;
}

function ancestorsOf(p: Prepared, target: string): Set<string> {
  const seen = new Set([target]);
  const stack = [target];
  while (stack.length) {
    for (const e of p.incoming.get(stack.pop()!)!) {
      if (!seen.has(e.source)) {
        seen.add(e.source);
        stack.push(e.source);
      }
    }
  }
  return seen;
}

/**
 * The forward pass: every block's value and local derivatives. A value or local derivative that
 * is not finite on the way to g (log of 0, a division by 0) is an error naming the block.
 */
export function forwardPass(graph: CompGraph, overrides?: Readonly<Record<string, number>>): ForwardPass {
  const p = prepare(graph, overrides);
  const values = valuesOf(p);
  const relevant = ancestorsOf(p, p.output);
  const local: Record<string, number> = {};
  for (const id of p.order) {
    const edges = p.incoming.get(id)!;
    if (edges.length === 0) continue;
    const type = p.types.get(id)!;
    const inputs = edges.map((e) => values[e.source]!);
    const partials = scalarOps[type].local(inputs, p.params.get(id)!, values[id]!);
    edges.forEach((e, k) => (local[e.id] = partials[k]!));
    if (!relevant.has(id)) continue;
    if (!Number.isFinite(values[id])) throw new CompGraphEvaluationError(`node '${id}' (${scalarOps[type].label}): its value is ${values[id]} for the input${inputs.length > 1 ? 's' : ''} ${inputs.map(fmt).join(', ')}`, id);
    const bad = partials.findIndex((d) => !Number.isFinite(d));
    if (bad >= 0) throw new CompGraphEvaluationError(`node '${id}' (${scalarOps[type].label}): its derivative with respect to input '${edges[bad]!.targetHandle}' is ${partials[bad]} at ${inputs.map(fmt).join(', ')}`, id);
  }
  return { order: p.order, output: p.output, g: values[p.output]!, values, local, variables: p.variables, relevant };
}

const fmt = (x: number): string => String(Number(x.toPrecision(6)));

/** One block's turn in the backward pass: it holds ∂g/∂block and sends adjoint × local derivative to each input. */
export interface BackwardStep {
  nodeId: string;
  adjoint: number;
  messages: { edgeId: string; to: string; local: number; value: number }[];
}

export interface ReverseMode {
  /** ∂g/∂node for every node (0 for blocks g does not depend on). */
  adjoints: Record<string, number>;
  /** Per edge: the message sent back along it (the target's adjoint × the edge's local derivative). */
  messages: Record<string, number>;
  steps: BackwardStep[];
  /** ∂g/∂θ by variable name. */
  gradient: Record<string, number>;
  /** One forward pass and one backward pass, whatever the number of variables. */
  passes: 1;
}

export function reverseMode(graph: CompGraph, fwd: ForwardPass): ReverseMode {
  const adjoints: Record<string, number> = Object.fromEntries(fwd.order.map((id) => [id, 0]));
  const messages: Record<string, number> = {};
  const steps: BackwardStep[] = [];
  adjoints[fwd.output] = 1;
  const incoming = edgesByTarget(graph);
  for (const id of [...fwd.order].reverse()) {
    if (!fwd.relevant.has(id)) continue;
    const edges = incoming.get(id) ?? [];
    const step: BackwardStep = { nodeId: id, adjoint: adjoints[id]!, messages: [] };
    for (const e of edges) {
      const value = adjoints[id]! * fwd.local[e.id]!;
      messages[e.id] = value;
      adjoints[e.source] = adjoints[e.source]! + value;
      step.messages.push({ edgeId: e.id, to: e.source, local: fwd.local[e.id]!, value });
    }
    steps.push(step);
  }
  const gradient = Object.fromEntries(fwd.variables.map((v) => [v.name, adjoints[v.nodeId]!]));
  return { adjoints, messages, steps, gradient, passes: 1 };
}

/** One forward-mode pass: the tangent ∂node/∂θ of every node for one variable θ. */
export interface TangentPass {
  variable: string;
  tangents: Record<string, number>;
  /** ∂g/∂θ, the output's tangent. */
  derivative: number;
}

export interface ForwardMode {
  passes: TangentPass[];
  gradient: Record<string, number>;
}

export function forwardMode(graph: CompGraph, fwd: ForwardPass): ForwardMode {
  const incoming = edgesByTarget(graph);
  const passes = fwd.variables.map((v): TangentPass => {
    const tangents: Record<string, number> = {};
    for (const id of fwd.order) {
      const edges = incoming.get(id) ?? [];
      tangents[id] = id === v.nodeId ? 1 : edges.reduce((sum, e) => sum + fwd.local[e.id]! * tangents[e.source]!, 0);
    }
    return { variable: v.name, tangents, derivative: tangents[fwd.output]! };
  });
  return { passes, gradient: Object.fromEntries(passes.map((p) => [p.variable, p.derivative])) };
}

function edgesByTarget(graph: CompGraph): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) map.set(e.target, [...(map.get(e.target) ?? []), e]);
  return map;
}

export interface FiniteDifferences {
  h: number;
  /** (g(θ + h·eᵢ) − g(θ)) / h by variable name: d + 1 evaluations of g. */
  forward: Record<string, number>;
  /** (g(θ + h·eᵢ) − g(θ − h·eᵢ)) / 2h: 2d evaluations of g. */
  central: Record<string, number>;
  evaluations: { forward: number; central: number };
}

export function finiteDifferences(graph: CompGraph, h: number, overrides?: Readonly<Record<string, number>>): FiniteDifferences {
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`the finite-difference step h must be a positive number (got ${h})`);
  const p = prepare(graph, overrides);
  const base = new Map(p.variables.map((v) => [v.nodeId, v.value]));
  const g = (nodeId: string, delta: number): number => valuesOf(p, new Map(base).set(nodeId, base.get(nodeId)! + delta))[p.output]!;
  const g0 = valuesOf(p, base)[p.output]!;
  const forward: Record<string, number> = {};
  const central: Record<string, number> = {};
  for (const v of p.variables) {
    const plus = g(v.nodeId, h);
    forward[v.name] = (plus - g0) / h;
    central[v.name] = (plus - g(v.nodeId, -h)) / (2 * h);
  }
  const d = p.variables.length;
  return { h, forward, central, evaluations: { forward: d + 1, central: 2 * d } };
}

/** One path from a variable to g: the local derivatives along it and their product. */
export interface PathContribution {
  /** Node ids from the variable to the output. */
  nodes: string[];
  edges: string[];
  factors: number[];
  product: number;
}

/**
 * The chain rule written out: ∂g/∂θ is the sum over every path θ → g of the product of the local
 * derivatives along it. Lists at most `limit` paths (their number can grow exponentially) and
 * says how many there are.
 */
export function pathContributions(graph: CompGraph, fwd: ForwardPass, variableNodeId: string, limit = 24): { paths: PathContribution[]; total: number } {
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);
  const countMemo = new Map<string, number>();
  const count = (id: string): number => {
    if (id === fwd.output) return 1;
    if (countMemo.has(id)) return countMemo.get(id)!;
    const n = (outgoing.get(id) ?? []).reduce((s, e) => s + count(e.target), 0);
    countMemo.set(id, n);
    return n;
  };
  const paths: PathContribution[] = [];
  const walk = (id: string, nodes: string[], edges: GraphEdge[]): void => {
    if (paths.length >= limit) return;
    if (id === fwd.output) {
      const factors = edges.map((e) => fwd.local[e.id]!);
      paths.push({ nodes, edges: edges.map((e) => e.id), factors, product: factors.reduce((a, b) => a * b, 1) });
      return;
    }
    for (const e of outgoing.get(id) ?? []) if (fwd.relevant.has(e.target)) walk(e.target, [...nodes, e.target], [...edges, e]);
  };
  walk(variableNodeId, [variableNodeId], []);
  return { paths, total: count(variableNodeId) };
}

/** Everything `bprop grad` and the canvas show, in one call. */
export interface GradientReport {
  g: number;
  variables: Record<string, { value: number; reverse: number; forward: number; central: number; forwardDifference: number }>;
  passes: { reverse: number; forward: number };
  h: number;
}

export function gradientReport(graph: CompGraph, h: number, overrides?: Readonly<Record<string, number>>): GradientReport {
  const fwd = forwardPass(graph, overrides);
  const rev = reverseMode(graph, fwd);
  const tan = forwardMode(graph, fwd);
  const fd = finiteDifferences(graph, h, overrides);
  const variables: GradientReport['variables'] = {};
  for (const v of fwd.variables) {
    variables[v.name] = { value: v.value, reverse: rev.gradient[v.name]!, forward: tan.gradient[v.name]!, central: fd.central[v.name]!, forwardDifference: fd.forward[v.name]! };
  }
  return { g: fwd.g, variables, passes: { reverse: rev.passes, forward: tan.passes.length }, h };
}
