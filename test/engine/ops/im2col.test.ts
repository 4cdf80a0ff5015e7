/**
 * The im2col writers agree element for element (the panel layouts are the same matrix, placed
 * where the WebAssembly GEMM reads its operands), and the WebAssembly whole-batch convolution
 * (strided path, and the stride-1 path over padded planes with its packTapRows/addTapRows)
 * agrees with the JS per-sample path at a realistic shape (W6's second convolution) and at
 * shapes with every edge panel, including partial batches and accumulation.
 */
import { describe, expect, it } from 'vitest';
import { col2im, im2col, im2colPositionPanels, im2colTapPanels, type ConvGeometry } from '../../../src/engine/ops/im2col';
import { getKernels, jsKernels, setKernels, kernelsName, wasmKernelsAvailable } from '../../../src/engine/backend';
import { convBackwardSample, convForwardSample } from '../../../src/engine/ops/conv2d';
import { axisGeometry } from '../../../src/shared/nodes/conv-geometry';
import { randomArray } from '../../helpers/gradcheck';

function geometry(C: number, H: number, W: number, F: number, k: number, stride: number, padding: 'same' | 'valid'): ConvGeometry {
  const r = axisGeometry(H, k, stride, padding);
  const q = axisGeometry(W, k, stride, padding);
  return { C, H, W, F, KH: k, KW: k, stride, padTop: r.padBefore, padLeft: q.padBefore, OH: r.out, OW: q.out };
}

const shapes: [string, ConvGeometry][] = [
  ['C1 5×5 k3 same (K 9, P 25)', geometry(1, 5, 5, 3, 3, 1, 'same')],
  ['C3 7×6 k3 s2 valid (K 27, P 6)', geometry(3, 7, 6, 5, 3, 2, 'valid')],
  ['C2 6×9 k5 s2 same (K 50, P 15)', geometry(2, 6, 9, 7, 5, 2, 'same')],
  ['C3 6×8 k3 valid (K 27, P 24)', geometry(3, 6, 8, 5, 3, 1, 'valid')],
  ['C2 7×6 k2 same (K 8, P 42, padding after only)', geometry(2, 7, 6, 3, 2, 1, 'same')],
  ['C1 9×5 k5 same (K 25, P 45)', geometry(1, 9, 5, 6, 5, 1, 'same')],
  ['C16 14×14 k3 same (W6, K 144, P 196)', geometry(16, 14, 14, 32, 3, 1, 'same')],
];

describe('im2col panel layouts', () => {
  it.each(shapes)('8-position and 8-tap panels hold exactly im2col\'s matrix (%s)', (_l, g) => {
    const K = g.C * g.KH * g.KW, P = g.OH * g.OW;
    const x = randomArray(2 * g.C * g.H * g.W, 3);
    const xOff = g.C * g.H * g.W; // the second sample
    const cols = new Float32Array(K * P);
    im2col(x, xOff, g, cols);
    const at = 5;
    const byPosition = new Float32Array(at + ((P + 7) >> 3) * 8 * K).fill(Number.NaN);
    const byTap = new Float32Array(at + ((K + 7) >> 3) * 8 * P).fill(Number.NaN);
    im2colPositionPanels(x, xOff, g, byPosition, at);
    im2colTapPanels(x, xOff, g, byTap, at);
    const fromPositions = new Float32Array(K * P), fromTaps = new Float32Array(K * P);
    for (let t = 0; t < K; t++) {
      for (let p = 0; p < P; p++) {
        fromPositions[t * P + p] = byPosition[at + (p >> 3) * 8 * K + 8 * t + (p & 7)];
        fromTaps[t * P + p] = byTap[at + (t >> 3) * 8 * P + 8 * p + (t & 7)];
      }
    }
    expect(fromPositions).toEqual(cols);
    expect(fromTaps).toEqual(cols);
    // Only the lanes past P (past K) are left alone, for the caller to zero once.
    const untouched = (a: Float32Array) => a.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0);
    expect(untouched(byPosition)).toBe(at + (((P + 7) >> 3) * 8 - P) * K);
    expect(untouched(byTap)).toBe(at + (((K + 7) >> 3) * 8 - K) * P);
  });

  it('col2im reads rows of any stride from any offset', () => {
    const g = shapes[2][1];
    const K = g.C * g.KH * g.KW, P = g.OH * g.OW;
    const dcols = randomArray(K * P, 4);
    const ld = P + 3, from = 7;
    const strided = new Float32Array(from + K * ld).fill(Number.NaN);
    for (let t = 0; t < K; t++) strided.set(dcols.subarray(t * P, (t + 1) * P), from + t * ld);
    const plain = new Float32Array(g.C * g.H * g.W);
    const viaStride = new Float32Array(plain.length);
    col2im(dcols, g, plain, 0);
    col2im(strided, g, viaStride, 0, from, ld);
    expect(viaStride).toEqual(plain);
  });
});

