/**
 * Packing and the 4×4 register-blocked micro-kernel shared by the three JS GEMM variants.
 *
 * The three products (A·B, Aᵀ·B, A·Bᵀ) differ only in how their operands are laid out, so the
 * transposition is absorbed by packing: a "micro-panel" is 4 vectors of length kc interleaved as
 * S[off + 4k + r] (k = position along the shared dimension, r = which of the 4 vectors). Vectors
 * past the matrix edge are zero-filled, so the micro-kernel always computes a full 4×4 tile and
 * only the store is clipped.
 *
 * Why Float64Array scratch: reading a Float32Array in V8 costs a float→double conversion per load;
 * packed operands are loaded many times, so converting once while packing removes that from the
 * inner loop. One buffer holds both packed A and packed B: fewer typed-array map/length/base
 * loads per iteration (V8 re-checks them every iteration; it does not hoist them out of loops).
 */

/** Grow-only scratch: [4×kc packed A micro-panel][kc × nc packed B panels]. */
let scratch = new Float64Array(0);

export function packScratch(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}

/**
 * Pack `nv` (≤ 4) vectors that are rows of X (X[(v0+r)*ld + k]) — each vector is contiguous
 * along k. Used for A in A·B and A·Bᵀ, and for B in A·Bᵀ.
 */
export function packRows(
  X: Float32Array, ld: number, v0: number, nv: number, k0: number, kc: number,
  S: Float64Array, off: number,
): void {
  if (nv === 4) {
    const x0 = v0 * ld + k0;
    const x1 = x0 + ld, x2 = x1 + ld, x3 = x2 + ld;
    for (let k = 0, d = off; k < kc; k++, d += 4) {
      S[d] = X[x0 + k];
      S[d + 1] = X[x1 + k];
      S[d + 2] = X[x2 + k];
      S[d + 3] = X[x3 + k];
    }
    return;
  }
  for (let r = 0; r < 4; r++) {
    if (r < nv) {
      const x = (v0 + r) * ld + k0;
      for (let k = 0, d = off + r; k < kc; k++, d += 4) S[d] = X[x + k];
    } else {
      for (let k = 0, d = off + r; k < kc; k++, d += 4) S[d] = 0;
    }
  }
}

/**
 * Pack `nv` (≤ 4) vectors that are columns of X (X[k*ld + v0 + r]) — the 4 values for one k are
 * contiguous. Used for B in A·B and Aᵀ·B, and for A in Aᵀ·B.
 */
export function packCols(
  X: Float32Array, ld: number, v0: number, nv: number, k0: number, kc: number,
  S: Float64Array, off: number,
): void {
  let x = k0 * ld + v0;
  if (nv === 4) {
    for (let k = 0, d = off; k < kc; k++, d += 4, x += ld) {
      S[d] = X[x];
      S[d + 1] = X[x + 1];
      S[d + 2] = X[x + 2];
      S[d + 3] = X[x + 3];
    }
    return;
  }
  for (let k = 0, d = off; k < kc; k++, d += 4, x += ld) {
    for (let r = 0; r < 4; r++) S[d + r] = r < nv ? X[x + r] : 0;
  }
}

/** Holds a clipped tile's 16 sums on the edge path (rows/cols beyond the matrix are dropped). */
const edgeTile = new Float64Array(16);

/**
 * C[mr×nr tile at cOff, row stride ldc] (+)= Apanel(4×kc at aOff) · Bpanel(kc×4 at bOff).
 * 16 accumulators live in locals (V8 keeps most in registers, spills a few to the stack, which is
 * far cheaper than extra typed-array loads with their bounds checks).
 */
export function micro4x4(
  S: Float64Array, aOff: number, bOff: number, kc: number,
  C: Float32Array, cOff: number, ldc: number, mr: number, nr: number, acc: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = aOff + 4 * kc;
  for (let p = aOff, q = bOff; p < end; p += 4, q += 4) {
    const b0 = S[q], b1 = S[q + 1], b2 = S[q + 2], b3 = S[q + 3];
    let a = S[p];
    c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
    a = S[p + 1];
    c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
    a = S[p + 2];
    c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3;
    a = S[p + 3];
    c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3;
  }
  if (mr === 4 && nr === 4) {
    let o = cOff;
    if (acc) {
      C[o] += c00; C[o + 1] += c01; C[o + 2] += c02; C[o + 3] += c03; o += ldc;
      C[o] += c10; C[o + 1] += c11; C[o + 2] += c12; C[o + 3] += c13; o += ldc;
      C[o] += c20; C[o + 1] += c21; C[o + 2] += c22; C[o + 3] += c23; o += ldc;
      C[o] += c30; C[o + 1] += c31; C[o + 2] += c32; C[o + 3] += c33;
    } else {
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += ldc;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += ldc;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += ldc;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    return;
  }
  const t = edgeTile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let r = 0; r < mr; r++) {
    const o = cOff + r * ldc;
    for (let j = 0; j < nr; j++) {
      if (acc) C[o + j] += t[4 * r + j];
      else C[o + j] = t[4 * r + j];
    }
  }
}
