/**
 * The graph check of a computational graph: known blocks, valid params (expressions parsed,
 * errors with their column), wires between existing ports, every input wired once, no loops,
 * distinct variable names, and an output g. Returns the problems and an evaluation order.
 */
import type { GraphIssue } from '../graph-types';
import { ExpressionError } from './expression';
import { compileExpression, isScalarOp, scalarOps, type ScalarOp } from './ops';
import type { CompGraph } from './types';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface CompGraphAnalysis {
  issues: GraphIssue[];
  /** Node ids in an order where every block comes after its inputs (absent when there is a loop). */
  order?: string[];
}

/** Problems with one node's params (shared by the file reader, the graph check and the inspector). */
export function paramIssues(type: ScalarOp, params: Readonly<Record<string, unknown>>, nodeId: string): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const spec = scalarOps[type];
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(spec.params, key)) issues.push({ nodeId, param: key, message: `${spec.label} has no param '${key}'${Object.keys(spec.params).length ? ` (it takes ${Object.keys(spec.params).join(', ')})` : ''}` });
  }
  for (const [name, p] of Object.entries(spec.params)) {
    const v = params[name];
    if (v === undefined) continue;
    if ((p.kind === 'number' || p.kind === 'int') && (typeof v !== 'number' || !Number.isFinite(v))) issues.push({ nodeId, param: name, message: `must be a number (got ${JSON.stringify(v)})` });
    else if (p.kind === 'int' && (!Number.isInteger(v) || (v as number) < p.min || (v as number) > p.max)) issues.push({ nodeId, param: name, message: `must be an integer from ${p.min} to ${p.max} (got ${String(v)})` });
    else if ((p.kind === 'name' || p.kind === 'expression') && typeof v !== 'string') issues.push({ nodeId, param: name, message: `must be text (got ${JSON.stringify(v)})` });
    else if (p.kind === 'name' && !NAME.test(v as string)) issues.push({ nodeId, param: name, message: `'${String(v)}' is not a name: use letters, digits and _, starting with a letter (e.g. theta1)` });
  }
  if (type === 'expression' && issues.length === 0) {
    const text = typeof params.expression === 'string' ? params.expression : String(spec.params.expression!.default);
    const inputs = typeof params.inputs === 'number' ? params.inputs : Number(spec.params.inputs!.default);
    try {
      compileExpression(text, inputs);
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      issues.push({ nodeId, param: 'expression', message: `${err.message} of '${text}'` });
    }
  }
  return issues;
}

export function analyzeCompGraph(graph: CompGraph): CompGraphAnalysis {
  const issues: GraphIssue[] = [];
  const nodes = new Map<string, CompGraph['nodes'][number]>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) issues.push({ nodeId: node.id, message: `two nodes have the id '${node.id}'` });
    nodes.set(node.id, node);
    if (!isScalarOp(node.type)) {
      issues.push({ nodeId: node.id, message: `unknown block type '${node.type}'`, help: `the blocks are ${Object.keys(scalarOps).join(', ')}` });
      continue;
    }
    issues.push(...paramIssues(node.type, node.params, node.id));
  }
  const names = new Map<string, string>();
  for (const node of graph.nodes) {
    if (node.type !== 'variable') continue;
    const name = String(node.params.name ?? scalarOps.variable.params.name!.default);
    const other = names.get(name);
    if (other !== undefined) issues.push({ nodeId: node.id, param: 'name', message: `the variable name '${name}' is already used by node '${other}'` });
    else names.set(name, node.id);
  }

  const edgeIds = new Set<string>();
  const wired = new Map<string, string>(); // "node\u0000port" -> edge id
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) issues.push({ edgeId: edge.id, message: `two edges have the id '${edge.id}'` });
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) issues.push({ edgeId: edge.id, message: `starts at a node that does not exist ('${edge.source}')` });
    if (!target) issues.push({ edgeId: edge.id, message: `ends at a node that does not exist ('${edge.target}')` });
    if (!source || !target || !isScalarOp(target.type)) continue;
    if (edge.sourceHandle !== 'out') issues.push({ edgeId: edge.id, message: `leaves port '${edge.sourceHandle}' of '${edge.source}', but blocks have one output port, 'out'` });
    const ports = portsOf(target);
    if (!ports.includes(edge.targetHandle)) {
      issues.push({ edgeId: edge.id, nodeId: target.id, message: ports.length ? `'${target.id}' has no input '${edge.targetHandle}' (its inputs are ${ports.join(', ')})` : `'${target.id}' (${scalarOps[target.type].label}) takes no inputs` });
      continue;
    }
    const key = `${edge.target}\u0000${edge.targetHandle}`;
    if (wired.has(key)) issues.push({ edgeId: edge.id, nodeId: target.id, message: `input '${edge.targetHandle}' of '${target.id}' is already wired (edge '${wired.get(key)}')` });
    else wired.set(key, edge.id);
  }
  for (const node of graph.nodes) {
    if (!isScalarOp(node.type)) continue;
    for (const port of portsOf(node)) if (!wired.has(`${node.id}\u0000${port}`)) issues.push({ nodeId: node.id, message: `input '${port}' is not connected` });
  }

  if (graph.output === undefined) issues.push({ message: 'no node is marked as the output g', help: 'select the block that computes g and mark it as the output' });
  else if (!nodes.has(graph.output)) issues.push({ message: `the output g is node '${graph.output}', which does not exist` });

  const order = topologicalOrder(graph);
  if (!order) issues.push({ message: 'the graph has a loop: a block cannot depend on its own value' });
  return order ? { issues, order } : { issues };
}

function portsOf(node: CompGraph['nodes'][number]): string[] {
  if (!isScalarOp(node.type)) return [];
  const inputs = node.type === 'expression' ? node.params.inputs : undefined;
  const params = typeof inputs === 'number' && Number.isInteger(inputs) && inputs >= 1 && inputs <= 3 ? { inputs } : { inputs: 2 };
  return scalarOps[node.type].inputs(params);
}

/** Kahn's algorithm; undefined when there is a loop. Ties keep the order of the node list. */
export function topologicalOrder(graph: CompGraph): string[] | undefined {
  const ids = graph.nodes.map((n) => n.id);
  const known = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) {
    if (!known.has(e.source) || !known.has(e.target)) continue;
    indegree.set(e.target, indegree.get(e.target)! + 1);
    next.get(e.source)!.push(e.target);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const t of next.get(id)!) {
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  return order.length === ids.length ? order : undefined;
}
