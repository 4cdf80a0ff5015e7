/**
 * Direct 3×3 convolution kernels for a valid (already padded) sample with stride s: the nine
 * weights of a (filter, channel) pair live in locals and each output is a 9-term dot product,
 * with no im2col copy. Faster than im2col + GEMM when the reduction depth C·9 is small (the first
 * layer of an image network: C = 1), where the GEMM's packing and call overhead dominate.
 *
 * Layout: x holds C planes of Hp × Wp (the padded input), y holds F planes of OH × OW.
 * Forward overwrites y; the backward functions accumulate (+=).
 */

export interface DirectGeometry {
  C: number;
  /** Height and width of the (padded) input planes. */
  Hp: number;
  Wp: number;
  F: number;
  OH: number;
  OW: number;
  stride: number;
}

/** y[f] = b[f] + Σ_c K[f, c] ⋆ x[c]. The first channel writes y (with the bias), the others add. */
export function direct3x3Forward(
  x: Float32Array, xOff: number, kernel: Float32Array, bias: Float32Array | null,
  y: Float32Array, yOff: number, g: DirectGeometry,
): void {
  const { C, Hp, Wp, F, OH, OW } = g;
  const P = OH * OW;
  // The bias goes in as (array, index): a float argument to a call that is not inlined would be boxed (allocated).
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < C; c++) {
      const k = (f * C + c) * 9;
      const plane = xOff + c * Hp * Wp;
      const init = c === 0 ? (bias === null ? NO_BIAS : bias) : null;
      const bi = bias === null ? 0 : f;
      if (g.stride === 1) planeForward1(x, plane, Wp, kernel, k, y, yOff + f * P, OH, OW, init, bi);
      else planeForwardS(x, plane, Wp, g.stride, kernel, k, y, yOff + f * P, OH, OW, init, bi);
    }
  }
}

const NO_BIAS = new Float32Array(1);

/**
 * One (filter, channel) pair at stride 1. The 3×3 window slides right by one column, so two of its
 * three columns are the previous position's: each output loads 3 new values instead of 9.
 */
function planeForward1(
  x: Float32Array, plane: number, Wp: number, kernel: Float32Array, k: number,
  y: Float32Array, yPlane: number, OH: number, OW: number, init: Float32Array | null, bi: number,
): void {
  // The first channel writes y = bias + Σ; later channels add to it.
  const first = init !== null;
  const b = first ? init[bi] : 0;
  const w0 = kernel[k], w1 = kernel[k + 1], w2 = kernel[k + 2];
  const w3 = kernel[k + 3], w4 = kernel[k + 4], w5 = kernel[k + 5];
  const w6 = kernel[k + 6], w7 = kernel[k + 7], w8 = kernel[k + 8];
  for (let oh = 0; oh < OH; oh++) {
    const r0 = plane + oh * Wp, r1 = r0 + Wp, r2 = r1 + Wp;
    const o = yPlane + oh * OW;
    let a0 = x[r0], a1 = x[r0 + 1], b0 = x[r1], b1 = x[r1 + 1], c0 = x[r2], c1 = x[r2 + 1];
    for (let ow = 0; ow < OW; ow++) {
      const a2 = x[r0 + ow + 2], b2 = x[r1 + ow + 2], c2 = x[r2 + ow + 2];
      const sum = w0 * a0 + w1 * a1 + w2 * a2 + w3 * b0 + w4 * b1 + w5 * b2 + w6 * c0 + w7 * c1 + w8 * c2;
      y[o + ow] = sum + (first ? b : y[o + ow]);
      a0 = a1; a1 = a2; b0 = b1; b1 = b2; c0 = c1; c1 = c2;
    }
  }
}

/** One (filter, channel) pair at any stride. */
function planeForwardS(
  x: Float32Array, plane: number, Wp: number, s: number, kernel: Float32Array, k: number,
  y: Float32Array, yPlane: number, OH: number, OW: number, init: Float32Array | null, bi: number,
): void {
  // The first channel writes y = bias + Σ; later channels add to it.
  const first = init !== null;
  const b = first ? init[bi] : 0;
  const w0 = kernel[k], w1 = kernel[k + 1], w2 = kernel[k + 2];
  const w3 = kernel[k + 3], w4 = kernel[k + 4], w5 = kernel[k + 5];
  const w6 = kernel[k + 6], w7 = kernel[k + 7], w8 = kernel[k + 8];
  for (let oh = 0; oh < OH; oh++) {
    let r0 = plane + oh * s * Wp;
    const o = yPlane + oh * OW;
    for (let ow = 0; ow < OW; ow++, r0 += s) {
      const r1 = r0 + Wp, r2 = r1 + Wp;
      const sum =
        w0 * x[r0] + w1 * x[r0 + 1] + w2 * x[r0 + 2] +
        w3 * x[r1] + w4 * x[r1 + 1] + w5 * x[r1 + 2] +
        w6 * x[r2] + w7 * x[r2 + 1] + w8 * x[r2 + 2];
      y[o + ow] = sum + (first ? b : y[o + ow]);
    }
  }
}

/** dK[f, c] += Σ_positions dy[f]·(window of x[c]);  db[f] += Σ dy[f]. */
export function direct3x3Weights(
  x: Float32Array, xOff: number, dy: Float32Array, dyOff: number,
  dW: Float32Array, db: Float32Array | null, g: DirectGeometry,
): void {
  const { C, Hp, Wp, F, OH, OW, stride: s } = g;
  const P = OH * OW;
  for (let f = 0; f < F; f++) {
    const dPlane = dyOff + f * P;
    if (db !== null) {
      let sum = 0;
      for (let p = dPlane, end = dPlane + P; p < end; p++) sum += dy[p];
      db[f] += sum;
    }
    for (let c = 0; c < C; c++) {
      const plane = xOff + c * Hp * Wp;
      const k = (f * C + c) * 9;
      if (s === 1) planeWeights1(x, plane, Wp, dy, dPlane, OH, OW, dW, k);
      else planeWeightsS(x, plane, Wp, s, dy, dPlane, OH, OW, dW, k);
    }
  }
}

