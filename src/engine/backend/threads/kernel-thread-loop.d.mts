/** Types of kernel-thread-loop.mjs (plain JavaScript, so the worker entries need no TypeScript tooling). */
export const SEQ: number;
export const NEXT: number;
export const FINISHED: number;
export const STOP: number;
export const FAILED: number;
export const AP: number;
export const BP: number;
export const CP: number;
export const ROW_PANELS: number;
export const COL_PANELS: number;
export const DEPTH: number;
export const CHUNK: number;
export const CHUNKS: number;
export const KIND: number;
export const B_SRC: number;
export const B_LD: number;
export const B_N: number;
export const B_INTERLEAVED: number;
export const READY: number;
export const ROWS: number;
export const COLUMNS: number;
export const MAX_THREADS: number;
export const MESSAGE: number;
export const MESSAGE_CHARS: number;
export const CONTROL_INTS: number;

export type GemmFunction = (ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number) => void;

/** The exports of gemm.wat a thread runs chunks with (byte offsets, counts, depth, strides). */
export interface ChunkKernels {
  gemm: GemmFunction;
  gemmColumns(ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number, ldc: number): void;
  packContiguous(dst: number, src: number, ld: number, vectors: number, k: number, lanesLog2: number): void;
  packInterleave(dst: number, src: number, ld: number, vectors: number, k: number, lanesLog2: number): void;
}

export function runChunks(kernels: ChunkKernels, ctl: Int32Array, part: number): number;
export function recordFailure(ctl: Int32Array, part: number, error: unknown): void;

/** What a kernel thread is started with (all of it structured-cloneable). */
export interface KernelThreadInit {
  /** The compiled shared-memory GEMM module (WebAssembly.Module). */
  module: object;
  /** The one WebAssembly.Memory({shared: true}) every thread instantiates the module with. */
  memory: object;
  control: SharedArrayBuffer;
  /** This thread's index (1…threads − 1; the caller is 0), named in failure reports. */
  part: number;
  /** How long to spin on the job number before sleeping in Atomics.wait. */
  spinMicros: number;
}

export function runKernelThread(init: KernelThreadInit): void;
