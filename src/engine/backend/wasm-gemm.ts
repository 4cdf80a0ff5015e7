/**
 * GEMM on WebAssembly SIMD (wasm/gemm.wat, 4×8 f32x4 micro-kernel). Per product:
 *   1. A and B are copied into the module's memory (one memcpy each), and packed there with
 *      vector loads into 4-row panels of op(A) and 8-column panels of op(B), zero-padding the
 *      last panels (so the kernel has no edge cases);
 *   2. the kernel writes the padded product Cp;
 *   3. the valid M×N part of Cp is made dense in place (or added to a copy of C, in WebAssembly)
 *      and copied into C with one memcpy.
 * Packing and unpacking are O(MK + KN + MN) against the kernel's O(MNK), so tiny and narrow
 * products stay on the JS kernels (`WasmRouting`). Sums run in float32 here, as in BLAS and
 * PyTorch (the JS kernels sum a K block in float64). Nothing is allocated per call: the
 * Float32Array view of the memory is re-made only when the memory grows (during warm-up, at
 * the largest product).
 */
import { decodeBase64 } from '../../shared/base64';
import { gemmPacked, gemmSmall } from './js-gemm';
import type { ConvGeometry } from '../ops/im2col';
import type { ConvKernels, Kernels, PoolKernels } from './kernels';
import { WasmArena, type GemmExport, type GemmModule, type GemmPackingBExport } from './wasm-arena';
import { WasmConv } from './wasm-conv';
import { WasmPool } from './wasm-pool';
import { addInto, COPY_SLACK, copyInto, HeapViews, packColumnPanels, packRowPanels, type PackExports } from './wasm-pack';
import { GEMM_RELAXED_WASM_BASE64, GEMM_SHARED_RELAXED_WASM_BASE64, GEMM_SHARED_WASM_BASE64, GEMM_WASM_BASE64 } from './wasm/gemm-module';
import { STAGE_KERNEL, STAGE_PACK, STAGE_SELF, STAGE_WRITE_BACK, stepProfile } from '../profile';
import { DEFAULT_THREAD_OPTIONS, KernelThreadPool, type KernelThreadOptions, type SharedWasmMemory } from './threads/pool';
import type { KernelThreadSpawner } from './threads/spawner';

/**
 * Which products stay on JS, measured on the W1–W6 workloads:
 * - `smallWork`: M·N·K below this takes the JS dot-product loops (gemmSmall), where the calls and
 *   copies cost more than SIMD saves (even at 10×8×2 = 160, WASM ahead from 10×8×8 = 640);
 * - `narrow`: N or K below this takes the packed JS kernels. It was 16 while packing ran in JS
 *   loops (W4's Dense 1352 → 10 made the whole run 7 % slower on WASM then); since packing runs
 *   in WebAssembly those products are 5–6× faster there (W3's 128×10×256: 197 → 30 µs) and W4
 *   trains 24 % faster with everything on WASM, so the default is 0 (kept as a knob for tests).
 */
export interface WasmRouting {
  smallWork: number;
  narrow: number;
}
export const SMALL_WORK = 512;
export const DEFAULT_ROUTING: WasmRouting = { smallWork: SMALL_WORK, narrow: 0 };

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
    return new WasmGemm(instance.exports as unknown as GemmModule & PackExports, routing);
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
 * The WASM SIMD kernels with the big micro-kernel calls (the GEMMs and the convolutions' products)
 * split across `threads` threads on one shared memory (threads/pool.ts); packing A stays on the
 * calling thread. Products too small to split (fewer than `options.minWork` multiply-adds) run
 * on a second, single-thread instance with its own memory instead (`BySize`): the shared-memory
 * module measured 5–9 % slower on them (bench/gemm.ts shapes, CPU time: 32×10×1352 47.4 against
 * 44.5 µs, 8×676×9 6.2 against 5.7 µs), which made two threads slower than one on the small CNNs.
 * Null where WebAssembly, its threads or SharedArrayBuffer are unavailable (a page that is not
 * cross-origin isolated): the caller then keeps one thread.
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
  let exports: GemmModule & PackExports;
  try {
    const bytes = decodeBase64(flavour === 'relaxed' ? GEMM_SHARED_RELAXED_WASM_BASE64 : GEMM_SHARED_WASM_BASE64);
    if (!wasm.validate(bytes)) return null; // no (relaxed) SIMD or no threads
    memory = new wasm.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
    module = new wasm.Module(bytes);
    exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as GemmModule & PackExports;
  } catch {
    return null;
  }
  const pool = new KernelThreadPool(exports, module, memory, threads, spawner, options);
  // Every export as it is, except the micro-kernel, which the pool splits across the threads,
  // and packing B with the product, which it shares out by column panels where there are enough.
  const threaded: GemmModule & PackExports = {
    ...exports,
    gemm: (ap, bp, cp, rowPanels, colPanels, k) => pool.run(ap, bp, cp, rowPanels, colPanels, k),
    gemmPackingB: (ap, bp, cp, rowPanels, colPanels, k, bSrc, bLd, n, interleaved) =>
      pool.runPackingB(ap, bp, cp, rowPanels, colPanels, k, bSrc, bLd, n, interleaved),
  };
  const split = new WasmGemm(threaded, routing);
  const single = createWasmKernels(routing, flavour);
  return { kernels: single === null ? split : new BySize(single, split, options.minWork), pool };
}

