/**
 * Packing and the 4×4 register-blocked micro-kernel shared by the three JS GEMM variants.
 *
 * The three products (A·B, Aᵀ·B, A·Bᵀ) differ only in how their operands are laid out, so the
 * transposition is absorbed by packing: a "micro-panel" is 4 vectors of length kc interleaved as
 * PACK[off + 4k + r] (k = position along the shared dimension, r = which of the 4 vectors).
 * Vectors past the matrix edge are zero-filled, so the micro-kernel always computes a full 4×4
 * tile and only the store is clipped (kernelEdge).
 *
 * V8 notes, each measured with bench/gemm.ts or a variant of it on the target box:
 *  - Float64Array, not Float32Array: a Float32Array load costs a float→double conversion; packed
 *    values are loaded M/4 or N/4 times, so converting once while packing takes it out of the loop.
 *  - One fixed-size module-level `const` buffer for A and B panels: TurboFan then embeds its data
 *    address and length as constants, so the loop has no map check or data-pointer reload per
 *    iteration (it re-does those for a parameter or a `let`): +15–18 % GFLOPS.
 *  - No rarely-taken branches inside functions with long loops (full vs edge panels are separate
 *    functions): a path that has never run has no type feedback, and reaching it later
 *    deoptimised the on-stack-replaced loop over and over (>1000 deopts in one benchmark shape).
 */

/** Capacity of the packing buffer in doubles (1 MiB): [4·kc A micro-panel][kc·nc B panels]. */
export const PACK_CAPACITY = 1 << 17;
const PACK = new Float64Array(PACK_CAPACITY);

/** Pack rows v0..v0+3 of X (X[(v0+r)*ld + k0 + k], contiguous along k) at PACK[off..]. */
export function packRows4(X: Float32Array, ld: number, v0: number, k0: number, kc: number, off: number): void {
  const x0 = v0 * ld + k0;
  const x1 = x0 + ld, x2 = x1 + ld, x3 = x2 + ld;
  for (let k = 0, d = off; k < kc; k++, d += 4) {
    PACK[d] = X[x0 + k];
    PACK[d + 1] = X[x1 + k];
    PACK[d + 2] = X[x2 + k];
    PACK[d + 3] = X[x3 + k];
  }
}

/** packRows4 for the last nv < 4 rows; the missing vectors are zero-filled. */
export function packRowsEdge(X: Float32Array, ld: number, v0: number, nv: number, k0: number, kc: number, off: number): void {
  for (let r = 0; r < 4; r++) {
    const x = (v0 + r) * ld + k0;
    for (let k = 0, d = off + r; k < kc; k++, d += 4) PACK[d] = r < nv ? X[x + k] : 0;
  }
}

/** Pack columns v0..v0+3 of X (X[(k0+k)*ld + v0 + r], 4 contiguous values per k) at PACK[off..]. */
export function packCols4(X: Float32Array, ld: number, v0: number, k0: number, kc: number, off: number): void {
  for (let k = 0, d = off, x = k0 * ld + v0; k < kc; k++, d += 4, x += ld) {
    PACK[d] = X[x];
    PACK[d + 1] = X[x + 1];
    PACK[d + 2] = X[x + 2];
    PACK[d + 3] = X[x + 3];
  }
}

/** packCols4 for the last nv < 4 columns; the missing vectors are zero-filled. */
export function packColsEdge(X: Float32Array, ld: number, v0: number, nv: number, k0: number, kc: number, off: number): void {
  for (let k = 0, d = off, x = k0 * ld + v0; k < kc; k++, d += 4, x += ld) {
    for (let r = 0; r < 4; r++) PACK[d + r] = r < nv ? X[x + r] : 0;
  }
}

/**
 * C[4×4 tile at cOff, row stride ldc] += Apanel(PACK[aOff..], 4×kc) · Bpanel(PACK[bOff..], kc×4).
 * 16 accumulators live in locals: V8 keeps most in registers and spills a few to the stack, which
 * is far cheaper than extra typed-array loads with their bounds checks. Always += (the driver
 * zeroes C first when not accumulating), so the function has no branch besides its loop.
 */
export function kernel4x4(aOff: number, bOff: number, kc: number, C: Float32Array, cOff: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = aOff + 4 * kc;
  for (let p = aOff, q = bOff; p < end; p += 4, q += 4) {
    const b0 = PACK[q], b1 = PACK[q + 1], b2 = PACK[q + 2], b3 = PACK[q + 3];
    let a = PACK[p];
    c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
    a = PACK[p + 1];
    c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
    a = PACK[p + 2];
    c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3;
    a = PACK[p + 3];
    c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3;
  }
  let o = cOff;
  C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03; o += ldc;
  C[o] += c10; C[o + 1] += c11; C[o + 2] += c12; C[o + 3] += c13; o += ldc;
  C[o] += c20; C[o + 1] += c21; C[o + 2] += c22; C[o + 3] += c23; o += ldc;
  C[o] += c30; C[o + 1] += c31; C[o + 2] += c32; C[o + 3] += c33;
}

/** The 16 sums of an edge tile, before the rows/columns outside C are dropped. */
const edgeTile = new Float64Array(16);

/**
 * kernel4x4 for a tile clipped to mr×nr (≤ 4×4) at the bottom/right edge of C. The loop is
 * duplicated so that neither function carries the other's rarely-taken path.
 */
export function kernelEdge(aOff: number, bOff: number, kc: number, C: Float32Array, cOff: number, ldc: number, mr: number, nr: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = aOff + 4 * kc;
  for (let p = aOff, q = bOff; p < end; p += 4, q += 4) {
    const b0 = PACK[q], b1 = PACK[q + 1], b2 = PACK[q + 2], b3 = PACK[q + 3];
    let a = PACK[p];
    c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
    a = PACK[p + 1];
    c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
    a = PACK[p + 2];
    c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3;
    a = PACK[p + 3];
    c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3;
  }
  const t = edgeTile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let r = 0; r < mr; r++) {
    const o = cOff + r * ldc;
    for (let j = 0; j < nr; j++) C[o + j] += t[4 * r + j];
  }
}
