/**
 * Pure helpers of the loss-surface plot: log-spaced contour levels and the contour segments of a
 * grid (marching squares), in grid coordinates (column, row) of cell centres.
 */

/** `count` levels spaced evenly in log(loss − min + ε) between the grid's minimum and maximum. */
export function contourLevels(values: ArrayLike<number>, count: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo)) return [];
  const eps = (hi - lo) * 1e-3;
  const a = Math.log(eps);
  const b = Math.log(hi - lo + eps);
  return Array.from({ length: count }, (_, i) => lo - eps + Math.exp(a + ((i + 1) / (count + 1)) * (b - a)));
}

export type Segment = [x0: number, y0: number, x1: number, y1: number];

/** Contour segments of `level` over a res × res grid (row-major), by marching squares. */
export function contourSegments(values: ArrayLike<number>, res: number, level: number): Segment[] {
  const out: Segment[] = [];
  const v = (r: number, c: number) => values[r * res + c]!;
  const lerp = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r + 1 < res; r++)
    for (let c = 0; c + 1 < res; c++) {
      const corners = [v(r, c), v(r, c + 1), v(r + 1, c + 1), v(r + 1, c)];
      const points: [number, number][] = [];
      // Edges: bottom (r, c→c+1), right (c+1, r→r+1), top (r+1, c+1→c), left (c, r+1→r).
      const edges: [[number, number], [number, number]][] = [
        [[c, r], [c + 1, r]],
        [[c + 1, r], [c + 1, r + 1]],
        [[c + 1, r + 1], [c, r + 1]],
        [[c, r + 1], [c, r]],
      ];
      for (let e = 0; e < 4; e++) {
        const a = corners[e]!;
        const b = corners[(e + 1) % 4]!;
        if ((a < level) !== (b < level)) {
          const t = lerp(a, b);
          const [[x0, y0], [x1, y1]] = edges[e]!;
          points.push([x0 + t * (x1 - x0), y0 + t * (y1 - y0)]);
        }
      }
      if (points.length === 2) out.push([...points[0]!, ...points[1]!]);
      else if (points.length === 4) out.push([...points[0]!, ...points[1]!], [...points[2]!, ...points[3]!]);
    }
  return out;
}