/**
 * Sends each product (and each convolution, by the size of its per-sample products) to `split`,
 * the threaded kernels, when it has at least `minWork` multiply-adds, else to `single`. The
 * threads would run the small ones on the calling thread anyway (pool.ts); here they run on a
 * memory that is not shared, which V8 runs faster. Pooling never splits: always `single`.
 */
class BySize implements Kernels {
  readonly conv: ConvKernels;
  readonly pool: PoolKernels | undefined;

  constructor(
    private readonly single: Kernels,
    private readonly split: Kernels,
    private readonly minWork: number,
  ) {
    const singleConv = single.conv!;
    const splitConv = split.conv!;
    this.pool = single.pool;
    this.conv = {
      forward: (x, kernel, bias, y, rows, g) =>
        (convWork(g) < minWork ? singleConv : splitConv).forward(x, kernel, bias, y, rows, g),
      backward: (x, kernel, dy, dW, db, dx, rows, g) =>
        (convWork(g) < minWork ? singleConv : splitConv).backward(x, kernel, dy, dW, db, dx, rows, g),
    };
  }

  gemmNN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.minWork) this.single.gemmNN(M, N, K, A, B, C, accumulate);
    else this.split.gemmNN(M, N, K, A, B, C, accumulate);
  }

  gemmTN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.minWork) this.single.gemmTN(M, N, K, A, B, C, accumulate);
    else this.split.gemmTN(M, N, K, A, B, C, accumulate);
  }

  gemmNT(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.minWork) this.single.gemmNT(M, N, K, A, B, C, accumulate);
    else this.split.gemmNT(M, N, K, A, B, C, accumulate);
  }
}

/** Multiply-adds of one sample's product in a convolution: filters × taps × output positions (the same for its backward products). */
function convWork(g: ConvGeometry): number {
  return g.F * g.C * g.KH * g.KW * g.OH * g.OW;
}

class WasmGemm implements Kernels {
  private readonly arena: WasmArena;
  readonly conv: ConvKernels;
  readonly pool: PoolKernels;

  private readonly kernel: GemmExport;
  private readonly kernelPackingB: GemmPackingBExport | null;
  private readonly pack: PackExports;
  private readonly views: HeapViews;

  constructor(
    module: GemmModule & PackExports,
    private readonly routing: WasmRouting,
  ) {
    this.kernel = module.gemm;
    this.kernelPackingB = module.gemmPackingB ?? null;
    this.pack = module;
    this.arena = new WasmArena(module.memory);
    this.views = new HeapViews(this.arena);
    this.conv = new WasmConv(this.arena, module);
    this.pool = new WasmPool(this.arena, module.maxPool2x2);
  }

