/**
 * im2col and its adjoint col2im for NCHW convolutions, in the layouts the GEMM kernels want.
 * A "tap" is one (channel, kernel row u, kernel column v) triple, t = (c·KH + u)·KW + v; a
 * "position" is one output pixel, p = oh·OW + ow. The column matrix holds, for each tap and
 * position, the input value that tap reads there (0 in the zero padding):
 *   cols[t][p] = x[c, oh·s + u − padTop, ow·s + v − padLeft].
 * Three writers of that matrix differ only in where element (t, p) goes:
 *   im2col                  row-major [K × P]                      (the JS GEMM path)
 *   im2colPositionPanels    8-position panels: panel p>>3, then t, then p&7  (B of W·cols)
 *   im2colTapPanels         8-tap panels: panel t>>3, then p, then t&7       (B of dy·colsᵀ)
 * The last two are the packed operand layouts of the WebAssembly GEMM (backend/wasm-gemm.ts),
 * so the convolution there writes each value once, straight into its packed place.
 * This module imports nothing from the backend (which uses it).
 */

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

/** First output column whose tap at kernel column v lands inside the image. */
function owStart(g: ConvGeometry, v: number): number {
  return Math.min(g.OW, Math.max(0, Math.ceil((g.padLeft - v) / g.stride)));
}

/** One past the last such output column (never below owStart). */
function owEnd(g: ConvGeometry, v: number, lo: number): number {
  return Math.max(lo, Math.min(g.OW, Math.floor((g.W - 1 + g.padLeft - v) / g.stride) + 1));
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
        const owLo = owStart(g, v);
        const owHi = owEnd(g, v, owLo);
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

/**
 * The column matrix as 8-position panels at out[at..]: element (t, p) at
 * at + (p>>3)·8K + 8t + (p&7). Only positions p < P are written: the caller zeroes the last
 * panel's unused lanes once (they never change).
 */
export function im2colPositionPanels(x: Float32Array, xOff: number, g: ConvGeometry, out: Float32Array, at: number): void {
  im2colPanels(x, xOff, g, out, at, 64, 8, 8 * g.C * g.KH * g.KW, 1);
}

/**
 * The column matrix as 8-tap panels at out[at..]: element (t, p) at at + (t>>3)·8P + 8p + (t&7).
 * Only taps t < K are written: the caller zeroes the last panel's unused lanes once.
 */
export function im2colTapPanels(x: Float32Array, xOff: number, g: ConvGeometry, out: Float32Array, at: number): void {
  im2colPanels(x, xOff, g, out, at, 8 * g.OH * g.OW, 1, 64, 8);
}

/**
 * Element (t, p) of the column matrix at at + (t>>3)·tPanel + (t&7)·tLane + (p>>3)·pPanel + (p&7)·pLane:
 * both panel layouts (and any other blocking by 8) from one loop.
 */
function im2colPanels(
  x: Float32Array, xOff: number, g: ConvGeometry, out: Float32Array, at: number,
  tPanel: number, tLane: number, pPanel: number, pLane: number,
): void {
  const { C, H, W, KH, KW, stride: s, padTop, padLeft, OH, OW } = g;
  let t = 0;
  for (let c = 0; c < C; c++) {
    const plane = xOff + c * H * W;
    for (let u = 0; u < KH; u++) {
      for (let v = 0; v < KW; v++, t++) {
        const owLo = owStart(g, v);
        const owHi = owEnd(g, v, owLo);
        const base = at + (t >> 3) * tPanel + (t & 7) * tLane;
        for (let oh = 0, p0 = 0; oh < OH; oh++, p0 += OW) {
          const ih = oh * s + u - padTop;
          // A row outside the image is all zeros: an empty copy range.
          const inside = ih >= 0 && ih < H;
          const lo = inside ? owLo : OW;
          const hi = inside ? owHi : OW;
          const src = plane + ih * W + v - padLeft;
          let ow = 0;
          for (let p = p0; ow < lo; ow++, p++) out[base + (p >> 3) * pPanel + (p & 7) * pLane] = 0;
          for (let p = p0 + ow; ow < hi; ow++, p++) out[base + (p >> 3) * pPanel + (p & 7) * pLane] = x[src + ow * s];
          for (let p = p0 + ow; ow < OW; ow++, p++) out[base + (p >> 3) * pPanel + (p & 7) * pLane] = 0;
        }
      }
    }
  }
}

/**
 * dx[c, ih, iw] += dcols[tap][oh·OW + ow] for every tap that read (ih, iw): im2col's adjoint.
 * dcols row t starts at dcols[from + t·ld] (ld = P for a plain [K × P] matrix; the WebAssembly
 * GEMM's padded output has longer rows).
 */
export function col2im(dcols: Float32Array, g: ConvGeometry, dx: Float32Array, dxOff: number, from = 0, ld = g.OH * g.OW): void {
  const { C, H, W, KH, KW, stride: s, padTop, padLeft, OH, OW } = g;
  let row = 0;
  for (let c = 0; c < C; c++) {
    const plane = dxOff + c * H * W;
    for (let u = 0; u < KH; u++) {
      for (let v = 0; v < KW; v++, row++) {
        const base = from + row * ld;
        const owLo = owStart(g, v);
        const owHi = owEnd(g, v, owLo);
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
