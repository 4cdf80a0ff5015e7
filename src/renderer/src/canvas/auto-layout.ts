/**
 * Auto-layout with elkjs (layered, left to right), run in the main thread: graphs here are small.
 * elkjs is about 1.4 MB, over half the app's script, so it is fetched on the first Auto-layout
 * rather than at start.
 */
import type ELK from 'elkjs/lib/elk.bundled.js';
import type { Graph } from '../../../shared/graph-types';
import type { XY } from '../store/types';

/** Used until React Flow has measured a node. */
export const DEFAULT_NODE_SIZE = { width: 184, height: 86 };

let elk: InstanceType<typeof ELK> | null = null;

/**
 * Top-left positions for every node, laid out in layers from the Input to the loss. A long
 * chain wraps into rows so the result has about the given aspect ratio (the canvas's).
 */
export async function layoutPositions(
  graph: Graph,
  sizes: Readonly<Record<string, { width: number; height: number }>>,
  aspectRatio = 1.6,
): Promise<Record<string, XY>> {
  if (graph.nodes.length === 0) return {};
  if (!elk) {
    const { default: Elk } = await import('elkjs/lib/elk.bundled.js');
    elk = new Elk();
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '100',
      'elk.spacing.nodeNode': '56',
      'elk.spacing.componentComponent': '72',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.wrapping.strategy': 'SINGLE_EDGE',
      'elk.layered.wrapping.additionalEdgeSpacing': '24',
      'elk.aspectRatio': aspectRatio.toFixed(2),
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? DEFAULT_NODE_SIZE) })),
    edges: graph.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, XY> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: 40 + (child.x ?? 0), y: 40 + (child.y ?? 0) };
  return positions;
}