describe.runIf(wasmKernelsAvailable())('WebAssembly whole-batch convolution', () => {
  /** The JS per-sample path (im2col + jsKernels' products, float64 sums per block): the reference. */
  function perSample(g: ConvGeometry, x: Float32Array, W: Float32Array, b: Float32Array, dy: Float32Array, rows: number) {
    const K = g.C * g.KH * g.KW, P = g.OH * g.OW, inSize = g.C * g.H * g.W, outSize = g.F * P;
    const before = kernelsName();
    setKernels(jsKernels);
    try {
      const cols = new Float32Array(K * P), dcols = new Float32Array(K * P);
      const y = new Float32Array(rows * outSize);
      const dW = new Float32Array(W.length).fill(0.5), db = new Float32Array(g.F).fill(0.25), dx = new Float32Array(rows * inSize).fill(-1);
      for (let n = 0; n < rows; n++) {
        im2col(x, n * inSize, g, cols);
        convForwardSample(cols, W, b, y.subarray(n * outSize, (n + 1) * outSize), g);
        convBackwardSample(cols, W, dy.subarray(n * outSize, (n + 1) * outSize), dW, db, dcols, g);
        col2im(dcols, g, dx, n * inSize);
      }
      return { y, dW, db, dx };
    } finally {
      setKernels(before);
    }
  }

  it.each(shapes)('forward, dW, db and dx match the JS per-sample path, accumulating into gradients (%s)', (_l, g) => {
    setKernels('wasm');
    const conv = getKernels().conv!;
    const rows = 3, maxBatch = 4; // a partial batch: the last sample's slots stay untouched
    const inSize = g.C * g.H * g.W, outSize = g.F * g.OH * g.OW;
    const x = randomArray(maxBatch * inSize, 11);
    const W = randomArray(g.F * g.C * g.KH * g.KW, 12);
    const b = randomArray(g.F, 13);
    const dy = randomArray(maxBatch * outSize, 14);
    const want = perSample(g, x, W, b, dy, rows);
    const y = new Float32Array(maxBatch * outSize).fill(Number.NaN);
    const dW = new Float32Array(W.length).fill(0.5), db = new Float32Array(g.F).fill(0.25), dx = new Float32Array(maxBatch * inSize).fill(-1);
    conv.forward(x, W, b, y, rows, g);
    conv.backward(x, W, dy, dW, db, dx, rows, g);
    const close = (got: Float32Array, exp: Float32Array, n: number) => {
      for (let i = 0; i < n; i++) expect(Math.abs(got[i] - exp[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(exp[i])) * Math.sqrt(g.C * 9 + g.OH * g.OW));
    };
    close(y, want.y, rows * outSize);
    expect(y.subarray(rows * outSize).every(Number.isNaN)).toBe(true);
    close(dW, want.dW, dW.length);
    close(db, want.db, db.length);
    close(dx, want.dx, rows * inSize);
    expect(dx.subarray(rows * inSize).every((v) => v === -1)).toBe(true);
    // Without a bias or dx: y has no bias term, dx is not touched.
    conv.forward(x, W, null, y, rows, g);
    for (let i = 0; i < rows * outSize; i++) expect(y[i]).toBeCloseTo(want.y[i] - b[Math.floor(i / (g.OH * g.OW)) % g.F], 4);
    const dx2 = new Float32Array(dx);
    conv.backward(x, W, dy, dW, null, null, rows, g);
    expect(dx2).toEqual(dx);
  });
});
