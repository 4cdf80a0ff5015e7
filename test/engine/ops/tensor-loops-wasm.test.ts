/**
 * The layers' WebAssembly loops (backend/wasm/tensor-loops.wat) against their JS twins in ops/:
 * the same float32 numbers (a zero's sign aside, see reluBackward in the .wat) on random values,
 * special values and lengths that are not multiples of 4, and the models that use them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { arenaLoopsInWasm, getKernels, jsKernels, setKernels, type Kernels } from '../../../src/engine/backend';
import { createParamArena, MAX_TENSOR_BYTES, tensorLoopsOf, type ParamArena } from '../../../src/engine/backend/wasm-optim';
import { compileModel } from '../../../src/engine/compile';
import { Act, activationBackward, activationForward } from '../../../src/engine/ops/activations';
import { denseBackward, denseForward } from '../../../src/engine/ops/dense';
import { maxPool2x2Forward, maxPoolBackward } from '../../../src/engine/ops/pool';
import { Rng } from '../../../src/engine/random';
import { chain } from '../../shared/graph-fixtures';

const SPECIAL = [Number.NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, 3.4e38, -3.4e38];

/** Values in [-2, 2), one in five a special value. */
function fill(t: Float32Array, seed: number): Float32Array {
  const rng = new Rng(seed);
  for (let i = 0; i < t.length; i++) t[i] = rng.next() < 0.2 ? SPECIAL[Math.floor(rng.next() * SPECIAL.length)] : rng.next() * 4 - 2;
  return t;
}

/** Finite random values in [-2, 2). */
function fillFinite(t: Float32Array, seed: number): Float32Array {
  const rng = new Rng(seed);
  for (let i = 0; i < t.length; i++) t[i] = rng.next() * 4 - 2;
  return t;
}

/** Equal as numbers (NaN equal to NaN; +0 and -0 equal), element by element, with the first difference named. */
function expectSameNumbers(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    const same = got[i] === want[i] || (Number.isNaN(got[i]) && Number.isNaN(want[i]));
    if (!same) expect.fail(`element ${i}: ${got[i]} where the JS loop gives ${want[i]}`);
  }
}

function arena(tensorFloats: number): ParamArena {
  const a = createParamArena(4, tensorFloats);
  if (a === null || a.loops === null) throw new Error('this runtime has no WebAssembly SIMD: the arena loops cannot be tested');
  return a;
}

/** A tensor of n floats in the arena, filled from `init`. */
function tensorIn(a: ParamArena, init: Float32Array): Float32Array {
  const t = a.allocateTensor(init.length);
  if (t === null) throw new Error('the test arena is too small');
  t.set(init);
  return t;
}

const LENGTHS = [1, 3, 4, 5, 8, 13, 64, 130];

describe('the arena loops: relu', () => {
  it.each(LENGTHS)('forward gives max(x, 0) as the JS loop does (n = %i, special values included)', (n) => {
    const a = arena(4096);
    const x = tensorIn(a, fill(new Float32Array(n), n));
    const y = tensorIn(a, new Float32Array(n).fill(7)); // poison: every element must be written
    a.loops!.reluForward(x, y, n);
    const want = new Float32Array(n);
    activationForward(Act.relu, x, want, n, 0);
    expectSameNumbers(y, want);
    for (let i = 0; i < n; i++) if (Object.is(x[i], -0)) expect(Object.is(y[i], 0)).toBe(true); // −0 gives +0
  });

  it('forward leaves what follows the n elements alone', () => {
    const a = arena(64);
    const x = tensorIn(a, Float32Array.of(-1, 2, -3, 4, -5, 6, -7));
    const y = tensorIn(a, new Float32Array(7).fill(9));
    a.loops!.reluForward(x, y, 6);
    expect(Array.from(y)).toEqual([0, 2, 0, 4, 0, 6, 9]);
  });

  it.each(LENGTHS)('backward adds dy where x > 0 or x is NaN, as the JS loop does (n = %i)', (n) => {
    const a = arena(4096);
    const x = tensorIn(a, fill(new Float32Array(n), 100 + n));
    const dy = tensorIn(a, fill(new Float32Array(n), 200 + n));
    const start = fillFinite(new Float32Array(n), 300 + n);
    const dx = tensorIn(a, start);
    a.loops!.reluBackward(x, dy, dx, n);
    const want = start.slice();
    activationBackward(Act.relu, x, new Float32Array(n), dy, want, n, 0);
    expectSameNumbers(dx, want);
  });

  it('backward: a blocked infinite or NaN gradient adds nothing, a NaN input passes the gradient', () => {
    const a = arena(64);
    // Seven elements: the last three go through the scalar tail loop.
    const x = tensorIn(a, Float32Array.of(-1, 0, -Infinity, Number.NaN, 2, 0, Number.NaN));
    const dy = tensorIn(a, Float32Array.of(Infinity, Number.NaN, -Infinity, 5, 3, 7, 8));
    const dx = tensorIn(a, Float32Array.of(1, 1, 1, 1, 1, 1, 1));
    a.loops!.reluBackward(x, dy, dx, 7);
    expect(Array.from(dx)).toEqual([1, 1, 1, 6, 4, 1, 9]);
  });
});

