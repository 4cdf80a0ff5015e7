/** Max and average pooling: values against a reference, finite differences, ties and NaN as PyTorch. */
import { describe, expect, it } from 'vitest';
import { AvgPoolLayer } from '../../../src/engine/nodes/avg-pool2d';
import { MaxPoolLayer } from '../../../src/engine/nodes/max-pool2d';
import { maxPool2x2Forward, maxPoolForward, type PoolGeometry } from '../../../src/engine/ops/pool';
import { Rng } from '../../../src/engine/random';
import { randomArray } from '../../helpers/gradcheck';
import { createWasmKernels } from '../../../src/engine/backend/wasm-gemm';
import { getKernels, jsKernels, setKernels } from '../../../src/engine/backend';
import type { PoolKernels } from '../../../src/engine/backend/kernels';
import '../../../src/cli/wasm-features'; // relaxed SIMD on, for the relaxed module's pooling
import { fillInputs, layerGradcheck, runtimeNode } from '../../helpers/layer-harness';
import { createBuildContext } from '../../../src/engine/nodes/layer';

function build(kind: 'max' | 'avg', C: number, H: number, W: number, size: number, stride: number, maxBatch = 2) {
  const OH = Math.floor((H - size) / stride) + 1, OW = Math.floor((W - size) / stride) + 1;
  const input = runtimeNode('x', 'input', [C, H, W], [], maxBatch);
  const node = runtimeNode('p', `${kind}Pool2d`, [C, OH, OW], [input], maxBatch);
  const layer = kind === 'max' ? new MaxPoolLayer(node, size, stride, createBuildContext(maxBatch, 1)) : new AvgPoolLayer(node, size, stride);
  return { input, node, layer };
}

function reference(kind: 'max' | 'avg', x: Float32Array, rows: number, C: number, H: number, W: number, size: number, stride: number): number[] {
  const OH = Math.floor((H - size) / stride) + 1, OW = Math.floor((W - size) / stride) + 1;
  const out: number[] = [];
  for (let pl = 0; pl < rows * C; pl++)
    for (let i = 0; i < OH; i++)
      for (let j = 0; j < OW; j++) {
        const win: number[] = [];
        for (let u = 0; u < size; u++) for (let v = 0; v < size; v++) win.push(x[pl * H * W + (i * stride + u) * W + j * stride + v]);
        out.push(kind === 'max' ? Math.max(...win) : win.reduce((a, b) => a + b, 0) / win.length);
      }
  return out;
}

const shapes = [
  [2, 6, 6, 2, 2],
  [1, 7, 5, 2, 2],
  [3, 7, 7, 3, 2],
  [2, 5, 6, 3, 1],
  [1, 4, 4, 1, 1],
  [2, 9, 8, 2, 3],
] as const;

describe.each(['max', 'avg'] as const)('%s pooling', (kind) => {
  it.each(shapes)('forward matches the reference (C=%i, %i×%i, pool %i, stride %i)', (C, H, W, size, stride) => {
    const { input, node, layer } = build(kind, C, H, W, size, stride);
    fillInputs([input], 2);
    layer.forward(2);
    const want = reference(kind, input.output, 2, C, H, W, size, stride);
    want.forEach((v, i) => expect(node.output[i]).toBeCloseTo(v, 6));
  });

  it.each(shapes)('backward passes a finite-difference check (C=%i, %i×%i, pool %i, stride %i)', (C, H, W, size, stride) => {
    const { input, layer } = build(kind, C, H, W, size, stride);
    // Distinct values 0.01 apart in a shuffled order, so no window's maximum changes under the ±1e-3 steps.
    const order = Int32Array.from({ length: 2 * input.size }, (_, i) => i);
    new Rng(3).shuffle(order);
    input.output.set(Float32Array.from(order, (k) => 0.01 * k - 1));
    layerGradcheck(layer, 2, { name: `${kind}Pool` });
  });
});

/**
 * All 5⁴ 2×2 windows over {−0, 0, 1, 2, NaN}, side by side in one plane of 2 rows and W = 2n + 1
 * columns (the last column odd, skipped by the pooling).
 */
function everyTieWindow(): { x: Float32Array; n: number; W: number } {
  const values = [-0, 0, 1, 2, Number.NaN];
  const n = values.length ** 4;
  const W = 2 * n + 1;
  const x = new Float32Array(2 * W);
  for (let w = 0; w < n; w++) {
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => values[Math.floor(w / values.length ** k) % values.length]);
    x[2 * w] = a; x[2 * w + 1] = b; x[W + 2 * w] = c; x[W + 2 * w + 1] = d;
  }
  return { x, n, W };
}

