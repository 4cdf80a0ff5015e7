/**
 * The WebAssembly packing and write-back functions of gemm.wat (packInterleave, packContiguous,
 * unpackRows), called directly on both modules (portable and relaxed SIMD), element by element
 * against plain loops, at shapes that fill no panel and vector evenly; and the GEMM products
 * that use them, with operands longer than what a product reads (the memcpy path copies them
 * whole) and far longer (the JS packing fall-back).
 */
import '../../../src/cli/wasm-features'; // relaxed SIMD on, so the relaxed module can be instantiated
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../src/shared/base64';
import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from '../../../src/engine/backend/wasm/gemm-module';
import { createWasmKernels } from '../../../src/engine/backend/wasm-gemm';
import type { PackExports } from '../../../src/engine/backend/wasm-pack';
import { randomArray } from '../../helpers/gradcheck';

interface Module extends PackExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** The slice of the WebAssembly JS API used here (the Node type config has no DOM lib to name it). */
const wasm = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } };
}).WebAssembly;

function instantiate(base64: string): Module {
  return new wasm.Instance(new wasm.Module(decodeBase64(base64)), {}).exports as unknown as Module;
}

const modules: [string, Module][] = [
  ['portable SIMD', instantiate(GEMM_WASM_BASE64)],
  ['relaxed SIMD', instantiate(GEMM_RELAXED_WASM_BASE64)],
];
for (const [, m] of modules) m.memory.grow(16); // 1 MiB + the first page: room for every case below

/** Fills the memory with NaN, so any lane the functions should zero but only copy shows up. */
function poisoned(m: Module): Float32Array {
  const heap = new Float32Array(m.memory.buffer);
  heap.fill(Number.NaN);
  return heap;
}

// Row counts around the 4- and 8-lane panels, depths around the 4-column transpose blocks.
const vectorCounts = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17];
const depths = [1, 2, 3, 4, 5, 7, 8, 31];