describe('the arena loops: Dense bias', () => {
  const SHAPES: [rows: number, n: number][] = [[1, 1], [3, 3], [2, 4], [5, 7], [4, 8], [3, 13], [6, 16], [9, 21], [128, 10]];

  it.each(SHAPES)('addBiasRows adds b to each of %i rows of %i, as the JS loop does', (rows, n) => {
    const a = arena(8192);
    const y0 = fillFinite(new Float32Array(rows * n + 3), rows); // 3 floats past the rows: left alone
    const b0 = fillFinite(new Float32Array(n), n + 1);
    const y = tensorIn(a, y0), b = tensorIn(a, b0);
    a.loops!.addBiasRows(y, b, rows, n);
    const want = y0.slice();
    for (let i = 0; i < rows; i++) for (let j = 0; j < n; j++) want[i * n + j] += b0[j];
    expectSameNumbers(y, want);
  });

  it.each(SHAPES)('addColumnSums adds the float64 column sums of %i rows of %i, rounded once', (rows, n) => {
    const a = arena(8192);
    const dy = tensorIn(a, fillFinite(new Float32Array(rows * n), 50 + rows));
    const db0 = fillFinite(new Float32Array(n + 2), 60 + n); // 2 floats past n: left alone
    const db = tensorIn(a, db0);
    a.loops!.addColumnSums(dy, db, rows, n);
    const want = db0.slice();
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += dy[i * n + j];
      want[j] += s;
    }
    expectSameNumbers(db, want);
  });

  it('addColumnSums keeps float64 precision: 1e8 and many ones do not lose the ones', () => {
    const a = arena(8192);
    const rows = 100, n = 9;
    const init = new Float32Array(rows * n).fill(1);
    for (let j = 0; j < n; j++) init[j] = 1e8;
    const dy = tensorIn(a, init);
    const db = tensorIn(a, new Float32Array(n));
    a.loops!.addColumnSums(dy, db, rows, n);
    expect(Array.from(db)).toEqual(new Array(n).fill(Math.fround(1e8 + 99)));
  });

  it('denseForward and denseBackward give the same numbers with the loops as without', () => {
    const a = arena(1 << 16);
    const n = 12, inF = 9, outF = 11;
    const x = fillFinite(new Float32Array(n * inF), 1), W = fillFinite(new Float32Array(inF * outF), 2);
    const b = tensorIn(a, fillFinite(new Float32Array(outF), 3));
    const yLoops = tensorIn(a, new Float32Array(n * outF));
    const yJs = new Float32Array(n * outF);
    denseForward(x, W, b, yLoops, n, inF, outF, a.loops);
    denseForward(x, W, b, yJs, n, inF, outF, null);
    expectSameNumbers(yLoops, yJs);
    const dy = tensorIn(a, fillFinite(new Float32Array(n * outF), 4));
    const dbLoops = tensorIn(a, fillFinite(new Float32Array(outF), 5));
    const dbJs = dbLoops.slice();
    denseBackward(x, W, dy, null, new Float32Array(inF * outF), dbLoops, n, inF, outF, a.loops);
    denseBackward(x, W, dy, null, new Float32Array(inF * outF), dbJs, n, inF, outF, null);
    expectSameNumbers(dbLoops, dbJs);
  });
});

