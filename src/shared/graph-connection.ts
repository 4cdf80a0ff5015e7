/** Whether the editor may add an edge: the reason it is refused, or null. */
import { analyzeGraph } from './graph';
import { resolveParams } from './graph-params';
import type { Graph } from './graph-types';
import { getNodeSpec, isNodeType } from './nodes';
import type { PortSpec, Shape, ShapeContext } from './nodes/types';

/** A proposed edge. Handles may be null (React Flow) when a node has a single port on that side. */
export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
  /** When reconnecting an existing edge: its id, so it does not count against itself. */
  id?: string;
}

/**
 * Refuses self-loops, unknown nodes or ports, a second edge into a single-input port, a
 * duplicate edge and loops. With `ctx`, also refuses an edge whose target could not accept
 * the source's shape (e.g. an image into a Dense); without it, shapes are not considered.
 */
export function checkConnection(graph: Graph, edge: ConnectionAttempt, ctx?: ShapeContext): string | null {
  if (edge.source === edge.target) return 'A node cannot be connected to itself';
  const sourceNode = graph.nodes.find((n) => n.id === edge.source);
  const targetNode = graph.nodes.find((n) => n.id === edge.target);
  if (!sourceNode) return `There is no node '${edge.source}'`;
  if (!targetNode) return `There is no node '${edge.target}'`;
  const source = getNodeSpec(sourceNode.type);
  const target = getNodeSpec(targetNode.type);
  if (!source) return `'${sourceNode.type}' is not a known node type`;
  if (!target) return `'${targetNode.type}' is not a known node type`;

  if (source.outputs.length === 0) return `${source.label} is a loss: nothing can come after it`;
  const out = findPort(source.outputs, edge.sourceHandle);
  if (!out) return `${source.label} has no output '${edge.sourceHandle}'`;
  if (target.inputs.length === 0) return `${target.label} takes no inputs: data flows out of it`;
  const port = findPort(target.inputs, edge.targetHandle);
  if (!port) return `${target.label} has no input '${edge.targetHandle}'`;

  const others = graph.edges.filter((e) => e.id !== edge.id);
  const intoPort = others.filter((e) => e.target === edge.target && e.targetHandle === port.id);
  if (intoPort.some((e) => e.source === edge.source && e.sourceHandle === out.id)) return 'These two nodes are already connected';
  if (!port.variadic && intoPort.length > 0)
    return `This input is already connected to '${intoPort[0]!.source}': remove that edge first`;

  const loop = pathBetween(others, edge.target, edge.source);
  if (loop) return `This would make a loop: ${[...loop, edge.target].join(' → ')}`;

  if (!ctx) return null;
  // A merge (variadic port) is checked once it would have two inputs: the new one joins those already there.
  const sources = port.variadic ? [...intoPort.map((e) => e.source), edge.source] : [edge.source];
  if (port.variadic && sources.length < 2) return null;
  return target.inputs.length === 1 ? shapeRefusal(graph, sources, targetNode.type, targetNode.params, ctx) : null;
}

/** A null handle means "the only port on that side". */
function findPort(ports: readonly PortSpec[], handle: string | null | undefined): PortSpec | undefined {
  if (handle === null || handle === undefined) return ports.length === 1 ? ports[0] : undefined;
  return ports.find((p) => p.id === handle);
}

/** The node ids on a path from `from` to `to` along `edges` (breadth-first, so the shortest), or null. */
function pathBetween(edges: Graph['edges'], from: string, to: string): string[] | null {
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (id === to) {
      const path = [id];
      for (let at = id; at !== from; ) path.push((at = parent.get(at)!));
      return path.reverse();
    }
    for (const e of edges) {
      if (e.source === id && !parent.has(e.target)) {
        parent.set(e.target, id);
        queue.push(e.target);
      }
    }
  }
  return null;
}

/** For single-port targets, the common case while wiring: would inferShape accept these input shapes? */
function shapeRefusal(graph: Graph, sourceIds: string[], targetType: string, rawParams: unknown, ctx: ShapeContext): string | null {
  if (!isNodeType(targetType)) return null;
  const target = getNodeSpec(targetType)!;
  const byId = analyzeGraph(graph, ctx).byId;
  const shapes = sourceIds.map((id) => byId.get(id)?.shape);
  if (shapes.some((s) => !s)) return null;
  const { params, issues } = resolveParams(targetType, rawParams);
  if (issues.length > 0) return null; // the inspector already shows those
  const result = target.inferShape(shapes as Shape[], params as never, ctx);
  if ('shape' in result) return null;
  return result.help ? `${result.error}: ${result.help}` : result.error;
}
