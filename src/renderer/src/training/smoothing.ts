/**
 * Smoothing of noisy per-step losses, as TensorBoard does it: an exponential moving average
 * with weight w in [0, 1) (0 = raw), debiased so the first points are not pulled towards 0.
 * The state is incremental so a live chart smooths only the new points.
 */
export class Ema {
  private acc = 0;
  private n = 0;

  constructor(readonly weight: number) {}

  /** The smoothed value after adding `v`. Non-finite values pass through and don't poison the average. */
  next(v: number): number {
    if (!Number.isFinite(v)) return v;
    const w = this.weight;
    this.acc = w * this.acc + (1 - w) * v;
    this.n++;
    return w === 0 ? v : this.acc / (1 - w ** this.n);
  }

  reset(): void {
    this.acc = 0;
    this.n = 0;
  }
}

/** The smoothed copy of `values` (new array). */
export function ema(values: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(values.length);
  const e = new Ema(weight);
  for (let i = 0; i < values.length; i++) out[i] = e.next(values[i]);
  return out;
}
