/** Fresh, readable ids: `dense1`, `relu2` for nodes (they appear in messages), `e7` for edges. */
import type { Graph } from '../../../shared/graph-types';

export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${type}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** One more than the largest `e<number>` in use, so a deleted edge's id is not reused at once. */
export function freshEdgeId(taken: ReadonlySet<string>): string {
  let max = 0;
  for (const id of taken) {
    const match = /^e(\d+)$/.exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  let n = max + 1;
  while (taken.has(`e${n}`)) n++;
  return `e${n}`;
}

export function nodeIds(graph: Graph): Set<string> {
  return new Set(graph.nodes.map((n) => n.id));
}

export function edgeIds(graph: Graph): Set<string> {
  return new Set(graph.edges.map((e) => e.id));
}
