/** The WebAssembly GEMM module's memory as floats, grown on demand; the GEMM and the convolutions share it. */

const PAGE_BYTES = 65_536;

/** gemm(ap, bp, cp, rowPanels, colPanels, k) of wasm/gemm.wat: byte offsets, panel counts, depth. */
export type GemmExport = (ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number) => void;
/** packTapRows(bp, xp, tab, k, colPanels) of wasm/gemm.wat (byte offsets). */
export type PackTapRowsExport = (bp: number, xp: number, tab: number, k: number, colPanels: number) => void;
/** packTapColumns(bp, xp, tab, k, n, lanesLog2) of wasm/gemm.wat (byte offsets; runs of n floats; panels of 2^lanesLog2 lanes). */
export type PackTapColumnsExport = (bp: number, xp: number, tab: number, k: number, n: number, lanesLog2: number) => void;
/** addTapRows(dxp, cp, ldc, tab, k, n) of wasm/gemm.wat (byte offsets and row stride; n floats per row). */
export type AddTapRowsExport = (dxp: number, cp: number, ldc: number, tab: number, k: number, n: number) => void;

/** gemmColumns(ap, bp, cp, rowPanels, colPanels, k, ldc) of wasm/gemm.wat: gemm on a column slice of a Cp with rows ldc bytes apart. */
export type GemmColumnsExport = (ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number, ldc: number) => void;

/**
 * Packs B (copied at bSrc: K × N row-major with rows bLd bytes apart, or N × K when interleaved)
 * into column panels at bp, then runs gemm(ap, bp, cp, rowPanels, colPanels, k): the kernel
 * threads share out both (threads/pool.ts runPackingB). Absent on one thread.
 */
export type GemmPackingBExport = (
  ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number, bSrc: number, bLd: number, n: number, interleaved: boolean,
) => void;

/** The module's exports. */
export interface GemmModule {
  memory: WasmMemory;
  gemm: GemmExport;
  gemmColumns: GemmColumnsExport;
  /** Set by the threaded kernels (not a module export). */
  gemmPackingB?: GemmPackingBExport;
  packTapRows: PackTapRowsExport;
  packTapColumns: PackTapColumnsExport;
  addTapRows: AddTapRowsExport;
}

/** The slice of the WebAssembly JS API used here (the Node type config has no DOM lib to name it). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

export class WasmArena {
  /** All of the memory as floats; re-made only when the memory grows (warm-up, at the largest product). */
  heap: Float32Array;
  /** The same memory as 32-bit integers (offset tables). */
  ints: Int32Array;

  constructor(private readonly memory: WasmMemory) {
    this.heap = new Float32Array(memory.buffer);
    this.ints = new Int32Array(memory.buffer);
  }

  /**
   * Grows the memory to hold `floats` floats; only then is the view made again. (A shared
   * memory, for the kernel threads, does not detach the old buffer when it grows: its `buffer`
   * is a new SharedArrayBuffer after each growth, so the views must be re-made all the same.)
   */
  reserve(floats: number): void {
    const bytes = floats * 4;
    const have = this.heap.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
    this.heap = new Float32Array(this.memory.buffer);
    this.ints = new Int32Array(this.memory.buffer);
  }
}