describe.each(modules)('gemm.wat packing (%s)', (_, m) => {
  it('packInterleave: rows as panels of 4 or 8 lanes, column by column, zeros past the last row', () => {
    let seed = 1;
    for (const lanesLog2 of [2, 3]) {
      const lanes = 1 << lanesLog2;
      for (const vectors of vectorCounts) {
        for (const k of depths) {
          for (const pad of [0, 3]) {
            // rows of k floats, `pad` floats apart beyond k (a row stride other than k)
            const ld = k + pad;
            const src = randomArray(vectors * ld, seed++);
            const heap = poisoned(m);
            const srcAt = 64;
            const dstAt = srcAt + src.length + 64;
            heap.set(src, srcAt);
            m.packInterleave(dstAt * 4, srcAt * 4, ld * 4, vectors, k, lanesLog2);
            expectPanels(heap, dstAt, lanes, vectors, k, (v, t) => src[v * ld + t], `lanes ${lanes}, ${vectors} rows, k ${k}, ld ${ld}`);
          }
        }
      }
    }
  });

  it('packContiguous: runs of each row as panels of 4 or 8 lanes, zeros past the last float', () => {
    let seed = 100;
    for (const lanesLog2 of [2, 3]) {
      const lanes = 1 << lanesLog2;
      for (const vectors of vectorCounts) {
        for (const k of depths) {
          const src = randomArray(k * vectors, seed++);
          const heap = poisoned(m);
          const srcAt = 64;
          const dstAt = srcAt + src.length + 64;
          heap.set(src, srcAt);
          // the slack the caller leaves after the copy (COPY_SLACK) is NaN here: it must not leak
          m.packContiguous(dstAt * 4, srcAt * 4, vectors * 4, vectors, k, lanesLog2);
          expectPanels(heap, dstAt, lanes, vectors, k, (v, t) => src[t * vectors + v], `lanes ${lanes}, ${vectors} floats, k ${k}`);
        }
      }
    }
  });

  it('unpackRows: copies, adds a dense matrix, or adds a bias row, from a padded row stride', () => {
    let seed = 200;
    for (const rows of [1, 3, 4, 9]) {
      for (const n of [1, 3, 4, 5, 8, 13]) {
        for (const lds of [n, n + 3, ((n + 7) >> 3) * 8]) {
          for (const mode of ['copy', 'add', 'bias'] as const) {
            const src = randomArray(rows * lds, seed++);
            const add = randomArray(mode === 'bias' ? n : rows * n, seed++);
            const heap = poisoned(m);
            const srcAt = 16, addAt = srcAt + src.length + 16, dstAt = addAt + add.length + 16;
            heap.set(src, srcAt);
            heap.set(add, addAt);
            const ldAdd = mode === 'bias' ? 0 : n * 4;
            m.unpackRows(dstAt * 4, srcAt * 4, lds * 4, addAt * 4, ldAdd, mode === 'copy' ? 0 : 1, rows, n);
            for (let i = 0; i < rows; i++) {
              for (let j = 0; j < n; j++) {
                const s = src[i * lds + j];
                const want = mode === 'copy' ? s : Math.fround(s + add[mode === 'bias' ? j : i * n + j]);
                const got = heap[dstAt + i * n + j];
                if (!Object.is(got, want)) throw new Error(`${mode} ${rows}×${n} lds ${lds}: [${i}, ${j}] = ${got}, want ${want}`);
              }
            }
            expect(Number.isNaN(heap[dstAt + rows * n])).toBe(true); // nothing past the rows·n floats
          }
        }
      }
    }
  });

  it('copyPlanes: strided planes copied, with a bias per plane, or added into the destination', () => {
    let seed = 400;
    for (const planes of [1, 3]) {
      for (const rows of [1, 2, 5]) {
        for (const n of [1, 3, 4, 5, 13]) {
          for (const mode of [0, 1, 2] as const) {
            // source rows `n + 2` apart, planes one row more apart; destination dense, or padded by 1 and 3
            const lds = n + 2, planeS = rows * lds + lds;
            for (const [ldd, planeD] of [[n, rows * n], [n + 1, rows * (n + 1) + 3]]) {
              const src = randomArray(planes * planeS, seed++);
              const dst0 = randomArray(planes * planeD + 4, seed++);
              const bias = randomArray(planes, seed++);
              const heap = poisoned(m);
              const srcAt = 8, biasAt = srcAt + src.length + 8, dstAt = biasAt + planes + 8;
              heap.set(src, srcAt);
              heap.set(bias, biasAt);
              heap.set(dst0, dstAt);
              m.copyPlanes(dstAt * 4, ldd * 4, planeD * 4, srcAt * 4, lds * 4, planeS * 4, planes, rows, n, mode, biasAt * 4);
              const want = dst0.slice();
              for (let c = 0; c < planes; c++) {
                for (let i = 0; i < rows; i++) {
                  for (let j = 0; j < n; j++) {
                    const d = c * planeD + i * ldd + j;
                    const v = src[c * planeS + i * lds + j];
                    want[d] = mode === 0 ? v : Math.fround(v + (mode === 1 ? bias[c] : dst0[d]));
                  }
                }
              }
              for (let d = 0; d < want.length; d++) {
                const got = heap[dstAt + d];
                if (!Object.is(got, want[d])) throw new Error(`mode ${mode}, ${planes}×${rows}×${n}, ldd ${ldd}: dst[${d}] = ${got}, want ${want[d]}`);
              }
            }
          }
        }
      }
    }
  });

  it('addRowSums: each row summed in float64 and added to its float32 total once', () => {
    let seed = 500;
    for (const rows of [1, 3, 16]) {
      for (const n of [1, 3, 4, 5, 8, 13, 196, 677]) {
        const src = randomArray(rows * n, seed++, -4, 4);
        const dst0 = randomArray(rows + 1, seed++);
        const heap = poisoned(m);
        const srcAt = 8, dstAt = srcAt + src.length + 8;
        heap.set(src, srcAt);
        heap.set(dst0, dstAt);
        m.addRowSums(dstAt * 4, srcAt * 4, rows, n);
        for (let r = 0; r < rows; r++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += src[r * n + j];
          // float64 sums in another order differ by far less than a float32 ulp of the total
          const want = Math.fround(dst0[r] + s);
          const got = heap[dstAt + r];
          if (!(Math.abs(got - want) <= 1.2e-7 * Math.abs(want))) throw new Error(`${rows}×${n}: row ${r} = ${got}, want ${want}`);
        }
        expect(heap[dstAt + rows]).toBe(dst0[rows]); // the next float is left alone
      }
    }
  });

  it('unpackRows compacts in place (dst = src): each row is read before it is overwritten', () => {
    for (const [rows, n, lds] of [[5, 13, 16], [4, 3, 8], [7, 9, 16]] as const) {
      const src = randomArray(rows * lds, rows * n);
      const add = randomArray(rows * n, n);
      for (const withAdd of [0, 1]) {
        const heap = poisoned(m);
        const at = 32, addAt = at + src.length + 16;
        heap.set(src, at);
        heap.set(add, addAt);
        m.unpackRows(at * 4, at * 4, lds * 4, addAt * 4, n * 4, withAdd, rows, n);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < n; j++) {
            const s = src[i * lds + j];
            expect(heap[at + i * n + j]).toBe(withAdd ? Math.fround(s + add[i * n + j]) : s);
          }
        }
      }
    }
  });
});

