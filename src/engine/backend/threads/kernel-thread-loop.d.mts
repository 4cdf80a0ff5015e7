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
export const READY: number;
export const MAX_THREADS: number;
export const MESSAGE: number;
export const MESSAGE_CHARS: number;
export const CONTROL_INTS: number;

export type GemmFunction = (ap: number, bp: number, cp: number, rowPanels: number, colPanels: number, k: number) => void;

export function runChunks(gemm: GemmFunction, ctl: Int32Array, part: number): number;
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
