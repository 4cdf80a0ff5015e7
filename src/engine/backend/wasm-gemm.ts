/**
 * GEMM on WebAssembly SIMD (wasm/gemm.wat, 4×8 f32x4 micro-kernel). Per product:
 *   1. pack op(A) into 4-row panels and op(B) into 8-column panels in the module's memory,
 *      zero-padding the last panels (so the kernel has no edge cases);
 *   2. the kernel writes the padded product Cp;
 *   3. the valid M×N part of Cp is written or added into C.
 * Packing and unpacking are O(MK + KN + MN) against the kernel's O(MNK), so tiny and narrow
 * products stay on the JS kernels (`WasmRouting`). Sums run in float32 here, as in BLAS and
 * PyTorch (the JS kernels sum a K block in float64). Nothing is allocated per call: the
 * Float32Array view of the memory is re-made only when the memory grows (during warm-up, at
 * the largest product).
 */
import { decodeBase64 } from '../../shared/base64';
import { gemmPacked, gemmSmall } from './js-gemm';
import type { ConvKernels, Kernels } from './kernels';
import { WasmArena, type GemmExport, type GemmModule } from './wasm-arena';
import { WasmConv } from './wasm-conv';
import { addInto, copyInto, packColumnPanels, packRowPanels } from './wasm-pack';
import { GEMM_RELAXED_WASM_BASE64, GEMM_SHARED_RELAXED_WASM_BASE64, GEMM_SHARED_WASM_BASE64, GEMM_WASM_BASE64 } from './wasm/gemm-module';
import { STAGE_KERNEL, STAGE_PACK, STAGE_SELF, STAGE_WRITE_BACK, stepProfile } from '../profile';
import { DEFAULT_THREAD_OPTIONS, KernelThreadPool, type KernelThreadOptions, type SharedWasmMemory } from './threads/pool';
import type { KernelThreadSpawner } from './threads/spawner';

/**
 * Which products stay on JS, measured on the W1–W4 workloads:
 * - `smallWork`: M·N·K below this takes the JS dot-product loops (gemmSmall), where packing costs
 *   more than SIMD saves (even at 10×8×2 = 160, WASM ahead from 10×8×8 = 640);
 * - `narrow`: N or K below this takes the packed JS kernels. Such products (W4's Dense 1352 → 10:
 *   N = 10, or its input gradient: K = 10) fill the 8-wide panels poorly and are dominated by
 *   packing and unpacking; in isolation WASM still wins, but inside W4 they made the whole run
 *   7 % slower than pure JS, and on the JS kernels it is back to the pure-JS speed.
 */
export interface WasmRouting {
  smallWork: number;
  narrow: number;
}
export const SMALL_WORK = 512;
export const DEFAULT_ROUTING: WasmRouting = { smallWork: SMALL_WORK, narrow: 16 };

/** The slice of the WebAssembly JS API used here (the Node type config has no DOM lib to name it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => SharedWasmMemory;
}

/**
 * Which micro-kernel: `simd` (portable WebAssembly SIMD: multiply, then add) or `relaxed` (one
 * fused multiply-add, `f32x4.relaxed_madd`: Chromium and Electron have it; Node 20 only with
 * `--experimental-wasm-relaxed-simd`, which the CLI sets, see src/cli/wasm-features.ts).
 * A fused multiply-add rounds once instead of twice, so results differ within float32 rounding.
 */
export type WasmFlavour = 'simd' | 'relaxed';

/**
 * The WASM SIMD kernels, or null where WebAssembly or the flavour's instructions are unavailable.
 * `routing`: which products go to JS instead (tests pass zeros: everything through WASM).
 */
export function createWasmKernels(routing: WasmRouting = DEFAULT_ROUTING, flavour: WasmFlavour = 'simd'): Kernels | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  try {
    const bytes = decodeBase64(flavour === 'relaxed' ? GEMM_RELAXED_WASM_BASE64 : GEMM_WASM_BASE64);
    if (!wasm.validate(bytes)) return null; // an engine without (relaxed) SIMD
    const instance = new wasm.Instance(new wasm.Module(bytes), {});
    return new WasmGemm(instance.exports as unknown as GemmModule, routing);
  } catch {
    return null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
}

/** The shared-memory module's page limit (gemm.wat as rewritten by tools/wasm/build-gemm.mjs). */
const SHARED_MAX_PAGES = 16_384;

export interface ThreadedWasmKernels {
  kernels: Kernels;
  /** Its threads: dispose() stops them. */
  pool: KernelThreadPool;
}

/**
 * The WASM SIMD kernels with every micro-kernel call (the GEMMs and the convolutions' products)
 * split across `threads` threads on one shared memory (threads/pool.ts); packing stays on the
 * calling thread. Null where WebAssembly, its threads or SharedArrayBuffer are unavailable
 * (a page that is not cross-origin isolated): the caller then keeps one thread.
 */
