/**
 * A simple layered layout for graphs made without the canvas (ONNX import in the CLI): each
 * node in the column after its furthest input, nodes of a column stacked and centred. The app
 * lays imported graphs out again with elkjs once their sizes are measured.
 */
import type { Graph } from '../shared/graph-types';

export const COLUMN_WIDTH = 240;
export const ROW_HEIGHT = 130;

export function layeredPositions(graph: Graph): Map<string, { x: number; y: number }> {
  const inputs = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) inputs.get(e.target)?.push(e.source);
  const column = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: the graph check reports it
    seen.add(id);
    const d = Math.max(-1, ...(inputs.get(id) ?? []).map((i) => depth(i, seen))) + 1;
    column.set(id, d);
    return d;
  };
  for (const n of graph.nodes) depth(n.id, new Set());
  const columns = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const c = column.get(n.id)!;
    columns.set(c, [...(columns.get(c) ?? []), n.id]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [c, ids] of columns) {
    ids.forEach((id, k) => positions.set(id, { x: c * COLUMN_WIDTH, y: (k - (ids.length - 1) / 2) * ROW_HEIGHT }));
  }
  return positions;
}