describe('the arena loops: max pooling', () => {
  const GEOMETRIES: [rows: number, C: number, H: number, W: number][] = [[2, 3, 6, 10], [1, 2, 5, 7], [3, 1, 4, 18], [1, 1, 2, 2]];

  it.each(GEOMETRIES)('maxPool2x2 in place gives the JS loop’s values and winners (rows %i, C %i, %i × %i; NaN and ties)', (rows, C, H, W) => {
    const g = { C, H, W, OH: H >> 1, OW: W >> 1, size: 2, stride: 2 };
    const a = arena(1 << 14);
    const x0 = fill(new Float32Array(rows * C * H * W), H * W);
    for (let i = 0; i < x0.length; i += 7) x0[i + 1] = x0[i]; // ties
    const x = tensorIn(a, x0);
    const outputs = rows * C * g.OH * g.OW;
    const y = tensorIn(a, new Float32Array(outputs).fill(5));
    const arg = new Int32Array(a.buffer, a.allocateTensor(outputs)!.byteOffset, outputs);
    a.loops!.maxPool2x2(x, y, arg, rows, g);
    const wantY = new Float32Array(outputs), wantArg = new Int32Array(outputs);
    maxPool2x2Forward(x0, wantY, wantArg, rows, g);
    expectSameNumbers(y, wantY);
    expect(Array.from(arg)).toEqual(Array.from(wantArg));
  });

  it('scatterAdd adds each gradient at its winner, repeated winners included, as maxPoolBackward does', () => {
    const a = arena(256);
    const g = { C: 1, H: 4, W: 4, OH: 2, OW: 3, size: 2, stride: 1 }; // overlapping windows share winners
    const dy = tensorIn(a, Float32Array.of(1, 2, 3, 4, 5, 6));
    const arg = new Int32Array(a.buffer, a.allocateTensor(6)!.byteOffset, 6);
    arg.set([5, 5, 7, 9, 10, 10]);
    const start = fillFinite(new Float32Array(16), 8);
    const dx = tensorIn(a, start);
    a.loops!.scatterAdd(dy, arg, dx, 6);
    const want = start.slice();
    maxPoolBackward(Float32Array.of(1, 2, 3, 4, 5, 6), Int32Array.from(arg), want, 1, g);
    expectSameNumbers(dx, want);
    expect(dx[5]).toBe(Math.fround(start[5] + 3));
  });
});

describe('the arena and its tensors', () => {
  it('allocates 16-byte aligned tensors until the region is full, then says no', () => {
    const a = arena(16);
    const t1 = a.allocateTensor(5)!, t2 = a.allocateTensor(3)!;
    expect(t1.byteOffset % 16).toBe(0);
    expect(t2.byteOffset % 16).toBe(0);
    expect(t2.byteOffset - t1.byteOffset).toBe(32); // 5 floats rounded up to 8
    expect(a.allocateTensor(5)).toBeNull(); // 8 + 4 used, 4 left
    expect(a.allocateTensor(4)).not.toBeNull();
  });

  it('has no tensor region (nor loops) when the tensors would take more than MAX_TENSOR_BYTES', () => {
    const big = createParamArena(4, MAX_TENSOR_BYTES / 4 + 4)!;
    expect(big.loops).toBeNull();
    expect(big.allocateTensor(1)).toBeNull();
    expect(big.allocate(4).data.length).toBe(4); // the params still live in an arena
  });

  it('tensorLoopsOf: only when every tensor is in one arena with loops', () => {
    const a = arena(64), b = arena(64);
    const t = a.allocateTensor(4)!, u = a.allocateTensor(4)!, other = b.allocateTensor(4)!;
    expect(tensorLoopsOf([t, u])).toBe(a.loops);
    expect(tensorLoopsOf([t, other])).toBeNull();
    expect(tensorLoopsOf([t, new Float32Array(4)])).toBeNull();
    expect(tensorLoopsOf([])).toBeNull();
    const paramsOnly = createParamArena(8)!;
    expect(tensorLoopsOf([paramsOnly.allocate(4).data])).toBeNull();
  });
});

