/** Naming the loops in a graph, iteratively (no recursion: JS stacks are small). */

/**
 * `stuck` are the nodes a topological sort could not order: each lies on a loop or downstream
 * of one, so each has a predecessor that is also stuck. Walking predecessors from any stuck
 * node must therefore revisit a node, and the walk between the two visits is a loop. Returns
 * one loop per independent cycle region, each in edge direction and starting at the node that
 * comes first in `stuck`'s order.
 */
export function findCycles(
  stuck: readonly string[],
  predecessors: ReadonlyMap<string, readonly string[]>,
  successors: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const remaining = new Set(stuck);
  const handled = new Set<string>();
  const cycles: string[][] = [];
  for (const start of stuck) {
    if (handled.has(start)) continue;
    const position = new Map<string, number>();
    const walk: string[] = [];
    let node = start;
    while (!position.has(node)) {
      position.set(node, walk.length);
      walk.push(node);
      // Every stuck, unhandled node has a stuck, unhandled predecessor (see above).
      node = predecessors.get(node)!.find((p) => remaining.has(p) && !handled.has(p))!;
    }
    const loop = walk.slice(position.get(node)!).reverse();
    cycles.push(rotateToFirst(loop, stuck));
    markDownstream(loop, successors, remaining, handled);
  }
  return cycles;
}

function rotateToFirst(loop: string[], order: readonly string[]): string[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  let best = 0;
  for (let i = 1; i < loop.length; i++) if (rank.get(loop[i]!)! < rank.get(loop[best]!)!) best = i;
  return [...loop.slice(best), ...loop.slice(0, best)];
}

/** The loop and everything it feeds are explained by this loop: no second report for them. */
function markDownstream(
  loop: readonly string[],
  successors: ReadonlyMap<string, readonly string[]>,
  remaining: ReadonlySet<string>,
  handled: Set<string>,
): void {
  const queue = [...loop];
  for (const id of loop) handled.add(id);
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const next of successors.get(id) ?? []) {
      if (remaining.has(next) && !handled.has(next)) {
        handled.add(next);
        queue.push(next);
      }
    }
  }
}
