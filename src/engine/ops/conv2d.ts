/**
 * 2-D convolution (cross-correlation, as PyTorch's conv2d), NCHW, through im2col and the GEMM
 * kernels. One sample at a time:
 *   cols[K × P] = im2col(x_n)          K = C·KH·KW (one row per kernel tap), P = OH·OW
 *   y_n[F × P]  = W[F × K] · cols      (+ bias per filter row)
 *   dW         += dy_n · colsᵀ          db += row sums of dy_n
 *   dcols       = Wᵀ · dy_n,  dx_n += col2im(dcols)
 * Zero padding is handled inside im2col/col2im (taps outside the image read 0 / are dropped).
 * The caller passes per-sample subarray views made once (the GEMMs take no offsets), so a
 * training step allocates nothing.
 */
import { getKernels } from '../backend';

export interface ConvGeometry {
  /** Input channels, height, width. */
  C: number;
  H: number;
  W: number;
  /** Filters (output channels) and kernel height/width. */
  F: number;
  KH: number;
  KW: number;
  stride: number;
  /** Zeros before the first row / column (same padding); the far side is implied by OH/OW. */
  padTop: number;
  padLeft: number;
  OH: number;
  OW: number;
}

/** cols[(c·KH + u)·KW + v][oh·OW + ow] = x[c, oh·s + u − padTop, ow·s + v − padLeft] (0 outside). */
export function im2col(x: Float32Array, xOff: number, g: ConvGeometry, cols: Float32Array): void {
  const { C, H, W, KH, KW, stride: s, padTop, padLeft, OH, OW } = g;
  const P = OH * OW;
  let row = 0;
  for (let c = 0; c < C; c++) {
    const plane = xOff + c * H * W;
    for (let u = 0; u < KH; u++) {
      for (let v = 0; v < KW; v++, row++) {
        const base = row * P;
        // Output columns whose tap lands inside the image: ow in [owLo, owHi).
        const owLo = Math.min(OW, Math.max(0, Math.ceil((padLeft - v) / s)));
        const owHi = Math.max(owLo, Math.min(OW, Math.floor((W - 1 + padLeft - v) / s) + 1));
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * s + u - padTop;
          const o = base + oh * OW;
          if (ih < 0 || ih >= H) {
            for (let ow = 0; ow < OW; ow++) cols[o + ow] = 0;
            continue;
          }
          for (let ow = 0; ow < owLo; ow++) cols[o + ow] = 0;
          const src = plane + ih * W + v - padLeft;
          for (let ow = owLo; ow < owHi; ow++) cols[o + ow] = x[src + ow * s];
          for (let ow = owHi; ow < OW; ow++) cols[o + ow] = 0;
        }
      }
    }
  }
}

/** dx[c, ih, iw] += dcols[tap][oh·OW + ow] for every tap that read (ih, iw): im2col's adjoint. */
export function col2im(dcols: Float32Array, g: ConvGeometry, dx: Float32Array, dxOff: number): void {
  const { C, H, W, KH, KW, stride: s, padTop, padLeft, OH, OW } = g;
  const P = OH * OW;
  let row = 0;
  for (let c = 0; c < C; c++) {
    const plane = dxOff + c * H * W;
    for (let u = 0; u < KH; u++) {
      for (let v = 0; v < KW; v++, row++) {
        const base = row * P;
        const owLo = Math.min(OW, Math.max(0, Math.ceil((padLeft - v) / s)));
        const owHi = Math.max(owLo, Math.min(OW, Math.floor((W - 1 + padLeft - v) / s) + 1));
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * s + u - padTop;
          if (ih < 0 || ih >= H) continue;
          const o = base + oh * OW;
          const dst = plane + ih * W + v - padLeft;
          for (let ow = owLo; ow < owHi; ow++) dx[dst + ow * s] += dcols[o + ow];
        }
      }
    }
  }
}

/** y_n = W·cols + b for one sample (im2col already done). `y` is the sample's [F × P] view. */
export function convForwardSample(cols: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, g: ConvGeometry): void {
  const P = g.OH * g.OW;
  getKernels().gemmNN(g.F, P, g.C * g.KH * g.KW, kernel, cols, y, false);
  if (bias === null) return;
  for (let f = 0; f < g.F; f++) {
    const b = bias[f];
    for (let p = f * P, end = p + P; p < end; p++) y[p] += b;
  }
}

/**
 * Gradients of one sample, accumulated: dW += dy·colsᵀ, db += row sums of dy, and (when
 * dcols is given) dcols = Wᵀ·dy, which the caller scatters with col2im.
 */
export function convBackwardSample(
  cols: Float32Array, kernel: Float32Array, dy: Float32Array,
  dW: Float32Array, db: Float32Array | null, dcols: Float32Array | null, g: ConvGeometry,
): void {
  const k = getKernels();
  const P = g.OH * g.OW;
  const K = g.C * g.KH * g.KW;
  k.gemmNT(g.F, K, P, dy, cols, dW, true);
  if (db !== null) {
    for (let f = 0; f < g.F; f++) {
      let s = 0;
      for (let p = f * P, end = p + P; p < end; p++) s += dy[p];
      db[f] += s;
    }
  }
  if (dcols !== null) k.gemmTN(K, P, g.F, kernel, dy, dcols, false);
}