describe('models on the arena loops', () => {
  const kernelsBefore = getKernels();
  afterEach(() => {
    setKernels(kernelsBefore);
    vi.restoreAllMocks();
  });

  const graph = chain(['x', 'input'], ['d', 'dense', { units: 7 }], ['r', 'relu'], ['o', 'dense', { units: 3 }], ['s', 'softmax'], ['L', 'crossEntropy']);
  const compile = () => compileModel(graph, { dataShape: [5], batchSize: 6, task: 'classification', numClasses: 3, targetSize: 1, seed: 3 });

  it('keep node outputs and gradients in the params’ arena and run ReLU and the bias there', () => {
    const model = compile();
    const relu = model.node('r'), dense = model.node('d');
    const loops = tensorLoopsOf([relu.output, relu.grad, dense.output, dense.grad, dense.params[1].data])!;
    expect(loops).not.toBeNull();
    expect(relu.output.buffer).toBe(model.params[0].data.buffer);
    const forward = vi.spyOn(loops, 'reluForward'), backward = vi.spyOn(loops, 'reluBackward');
    const bias = vi.spyOn(loops, 'addBiasRows'), sums = vi.spyOn(loops, 'addColumnSums');
    const x = fillFinite(new Float32Array(6 * 5), 9);
    model.forward(x, 6, Float32Array.of(0, 1, 2, 0, 1, 2), true);
    model.backward();
    expect(arenaLoopsInWasm()).toBe(true);
    expect([forward.mock.calls.length, backward.mock.calls.length, bias.mock.calls.length, sums.mock.calls.length]).toEqual([1, 1, 2, 2]);
    for (let i = 0; i < 6 * 7; i++) expect(relu.output[i]).toBe(Math.max(dense.output[i], 0));
  });

  it('train to the same numbers with the arena loops as with the JS loops, when the products are the same', () => {
    // Both runs multiply with the JS GEMM; a Kernels object other than jsKernels itself turns the
    // arena loops on (arenaLoopsInWasm), jsKernels turns them off. So only the loops differ.
    const run = (kernels: Kernels): number[] => {
      setKernels(kernels);
      const model = compile();
      const x = fillFinite(new Float32Array(6 * 5), 11);
      const out: number[] = [];
      for (let step = 0; step < 4; step++) {
        out.push(model.forward(x, 6, Float32Array.of(0, 1, 2, 2, 1, 0), true));
        model.backward();
        for (const p of model.params) for (let i = 0; i < p.data.length; i++) p.data[i] -= 0.5 * p.grad[i];
      }
      return [...out, ...model.params.flatMap((p) => Array.from(p.data))];
    };
    const wrapped: Kernels = { gemmNN: jsKernels.gemmNN, gemmTN: jsKernels.gemmTN, gemmNT: jsKernels.gemmNT };
    const withLoops = run(wrapped);
    expect(arenaLoopsInWasm()).toBe(true);
    const withoutLoops = run(jsKernels);
    expect(arenaLoopsInWasm()).toBe(false);
    expect(withLoops.every(Number.isFinite)).toBe(true);
    expect(withLoops).toEqual(withoutLoops);
  });

  const cnn = chain(
    ['x', 'input'], ['c', 'conv2d', { filters: 3, kernelSize: 3, padding: 'same' }], ['r', 'relu'], ['p', 'maxPool2d', { poolSize: 2 }],
    ['f', 'flatten'], ['o', 'dense', { units: 3 }], ['s', 'softmax'], ['L', 'crossEntropy'],
  );
  const compileCnn = () => compileModel(cnn, { dataShape: [1, 6, 6], batchSize: 4, task: 'classification', numClasses: 3, targetSize: 1, seed: 5 });

  it('pool in place in the arena (winners too) and train to the same numbers as the JS loops', () => {
    const model = compileCnn();
    const pool = model.node('p');
    const loops = tensorLoopsOf([pool.output, pool.grad, model.node('r').output])!;
    expect(loops).not.toBeNull();
    const forward = vi.spyOn(loops, 'maxPool2x2'), backward = vi.spyOn(loops, 'scatterAdd');
    const x = fillFinite(new Float32Array(4 * 36), 21);
    model.forward(x, 4, Float32Array.of(0, 1, 2, 1), true);
    model.backward();
    expect([forward.mock.calls.length, backward.mock.calls.length]).toEqual([1, 1]);
    vi.restoreAllMocks();

    const run = (kernels: Kernels): number[] => {
      setKernels(kernels);
      const m = compileCnn();
      const out: number[] = [];
      for (let step = 0; step < 4; step++) {
        out.push(m.forward(x, 4, Float32Array.of(0, 1, 2, 1), true));
        m.backward();
        for (const p of m.params) for (let i = 0; i < p.data.length; i++) p.data[i] -= 0.5 * p.grad[i];
      }
      return [...out, ...m.params.flatMap((p) => Array.from(p.data))];
    };
    const withLoops = run({ gemmNN: jsKernels.gemmNN, gemmTN: jsKernels.gemmTN, gemmNT: jsKernels.gemmNT });
    const withoutLoops = run(jsKernels);
    expect(withLoops.every(Number.isFinite)).toBe(true);
    expect(withLoops).toEqual(withoutLoops);
  });

  it('fall back to plain arrays and the JS loops where there is no WebAssembly, with the same numbers', () => {
    setKernels(jsKernels); // the same products on both sides
    const step = (m: ReturnType<typeof compile>): number[] => {
      const loss = m.forward(fillFinite(new Float32Array(6 * 5), 13), 6, Float32Array.of(2, 1, 0, 0, 1, 2), true);
      m.backward();
      return [loss, ...m.params.flatMap((p) => Array.from(p.grad))];
    };
    const inArena = compile();
    vi.stubGlobal('WebAssembly', undefined);
    let plain: ReturnType<typeof compile>;
    try {
      plain = compile();
    } finally {
      vi.unstubAllGlobals();
    }
    const relu = plain.node('r');
    expect(relu.output.buffer.byteLength).toBe(6 * 7 * 4); // its own array, maxBatch × size
    expect(relu.output.buffer).not.toBe(plain.params[0].data.buffer);
    expect(tensorLoopsOf([relu.output, relu.grad])).toBeNull();
    expect(step(plain)).toEqual(step(inArena));
  });
});