  // Each variant calls the JS functions directly (not through jsKernels): one dispatch less keeps
  // V8's optimised training step free of boxed numbers (test/engine/allocation.test.ts).
  gemmNN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.routing.smallWork) gemmSmall(M, N, K, A, K, 1, B, N, 1, C, accumulate);
    else if (this.isNarrow(N, K)) gemmPacked(M, N, K, A, true, B, false, C, accumulate);
    else this.product(M, N, K, A, true, B, false, C, accumulate);
  }

  gemmTN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.routing.smallWork) gemmSmall(M, N, K, A, 1, M, B, N, 1, C, accumulate);
    else if (this.isNarrow(N, K)) gemmPacked(M, N, K, A, false, B, false, C, accumulate);
    else this.product(M, N, K, A, false, B, false, C, accumulate);
  }

  gemmNT(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void {
    if (M * N * K < this.routing.smallWork) gemmSmall(M, N, K, A, K, 1, B, 1, K, C, accumulate);
    else if (this.isNarrow(N, K)) gemmPacked(M, N, K, A, true, B, true, C, accumulate);
    else this.product(M, N, K, A, true, B, true, C, accumulate);
  }

  private isNarrow(N: number, K: number): boolean {
    return N < this.routing.narrow || K < this.routing.narrow;
  }

  /**
   * C (+)= op(A)·op(B). `aRows`: A is stored [M×K] (else [K×M]); `bRows`: B is stored [N×K]
   * (else [K×N]). Memory layout, in floats: the padded product Cp at 0 (so the dense result
   * that leaves it is always at 0), the panels Ap and Bp, then the copies of A, B and, when
   * accumulating, C. Operands much longer than the product reads (a view into a bigger buffer)
   * take the JS packing loops instead of being copied whole.
   */
  private product(
    M: number, N: number, K: number, A: Float32Array, aRows: boolean, B: Float32Array, bRows: boolean,
    C: Float32Array, accumulate: boolean,
  ): void {
    if (M <= 0 || N <= 0) return;
    if (K <= 0) {
      if (!accumulate) C.fill(0, 0, M * N);
      return;
    }
    if (isOversized(A.length, M * K) || isOversized(B.length, K * N) || (accumulate && isOversized(C.length, M * N))) {
      this.productJsPacking(M, N, K, A, aRows, B, bRows, C, accumulate);
      return;
    }
    const rowPanels = (M + 3) >> 2;
    const colPanels = (N + 7) >> 3;
    const ldc = colPanels * 8;
    const ap = rowPanels * 4 * ldc;
    const bp = ap + rowPanels * 4 * K;
    const aCopy = bp + colPanels * 8 * K;
    const bCopy = aCopy + A.length + COPY_SLACK;
    const cCopy = bCopy + B.length + COPY_SLACK;
    this.arena.reserve(cCopy + (accumulate ? C.length : 0));
    const heap = this.arena.heap;
    const pack = this.pack;
    const profiled = stepProfile.on; // timing points: profile.ts
    if (profiled) stepProfile.stage(STAGE_PACK);
    heap.set(A, aCopy);
    heap.set(B, bCopy);
    if (aRows) pack.packInterleave(ap * 4, aCopy * 4, K * 4, M, K, 2);
    else pack.packContiguous(ap * 4, aCopy * 4, M * 4, M, K, 2);
    const packingB = this.kernelPackingB;
    if (packingB !== null) {
      // The threads pack B's column panels along with the product (profiled as the kernel).
      if (profiled) stepProfile.stage(STAGE_KERNEL);
      packingB(ap * 4, bp * 4, 0, rowPanels, colPanels, K, bCopy * 4, (bRows ? K : N) * 4, N, bRows);
    } else {
      if (bRows) pack.packInterleave(bp * 4, bCopy * 4, K * 4, N, K, 3);
      else pack.packContiguous(bp * 4, bCopy * 4, N * 4, N, K, 3);
      if (profiled) stepProfile.stage(STAGE_KERNEL);
      this.kernel(ap * 4, bp * 4, 0, rowPanels, colPanels, K);
    }
    if (profiled) stepProfile.stage(STAGE_WRITE_BACK);
    // The dense M×N result at 0: Cp itself when its rows are N long, else Cp compacted in place.
    if (accumulate) {
      heap.set(C, cCopy);
      pack.unpackRows(0, 0, ldc * 4, cCopy * 4, N * 4, 1, M, N);
    } else if (ldc !== N) {
      pack.unpackRows(0, 0, ldc * 4, 0, 0, 0, M, N);
    }
    C.set(this.views.get(0, M * N));
    if (profiled) stepProfile.stage(STAGE_SELF);
  }

  /** product() with the JS packing loops, for operands that are views into bigger buffers. */
  private productJsPacking(
    M: number, N: number, K: number, A: Float32Array, aRows: boolean, B: Float32Array, bRows: boolean,
    C: Float32Array, accumulate: boolean,
  ): void {
    const rowPanels = (M + 3) >> 2;
    const colPanels = (N + 7) >> 3;
    const bp = rowPanels * 4 * K;
    const cp = bp + colPanels * 8 * K;
    this.arena.reserve(cp + rowPanels * 4 * colPanels * 8);
    const heap = this.arena.heap;
    const profiled = stepProfile.on; // timing points: profile.ts
    if (profiled) stepProfile.stage(STAGE_PACK);
    if (aRows) packRowPanels(heap, 0, M, K, A, 0, K, 1);
    else packRowPanels(heap, 0, M, K, A, 0, 1, M);
    if (bRows) packColumnPanels(heap, bp, N, K, B, 0, 1, K);
    else packColumnPanels(heap, bp, N, K, B, 0, N, 1);
    if (profiled) stepProfile.stage(STAGE_KERNEL);
    this.kernel(0, bp * 4, cp * 4, rowPanels, colPanels, K);
    if (profiled) stepProfile.stage(STAGE_WRITE_BACK);
    if (accumulate) addInto(heap, cp, colPanels * 8, M, N, C);
    else copyInto(heap, cp, colPanels * 8, M, N, C);
    if (profiled) stepProfile.stage(STAGE_SELF);
  }
}

/** An operand is copied whole into the module's memory unless it is far longer than what the product reads. */
function isOversized(length: number, used: number): boolean {
  return length > 2 * used + 4096;
}
