/**
 * Small buffer helpers used by the execution plan and the trainer. All take explicit lengths
 * (buffers are preallocated for the largest batch and often only partly used) and allocate nothing.
 */

/** dst[i] += src[i] for i < len. */
export function addInto(dst: Float32Array, src: Float32Array, len: number): void {
  for (let i = 0; i < len; i++) dst[i] += src[i];
}

/** dst[i] = value for i < len. */
export function fill(dst: Float32Array, value: number, len: number): void {
  dst.fill(value, 0, len);
}

/**
 * Gathers `count` rows of `rowSize` values into dst: dst row r = src row srcRowIdx[start + r].
 * Used to assemble a (shuffled) batch from a dataset. A plain loop, not dst.set(src.subarray()),
 * because subarray allocates a view per row.
 */
export function copyRows(
  src: Float32Array, srcRowIdx: Int32Array, start: number, count: number, rowSize: number, dst: Float32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = srcRowIdx[start + r] * rowSize;
    const d = r * rowSize;
    for (let j = 0; j < rowSize; j++) dst[d + j] = src[s + j];
  }
}

/** True when a[0..len) holds no NaN and no ±Infinity. */
export function isAllFinite(a: Float32Array, len: number): boolean {
  for (let i = 0; i < len; i++) {
    // v − v is 0 for every finite v, NaN for NaN and ±Infinity.
    const v = a[i];
    if (v - v !== 0) return false;
  }
  return true;
}

/** Σ a[i]² for i < len, summed in float64. */
export function l2NormSq(a: Float32Array, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i] * a[i];
  return s;
}

/**
 * out[r] = index of the largest value in row r of x [rows×cols] (the first one on ties).
 * A row containing NaN yields the NaN's index, so a diverged model never looks "correct".
 */
export function argmaxRows(x: Float32Array, rows: number, cols: number, out: Int32Array | Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let best = 0;
    let m = x[o];
    for (let j = 1; j < cols && m === m; j++) {
      const v = x[o + j];
      if (v > m || v !== v) {
        m = v;
        best = j;
      }
    }
    out[r] = best;
  }
}

/** How many rows of x [rows×cols] have their argmax equal to labels[r] (accuracy numerator). */
export function countArgmaxMatches(x: Float32Array, labels: Float32Array, rows: number, cols: number): number {
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let best = 0;
    let m = x[o];
    for (let j = 1; j < cols && m === m; j++) {
      const v = x[o + j];
      if (v > m || v !== v) {
        m = v;
        best = j;
      }
    }
    if (best === labels[r] && m === m) hits++;
  }
  return hits;
}