export function createThreadedWasmKernels(
  threads: number, spawner: KernelThreadSpawner, flavour: WasmFlavour = 'simd',
  routing: WasmRouting = DEFAULT_ROUTING, options: KernelThreadOptions = DEFAULT_THREAD_OPTIONS,
): ThreadedWasmKernels | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm || typeof SharedArrayBuffer === 'undefined') return null;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return null;
  let module: object;
  let memory: SharedWasmMemory;
  let exports: GemmModule;
  try {
    const bytes = decodeBase64(flavour === 'relaxed' ? GEMM_SHARED_RELAXED_WASM_BASE64 : GEMM_SHARED_WASM_BASE64);
    if (!wasm.validate(bytes)) return null; // no (relaxed) SIMD or no threads
    memory = new wasm.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
    module = new wasm.Module(bytes);
    exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as GemmModule;
  } catch {
    return null;
  }
  const pool = new KernelThreadPool(exports.gemm, module, memory, threads, spawner, options);
  const threaded: GemmModule = {
    memory: exports.memory,
    gemm: (ap, bp, cp, rowPanels, colPanels, k) => pool.run(ap, bp, cp, rowPanels, colPanels, k),
    packTapRows: exports.packTapRows,
    packTapColumns: exports.packTapColumns,
    addTapRows: exports.addTapRows,
  };
  return { kernels: new WasmGemm(threaded, routing), pool };
}

class WasmGemm implements Kernels {
  private readonly arena: WasmArena;
  readonly conv: ConvKernels;

  private readonly kernel: GemmExport;

  constructor(
    module: GemmModule,
    private readonly routing: WasmRouting,
  ) {
    this.kernel = module.gemm;
    this.arena = new WasmArena(module.memory);
    this.conv = new WasmConv(this.arena, module);
  }

  // Each variant calls the JS functions directly (not through jsKernels): one dispatch less keeps
  // V8's optimised training step free of boxed numbers (test/engine/allocation.test.ts).
  gemmNN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.routing.smallWork) gemmSmall(M, N, K, A, K, 1, B, N, 1, C, accumulate);
    else if (this.isNarrow(N, K)) gemmPacked(M, N, K, A, true, B, false, C, accumulate);
    else this.product(M, N, K, A, K, 1, B, N, 1, C, accumulate);
  }

  gemmTN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.routing.smallWork) gemmSmall(M, N, K, A, 1, M, B, N, 1, C, accumulate);
    else if (this.isNarrow(N, K)) gemmPacked(M, N, K, A, false, B, false, C, accumulate);
    else this.product(M, N, K, A, 1, M, B, N, 1, C, accumulate);
  }

  gemmNT(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.routing.smallWork) gemmSmall(M, N, K, A, K, 1, B, 1, K, C, accumulate);
    else if (this.isNarrow(N, K)) gemmPacked(M, N, K, A, true, B, true, C, accumulate);
    else this.product(M, N, K, A, K, 1, B, 1, K, C, accumulate);
  }

  private isNarrow(N: number, K: number): boolean {
    return N < this.routing.narrow || K < this.routing.narrow;
  }

  /**
   * C (+)= op(A)·op(B), element (i,k) of op(A) at A[i·ai + k·ak] and (k,j) of op(B) at
   * B[k·bk + j·bj]. Memory layout, in floats: Ap at 0, Bp after it, Cp after that.
   */
  private product(
    M: number, N: number, K: number,
    A: Float32Array, ai: number, ak: number, B: Float32Array, bk: number, bj: number,
    C: Float32Array, accumulate: boolean,
  ): void {
    if (M <= 0 || N <= 0) return;
    if (K <= 0) {
      if (!accumulate) C.fill(0, 0, M * N);
      return;
    }
    const rowPanels = (M + 3) >> 2;
    const colPanels = (N + 7) >> 3;
    const bp = rowPanels * 4 * K;
    const cp = bp + colPanels * 8 * K;
    this.arena.reserve(cp + rowPanels * 4 * colPanels * 8);
    const heap = this.arena.heap;
    const profiled = stepProfile.on; // timing points: profile.ts
    if (profiled) stepProfile.stage(STAGE_PACK);
    packRowPanels(heap, 0, M, K, A, 0, ai, ak);
    packColumnPanels(heap, bp, N, K, B, 0, bk, bj);
    if (profiled) stepProfile.stage(STAGE_KERNEL);
    this.kernel(0, bp * 4, cp * 4, rowPanels, colPanels, K);
    if (profiled) stepProfile.stage(STAGE_WRITE_BACK);
    if (accumulate) addInto(heap, cp, colPanels * 8, M, N, C);
    else copyInto(heap, cp, colPanels * 8, M, N, C);
    if (profiled) stepProfile.stage(STAGE_SELF);
  }
}
