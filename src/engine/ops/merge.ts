/**
 * Merges of several inputs of one batch. Add: elementwise sum of equal shapes. Concat: each
 * sample's values joined along one axis of the sample shape; with `outer` = the product of the
 * sizes before the axis, a sample of input i is `outer` blocks of `blocks[i]` contiguous values
 * (its size on the axis × the sizes after it), and the output interleaves those blocks.
 * Backward passes accumulate.
 */

/** y = Σ xs[i] over len values. */
export function addForward(xs: readonly Float32Array[], y: Float32Array, len: number): void {
  const first = xs[0];
  for (let j = 0; j < len; j++) y[j] = first[j];
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    for (let j = 0; j < len; j++) y[j] += x[j];
  }
}

/** Concatenates `rows` samples. blocks[i]: values per block of input i; outer: blocks per sample. */
export function concatForward(xs: readonly Float32Array[], blocks: Int32Array, outer: number, y: Float32Array, rows: number): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < outer; b++) {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        const n = blocks[i];
        for (let j = 0, s = (r * outer + b) * n; j < n; j++) y[o++] = x[s + j];
      }
    }
  }
}

/** dxs[i] += the parts of dy that came from input i (skips a null gradient). */
export function concatBackward(dy: Float32Array, blocks: Int32Array, outer: number, dxs: readonly (Float32Array | null)[], rows: number): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < outer; b++) {
      for (let i = 0; i < dxs.length; i++) {
        const dx = dxs[i];
        const n = blocks[i];
        if (dx !== null) for (let j = 0, s = (r * outer + b) * n; j < n; j++) dx[s + j] += dy[o + j];
        o += n;
      }
    }
  }
}
