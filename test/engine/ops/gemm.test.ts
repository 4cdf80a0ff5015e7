// First: the CLI's switch for WebAssembly relaxed SIMD (Node 20 keeps it behind a flag), so the
// fused multiply-add kernel is checked here beside the portable one and the JS kernels.
import '../../../src/cli/wasm-features';
import { afterEach, describe, expect, it } from 'vitest';
import { getKernels, jsKernels, kernelsName, setKernels, wasmKernelsAvailable, type Kernels } from '../../../src/engine/backend';
import { createWasmKernels } from '../../../src/engine/backend/wasm-gemm';
import { gemmPacked, gemmSmall, gemmTuning } from '../../../src/engine/backend/js-gemm';
import { randomArray } from '../../helpers/gradcheck';

type Variant = 'NN' | 'TN' | 'NT';
type Gemm = (M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, acc: boolean) => void;

/** Naive float64 triple loop honouring each variant's storage layout. */
function reference(v: Variant, M: number, N: number, K: number, A: Float32Array, B: Float32Array): Float64Array {
  const R = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const a = v === 'TN' ? A[k * M + i] : A[i * K + k];
        const b = v === 'NT' ? B[j * K + k] : B[k * N + j];
        s += a * b;
      }
      R[i * N + j] = s;
    }
  }
  return R;
}

const dispatch: Record<Variant, Gemm> = { NN: jsKernels.gemmNN, TN: jsKernels.gemmTN, NT: jsKernels.gemmNT };
// Node 20 has WebAssembly SIMD: the WASM kernels must exist here (a null would hide them from every test).
const wasmAll = createWasmKernels({ smallWork: 0, narrow: 0 })!; // every size through the WASM micro-kernel, edges included
const wasmDefault = createWasmKernels()!; // the default routing: tiny products handed to the JS kernels
const relaxedAll = createWasmKernels({ smallWork: 0, narrow: 0 }, 'relaxed')!;
const viaRelaxed: Record<Variant, Gemm> = {
  NN: (...a) => relaxedAll.gemmNN(...a),
  TN: (...a) => relaxedAll.gemmTN(...a),
  NT: (...a) => relaxedAll.gemmNT(...a),
};
const viaWasm: Record<Variant, Gemm> = {
  NN: (...a) => wasmAll.gemmNN(...a),
  TN: (...a) => wasmAll.gemmTN(...a),
  NT: (...a) => wasmAll.gemmNT(...a),
};
const viaWasmDefault: Record<Variant, Gemm> = {
  NN: (...a) => wasmDefault.gemmNN(...a),
  TN: (...a) => wasmDefault.gemmTN(...a),
  NT: (...a) => wasmDefault.gemmNT(...a),
};
const packed: Record<Variant, Gemm> = {
  NN: (M, N, K, A, B, C, acc) => gemmPacked(M, N, K, A, true, B, false, C, acc),
  TN: (M, N, K, A, B, C, acc) => gemmPacked(M, N, K, A, false, B, false, C, acc),
  NT: (M, N, K, A, B, C, acc) => gemmPacked(M, N, K, A, true, B, true, C, acc),
};
const small: Record<Variant, Gemm> = {
  NN: (M, N, K, A, B, C, acc) => gemmSmall(M, N, K, A, K, 1, B, N, 1, C, acc),
  TN: (M, N, K, A, B, C, acc) => gemmSmall(M, N, K, A, 1, M, B, N, 1, C, acc),
  NT: (M, N, K, A, B, C, acc) => gemmSmall(M, N, K, A, K, 1, B, 1, K, C, acc),
};

function check(fn: Gemm, v: Variant, M: number, N: number, K: number, accumulate: boolean, seed: number): void {
  const A = randomArray(M * K, seed);
  const B = randomArray(K * N, seed + 1);
  // Over-long C with a guard tail: the kernel must not write past M·N.
  const C0 = accumulate ? randomArray(M * N + 3, seed + 2) : new Float32Array(M * N + 3).fill(Number.NaN);
  const C = C0.slice();
  fn(M, N, K, A, B, C, accumulate);
  const R = reference(v, M, N, K, A, B);
  for (let i = 0; i < M * N; i++) {
    const want = (accumulate ? C0[i] : 0) + R[i];
    const tol = 1e-5 * (1 + Math.sqrt(K)) * (1 + Math.abs(want));
    if (!(Math.abs(C[i] - want) <= tol)) {
      throw new Error(`gemm${v} ${M}×${N}×${K} acc=${accumulate}: C[${i}] = ${C[i]}, want ${want}`);
    }
  }
  for (let i = M * N; i < C.length; i++) expect(Object.is(C[i], C0[i])).toBe(true);
}

const sizes: [number, number, number][] = [];
for (const M of [1, 2, 3, 4, 5, 7, 8, 13]) {
  for (const N of [1, 3, 4, 6, 9, 17]) {
    for (const K of [1, 2, 5, 8, 31]) sizes.push([M, N, K]);
  }
}
sizes.push([32, 10, 128], [33, 130, 67], [64, 64, 64], [10, 8, 2], [128, 4, 4], [3, 300, 20], [70, 2, 90]);

