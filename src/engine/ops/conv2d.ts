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
import type { ConvGeometry } from './im2col';

export { col2im, im2col, type ConvGeometry } from './im2col';

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