/** float64 C (+)= op(A)·op(B), A stored [M×K] (aRows) or [K×M], B stored [N×K] (bRows) or [K×N]. */
function reference(M: number, N: number, K: number, A: Float32Array, aRows: boolean, B: Float32Array, bRows: boolean, C0: Float32Array | null): Float64Array {
  const R = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = C0 === null ? 0 : C0[i * N + j];
      for (let k = 0; k < K; k++) s += (aRows ? A[i * K + k] : A[k * M + i]) * (bRows ? B[j * K + k] : B[k * N + j]);
      R[i * N + j] = s;
    }
  }
  return R;
}

/**
 * Panels of `lanes` lanes at heap[dstAt…]: step t of panel p holds element (v = p·lanes + lane, t)
 * for v < vectors (read with `want`) and zeros past them; nothing is written past the last panel
 * (the heap was poisoned with NaN).
 */
function expectPanels(heap: Float32Array, dstAt: number, lanes: number, vectors: number, k: number, want: (v: number, t: number) => number, label: string): void {
  const panels = Math.ceil(vectors / lanes);
  for (let p = 0; p < panels; p++) {
    for (let t = 0; t < k; t++) {
      for (let lane = 0; lane < lanes; lane++) {
        const v = p * lanes + lane;
        const got = heap[dstAt + (p * k + t) * lanes + lane];
        const expected = v < vectors ? want(v, t) : 0;
        if (!Object.is(got, expected)) throw new Error(`${label}: panel ${p} step ${t} lane ${lane} = ${got}, want ${expected}`);
      }
    }
  }
  expect(Number.isNaN(heap[dstAt + panels * lanes * k])).toBe(true);
}

describe('WASM GEMM products with operands longer than the product reads', () => {
  const kernels = [
    ['portable', createWasmKernels({ smallWork: 0, narrow: 0 }, 'simd')!],
    ['relaxed', createWasmKernels({ smallWork: 0, narrow: 0 }, 'relaxed')!],
  ] as const;

  it.each(kernels)('%s: a partial batch in full-size buffers (copied whole), and views into far bigger ones (JS packing)', (_, k) => {
    let seed = 300;
    for (const extra of [5, 3 * 4096]) { // a few floats more: the memcpy path; far more: the JS packing fall-back
      for (const [M, N, K] of [[3, 9, 1], [5, 17, 7], [16, 128, 33], [7, 10, 130]] as const) {
        for (const accumulate of [false, true]) {
          const A = randomArray(M * K + extra, seed++);
          const B = randomArray(K * N + extra, seed++);
          const C0 = randomArray(M * N + extra, seed++);
          for (const [variant, aRows, bRows] of [['NN', true, false], ['TN', false, false], ['NT', true, true]] as const) {
            const C = accumulate ? C0.slice() : C0.slice().fill(Number.NaN);
            if (variant === 'NN') k.gemmNN(M, N, K, A, B, C, accumulate);
            else if (variant === 'TN') k.gemmTN(M, N, K, A, B, C, accumulate);
            else k.gemmNT(M, N, K, A, B, C, accumulate);
            const R = reference(M, N, K, A, aRows, B, bRows, accumulate ? C0 : null);
            for (let i = 0; i < M * N; i++) {
              const tol = 1e-5 * (1 + Math.sqrt(K)) * (1 + Math.abs(R[i]));
              if (!(Math.abs(C[i] - R[i]) <= tol)) throw new Error(`${variant} ${M}×${N}×${K} extra ${extra} acc ${accumulate}: C[${i}] = ${C[i]}, want ${R[i]}`);
            }
            // the floats past M·N are left alone
            for (let i = M * N; i < C.length; i++) {
              if (!Object.is(C[i], accumulate ? C0[i] : Number.NaN)) throw new Error(`${variant} ${M}×${N}×${K}: C[${i}] written past M·N`);
            }
          }
        }
      }
    }
  });
});