describe.each(['NN', 'TN', 'NT'] as Variant[])('gemm%s', (v) => {
  const saved = { ...gemmTuning };
  afterEach(() => Object.assign(gemmTuning, saved));

  it.each([false, true])('matches a naive triple loop for many sizes (accumulate=%s)', (acc) => {
    let seed = 1;
    for (const [M, N, K] of sizes) {
      check(dispatch[v], v, M, N, K, acc, seed);
      check(packed[v], v, M, N, K, acc, seed);
      check(small[v], v, M, N, K, acc, seed);
      check(viaWasm[v], v, M, N, K, acc, seed);
      check(viaWasmDefault[v], v, M, N, K, acc, seed);
      check(viaRelaxed[v], v, M, N, K, acc, seed);
      seed += 7;
    }
  });

  it('handles several K and column blocks (tiny blocking parameters)', () => {
    gemmTuning.kc = 5;
    gemmTuning.nc = 8;
    for (const [M, N, K] of [[9, 21, 17], [4, 8, 5], [13, 9, 11], [6, 33, 40]] as const) {
      check(packed[v], v, M, N, K, false, M + N);
      check(packed[v], v, M, N, K, true, M + K);
    }
  });

  it('is correct at the W2/W3 shapes with the default blocking', () => {
    const shapes: Record<Variant, [number, number, number][]> = {
      NN: [[32, 128, 784], [128, 10, 256]],
      TN: [[784, 128, 32], [256, 10, 128]],
      NT: [[32, 128, 10], [128, 512, 256]],
    };
    for (const [M, N, K] of shapes[v]) {
      check(dispatch[v], v, M, N, K, true, 3);
      check(viaWasm[v], v, M, N, K, true, 3);
      check(viaWasm[v], v, M, N, K, false, 4);
      check(viaRelaxed[v], v, M, N, K, true, 3);
    }
  });

  it('K = 0 gives zeros, or leaves C unchanged when accumulating', () => {
    for (const fn of [dispatch[v], packed[v], small[v], viaWasm[v], viaRelaxed[v]]) {
      const C = new Float32Array([1, 2, 3, 4, 5, 6]);
      fn(2, 3, 0, new Float32Array(0), new Float32Array(0), C, true);
      expect(Array.from(C)).toEqual([1, 2, 3, 4, 5, 6]);
      fn(2, 3, 0, new Float32Array(0), new Float32Array(0), C, false);
      expect(Array.from(C)).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });

  it('propagates NaN and Infinity from an operand (0·∞ is NaN, never skipped)', () => {
    for (const fn of [dispatch[v], packed[v], small[v], viaWasm[v], viaRelaxed[v]]) {
      const M = 6, N = 5, K = 7;
      const A = randomArray(M * K, 9);
      const B = randomArray(K * N, 10);
      for (let k = 0; k < K; k++) A[v === 'TN' ? k * M : k] = 0; // row 0 of op(A) is all zeros
      B[0] = Number.POSITIVE_INFINITY; // element (k=0, j=0) of op(B) in every layout
      const C = new Float32Array(M * N);
      fn(M, N, K, A, B, C, false);
      expect(C[0]).toBeNaN();
      for (let i = 1; i < M; i++) expect(Number.isFinite(C[i * N])).toBe(false);
      for (let i = 0; i < M; i++) for (let j = 1; j < N; j++) expect(Number.isFinite(C[i * N + j])).toBe(true);
    }
  });
});

describe('kernel registry', () => {
  it('the fused multiply-add kernel exists in Node 20 once the flag is set (a null would hide it from every check above)', () => {
    expect(relaxedAll).not.toBeNull();
    expect(wasmKernelsAvailable('wasm-relaxed')).toBe(true);
  });

  it('a fused multiply-add rounds once: relaxed and portable kernels differ only within float32 rounding', () => {
    const M = 64, N = 64, K = 300;
    const A = randomArray(M * K, 21);
    const B = randomArray(K * N, 22);
    const portable = new Float32Array(M * N);
    const fused = new Float32Array(M * N);
    viaWasm.NN(M, N, K, A, B, portable, false);
    viaRelaxed.NN(M, N, K, A, B, fused, false);
    let differ = 0;
    for (let i = 0; i < M * N; i++) {
      expect(Math.abs(fused[i] - portable[i])).toBeLessThanOrEqual(4 * K * 2 ** -24 * (1 + Math.abs(portable[i])));
      if (fused[i] !== portable[i]) differ++;
    }
    expect(differ).toBeGreaterThan(0); // really the fused kernel: products are not rounded before the add
  });

  it('defaults to the best WebAssembly kernels the runtime has (relaxed SIMD here), and can be swapped', () => {
    expect(wasmKernelsAvailable()).toBe(true);
    expect(kernelsName()).toBe('wasm-relaxed');
    const wasm = getKernels();
    setKernels('wasm');
    expect(kernelsName()).toBe('wasm');
    setKernels('js');
    expect(getKernels()).toBe(jsKernels);
    expect(kernelsName()).toBe('js');
    const calls: string[] = [];
    const fake: Kernels = {
      gemmNN: () => calls.push('NN'),
      gemmTN: () => calls.push('TN'),
      gemmNT: () => calls.push('NT'),
    };
    setKernels(fake);
    try {
      getKernels().gemmTN(1, 1, 1, new Float32Array(1), new Float32Array(1), new Float32Array(1), false);
      expect(calls).toEqual(['TN']);
    } finally {
      setKernels('wasm-relaxed');
    }
    expect(getKernels()).toBe(wasm);
  });

  it('the WASM memory grows for a larger product, and later products still use it correctly', () => {
    const k = createWasmKernels({ smallWork: 0, narrow: 0 })!;
    check((...a) => k.gemmNN(...a), 'NN', 8, 8, 8, false, 5);
    check((...a) => k.gemmNN(...a), 'NN', 300, 200, 150, false, 6); // ≈ 0.6 MB of panels: grows past one page
    check((...a) => k.gemmNT(...a), 'NT', 9, 11, 13, true, 7);
  });
});