/**
 * dK[k..k+9) += Σ dy·window at stride 1, one kernel row u at a time: 3 sums and the 3 values of the
 * window's row, carried along as it slides. Nine sums at once need more floating-point registers
 * than x64 has and spill; three passes over dy are cheaper (measured ~30% faster).
 */
function planeWeights1(x: Float32Array, plane: number, Wp: number, dy: Float32Array, dPlane: number, OH: number, OW: number, dW: Float32Array, k: number): void {
  for (let u = 0; u < 3; u++) {
    let s0 = 0, s1 = 0, s2 = 0;
    for (let oh = 0; oh < OH; oh++) {
      const r = plane + (oh + u) * Wp;
      const o = dPlane + oh * OW;
      let a0 = x[r], a1 = x[r + 1];
      for (let ow = 0; ow < OW; ow++) {
        const d = dy[o + ow];
        const a2 = x[r + ow + 2];
        s0 += d * a0; s1 += d * a1; s2 += d * a2;
        a0 = a1; a1 = a2;
      }
    }
    dW[k + 3 * u] += s0; dW[k + 3 * u + 1] += s1; dW[k + 3 * u + 2] += s2;
  }
}

function planeWeightsS(x: Float32Array, plane: number, Wp: number, s: number, dy: Float32Array, dPlane: number, OH: number, OW: number, dW: Float32Array, k: number): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
  for (let oh = 0; oh < OH; oh++) {
    let r0 = plane + oh * s * Wp;
    const o = dPlane + oh * OW;
    for (let ow = 0; ow < OW; ow++, r0 += s) {
      const d = dy[o + ow];
      const r1 = r0 + Wp, r2 = r1 + Wp;
      s0 += d * x[r0]; s1 += d * x[r0 + 1]; s2 += d * x[r0 + 2];
      s3 += d * x[r1]; s4 += d * x[r1 + 1]; s5 += d * x[r1 + 2];
      s6 += d * x[r2]; s7 += d * x[r2 + 1]; s8 += d * x[r2 + 2];
    }
  }
  dW[k] += s0; dW[k + 1] += s1; dW[k + 2] += s2;
  dW[k + 3] += s3; dW[k + 4] += s4; dW[k + 5] += s5;
  dW[k + 6] += s6; dW[k + 7] += s7; dW[k + 8] += s8;
}

/** dx[c] += Σ_f (dy[f] scattered through K[f, c]): the adjoint of the forward. dx is padded like x. */
export function direct3x3Input(
  kernel: Float32Array, dy: Float32Array, dyOff: number, dx: Float32Array, dxOff: number, g: DirectGeometry,
): void {
  const { C, Hp, Wp, F, OH, OW, stride: s } = g;
  const P = OH * OW;
  for (let f = 0; f < F; f++) {
    const dPlane = dyOff + f * P;
    for (let c = 0; c < C; c++) {
      const k = (f * C + c) * 9;
      const w0 = kernel[k], w1 = kernel[k + 1], w2 = kernel[k + 2];
      const w3 = kernel[k + 3], w4 = kernel[k + 4], w5 = kernel[k + 5];
      const w6 = kernel[k + 6], w7 = kernel[k + 7], w8 = kernel[k + 8];
      const plane = dxOff + c * Hp * Wp;
      for (let oh = 0; oh < OH; oh++) {
        let r0 = plane + oh * s * Wp;
        const o = dPlane + oh * OW;
        for (let ow = 0; ow < OW; ow++, r0 += s) {
          const d = dy[o + ow];
          const r1 = r0 + Wp, r2 = r1 + Wp;
          dx[r0] += w0 * d; dx[r0 + 1] += w1 * d; dx[r0 + 2] += w2 * d;
          dx[r1] += w3 * d; dx[r1 + 1] += w4 * d; dx[r1 + 2] += w5 * d;
          dx[r2] += w6 * d; dx[r2 + 1] += w7 * d; dx[r2 + 2] += w8 * d;
        }
      }
    }
  }
}

/** Copies C planes of H × W into the interior of zero-bordered Hp × Wp planes (borders stay as they are). */
export function padPlanes(
  x: Float32Array, xOff: number, C: number, H: number, W: number, padTop: number, padLeft: number,
  xp: Float32Array, Hp: number, Wp: number, xpOff: number,
): void {
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < H; i++) {
      const src = xOff + (c * H + i) * W;
      const dst = xpOff + (c * Hp + i + padTop) * Wp + padLeft;
      for (let j = 0; j < W; j++) xp[dst + j] = x[src + j];
    }
  }
}

/** dx[c, i, j] += dxp[c, i + padTop, j + padLeft]: the interior of padded gradient planes (starting at dxp[from]). */
export function unpadAddPlanes(dxp: Float32Array, C: number, H: number, W: number, padTop: number, padLeft: number, Hp: number, Wp: number, dx: Float32Array, dxOff: number, from = 0): void {
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < H; i++) {
      const src = from + (c * Hp + i + padTop) * Wp + padLeft;
      const dst = dxOff + (c * H + i) * W;
      for (let j = 0; j < W; j++) dx[dst + j] += dxp[src + j];
    }
  }
}