describe('max pooling details', () => {
  const g: PoolGeometry = { C: 1, H: 2, W: 4, OH: 1, OW: 2, size: 2, stride: 2 };

  it('sends a tie to the first maximum in scan order and lets NaN win, like PyTorch', () => {
    const x = Float32Array.from([1, 3, NaN, 0, 3, 2, 5, 9]);
    for (const fn of [maxPoolForward, maxPool2x2Forward]) {
      const y = new Float32Array(2), argmax = new Int32Array(2);
      fn(x, y, argmax, 1, g);
      expect(y[0]).toBe(3);
      expect(argmax[0]).toBe(1); // x[1] and x[4] tie: the first wins
      expect(y[1]).toBeNaN();
      expect(argmax[1]).toBe(2);
    }
  });

  it('the 2×2 fast path picks the same cell as the general one in every window of ties, signed zeros and NaNs', () => {
    // All 5⁴ windows over {−0, 0, 1, 2, NaN}, side by side in one plane of 2 rows, plus an odd
    // last column that the pooling skips.
    const { x, n, W } = everyTieWindow();
    x[W - 1] = x[2 * W - 1] = 99; // the skipped column must never win
    const geo: PoolGeometry = { C: 1, H: 2, W, OH: 1, OW: n, size: 2, stride: 2 };
    const a = new Float32Array(n), b = new Float32Array(n), ia = new Int32Array(n), ib = new Int32Array(n);
    maxPoolForward(x, a, ia, 1, geo);
    maxPool2x2Forward(x, b, ib, 1, geo);
    expect(Array.from(ib)).toEqual(Array.from(ia));
    for (let k = 0; k < n; k++) expect(Object.is(b[k], a[k]), `window ${k}`).toBe(true);
  });

  it('the 2×2 fast path equals the general one', () => {
    const geo: PoolGeometry = { C: 3, H: 8, W: 10, OH: 4, OW: 5, size: 2, stride: 2 };
    const x = randomArray(2 * 3 * 8 * 10, 9);
    const a = new Float32Array(2 * 60), b = new Float32Array(2 * 60), ia = new Int32Array(120), ib = new Int32Array(120);
    maxPoolForward(x, a, ia, 2, geo);
    maxPool2x2Forward(x, b, ib, 2, geo);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(ib)).toEqual(Array.from(ia));
  });
});

describe('2×2 max pooling on WebAssembly SIMD (PoolKernels)', () => {
  const backends = [
    ['portable', createWasmKernels(undefined, 'simd')!.pool!],
    ['relaxed', createWasmKernels(undefined, 'relaxed')!.pool!],
  ] as const;

  it.each(backends)('%s: the same values and winners as the JS loop in every window of ties, signed zeros and NaNs', (_, pool) => {
    // The 5⁴ windows over {−0, 0, 1, 2, NaN} (four per vector, the last one alone), then a
    // skipped odd column, as in the test of the JS fast path above.
    const { x, n, W } = everyTieWindow();
    x[W - 1] = x[2 * W - 1] = 99;
    const geo: PoolGeometry = { C: 1, H: 2, W, OH: 1, OW: n, size: 2, stride: 2 };
    const a = new Float32Array(n), b = new Float32Array(n), ia = new Int32Array(n), ib = new Int32Array(n);
    maxPool2x2Forward(x, a, ia, 1, geo);
    pool.maxPool2x2(x, b, ib, 1, geo);
    expect(Array.from(ib)).toEqual(Array.from(ia));
    for (let k = 0; k < n; k++) expect(Object.is(b[k], a[k]), `window ${k}`).toBe(true);
  });

  it.each(backends)('%s: equals the JS loop over batches, odd sizes and output widths around 4, in a longer buffer', (_, pool) => {
    let seed = 50;
    for (const [C, H, W] of [[1, 2, 4], [3, 7, 9], [2, 8, 10], [16, 28, 28], [4, 5, 17]] as const) {
      const OH = H >> 1, OW = W >> 1;
      const geo: PoolGeometry = { C, H, W, OH, OW, size: 2, stride: 2 };
      const out = C * OH * OW;
      for (const rows of [1, 3]) {
        const x = randomArray(4 * C * H * W, seed++); // room for 4 rows: a partial batch
        const a = new Float32Array(4 * out).fill(7), b = a.slice();
        const ia = new Int32Array(4 * out).fill(-1), ib = ia.slice();
        maxPool2x2Forward(x, a, ia, rows, geo);
        pool.maxPool2x2(x, b, ib, rows, geo);
        expect(Array.from(b)).toEqual(Array.from(a)); // past rows·out: untouched 7s in both
        expect(Array.from(ib)).toEqual(Array.from(ia));
      }
    }
  });

  it('the layer takes the backend\'s pooling where it has one, and the JS loop where not', () => {
    const { input, node, layer } = build('max', 2, 6, 6, 2, 2);
    fillInputs([input], 2);
    const want = reference('max', input.output, 2, 2, 6, 6, 2, 2).map(Math.fround);
    const wasmPool = backends[0][1];
    let calls = 0;
    const counting: PoolKernels = {
      maxPool2x2: (...a) => {
        calls++;
        wasmPool.maxPool2x2(...a);
      },
    };
    const saved = getKernels();
    try {
      for (const kernels of [{ ...jsKernels, pool: counting }, jsKernels]) {
        setKernels(kernels);
        node.output.fill(0);
        layer.forward(2);
        expect(Array.from(node.output.subarray(0, want.length))).toEqual(want);
      }
    } finally {
      setKernels(saved);
    }
    expect(calls).toBe(1); // the first backend's pooling ran, the second (none) left it alone
  });
});

