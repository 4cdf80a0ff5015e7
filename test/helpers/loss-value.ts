/**
 * The value a loss kernel (src/engine/ops/losses.ts) writes to its `out` array, as a number.
 * `out` starts as NaN, so a kernel that forgets to write shows as NaN, not as a stale value.
 */
export function lossOf(kernel: (out: Float64Array) => void): number {
  const out = Float64Array.of(NaN);
  kernel(out);
  return out[0];
}
