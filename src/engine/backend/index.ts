/**
 * The active kernel backend. Ops call getKernels() once per call, outside their loops.
 * Chosen by feature detection at start: WebAssembly relaxed SIMD (fused multiply-add) where the
 * runtime has it, else portable WebAssembly SIMD (wasm-gemm.ts), else the pure-JS kernels.
 * The WebAssembly backends can split their products across threads (setKernelThreads), once
 * the platform's entry has installed a way to start them (setKernelThreadSpawner).
 */
import { jsKernels } from './js-gemm';
import type { Kernels } from './kernels';
import { DEFAULT_THREAD_OPTIONS, type KernelThreadOptions, type KernelThreadPool } from './threads/pool';
import type { KernelThreadSpawner } from './threads/spawner';
import { createThreadedWasmKernels, createWasmKernels } from './wasm-gemm';

export type { Kernels } from './kernels';
export { jsKernels } from './js-gemm';

/** 'wasm-relaxed' (relaxed SIMD, fused multiply-add), 'wasm' (portable SIMD) or 'js'. */
export type KernelsName = 'wasm-relaxed' | 'wasm' | 'js';
export const KERNELS_NAMES: readonly KernelsName[] = ['wasm-relaxed', 'wasm', 'js'];

const byName: Record<KernelsName, Kernels | null> = {
  'wasm-relaxed': createWasmKernels(undefined, 'relaxed'),
  wasm: createWasmKernels(undefined, 'simd'),
  js: jsKernels,
};
let active: Kernels = byName['wasm-relaxed'] ?? byName.wasm ?? jsKernels;
/** The name of `active` (a threaded variant is not in byName). */
let activeName: KernelsName | null = byName['wasm-relaxed'] ? 'wasm-relaxed' : byName.wasm ? 'wasm' : 'js';
/** Threads asked for, and the pool of the active threaded kernels (null: one thread). */
let requestedThreads = 1;
let pool: KernelThreadPool | null = null;
/** How the threads split and wait (setKernelThreads). */
let threadOptions: KernelThreadOptions = DEFAULT_THREAD_OPTIONS;
let spawner: KernelThreadSpawner | null = null;

export function getKernels(): Kernels {
  return active;
}

/** Which backend is active. */
export function kernelsName(): KernelsName {
  return activeName ?? KERNELS_NAMES.find((name) => byName[name] === active) ?? 'js';
}

/**
 * Whether the loops that run on a model's WebAssembly arena (backend/wasm-optim.ts: optimisers
 * updating params, layers' elementwise loops over activations) run there with SIMD: yes unless
 * the JS kernels were chosen (`--kernels js`), which keeps the whole step in JS loops.
 */
export function arenaLoopsInWasm(): boolean {
  return active !== jsKernels;
}

/** Whether this runtime can run the given kernels (portable WebAssembly SIMD by default). */
export function wasmKernelsAvailable(name: KernelsName = 'wasm'): boolean {
  return byName[name] !== null;
}

/** Swap the backend (benchmarks, tests). Affects every later op call. */
export function setKernels(k: Kernels | KernelsName): void {
  if (typeof k !== 'string') {
    stopThreads();
    active = k;
    activeName = null;
    return;
  }
  const chosen = byName[k];
  if (!chosen) throw new Error(k === 'wasm-relaxed' ? 'WebAssembly relaxed SIMD is not available in this runtime' : 'WebAssembly SIMD is not available in this runtime');
  stopThreads();
  active = chosen;
  activeName = k;
  startThreads();
}

/**
 * How the platform starts kernel threads (worker_threads in Node, Web Workers in a browser):
 * installed once by each entry (the CLI, the engine utility process, the web build's worker).
 */
export function setKernelThreadSpawner(s: KernelThreadSpawner | null): void {
  spawner = s;
}

/**
 * Splits the WebAssembly kernels' products across `n` threads (1: the calling thread only).
 * Returns how many threads the kernels actually use: 1 where threads are unavailable (no
 * spawner installed, no SharedArrayBuffer because the page is not cross-origin isolated, or the
 * JS kernels are active), which is a silent fall-back, not an error. `options`: which products
 * are split and how the threads wait (tests lower `minWork` to split small products too).
 */
export function setKernelThreads(n: number, options: KernelThreadOptions = DEFAULT_THREAD_OPTIONS): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`threads must be a whole number ≥ 1 (got ${n})`);
  requestedThreads = n;
  threadOptions = options;
  stopThreads();
  if (activeName !== null) active = byName[activeName] ?? active;
  startThreads();
  return kernelThreads();
}

/** How many threads the active kernels use. */
export function kernelThreads(): number {
  return pool?.threads ?? 1;
}

/** The active kernels' thread pool, if threaded (tests wait for it to be ready). */
export function kernelThreadPool(): KernelThreadPool | null {
  return pool;
}

/** Stops the kernel threads (engine disposal); the kernels go on on the calling thread. */
export function stopKernelThreads(): void {
  setKernelThreads(1);
}

function startThreads(): void {
  if (requestedThreads < 2 || spawner === null || (activeName !== 'wasm' && activeName !== 'wasm-relaxed')) return;
  const threaded = createThreadedWasmKernels(requestedThreads, spawner, activeName === 'wasm-relaxed' ? 'relaxed' : 'simd', undefined, threadOptions);
  if (threaded === null) return;
  pool = threaded.pool;
  active = threaded.kernels;
}

function stopThreads(): void {
  pool?.dispose();
  pool = null;
}
