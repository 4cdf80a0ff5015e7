/** Histograms of activations, pre-activations and gradients (the "looking inside a node" view). */

export interface Histogram {
  /** bins + 1 edges, ascending; bin i covers [edges[i], edges[i+1]) and the last bin includes its right edge. */
  edges: number[];
  counts: number[];
  /** Finite values counted, and the non-finite ones left out. */
  total: number;
  nonFinite: number;
  min: number;
  max: number;
  mean: number;
  /** Fraction of values exactly 0 (dead ReLUs). */
  zeros: number;
}

export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let total = 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    total++;
    sum += v;
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const nonFinite = values.length - total;
  if (total === 0) return { edges: [], counts: [], total, nonFinite, min: NaN, max: NaN, mean: NaN, zeros: 0 };
  // A constant input still gets a visible bin around its value.
  const lo = min === max ? min - 0.5 : min;
  const hi = min === max ? max + 0.5 : max;
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  edges[bins] = hi;
  return { edges, counts, total, nonFinite, min, max, mean: sum / total, zeros: zeros / total };
}
