/**
 * The active kernel backend. Ops call getKernels() once per call, outside their loops.
 * Chosen by feature detection at start: WebAssembly relaxed SIMD (fused multiply-add) where the
 * runtime has it, else portable WebAssembly SIMD (wasm-gemm.ts), else the pure-JS kernels.
 */
import { jsKernels } from './js-gemm';
import type { Kernels } from './kernels';
import { createWasmKernels } from './wasm-gemm';

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

export function getKernels(): Kernels {
  return active;
}

/** Which backend is active. */
export function kernelsName(): KernelsName {
  return KERNELS_NAMES.find((name) => byName[name] === active) ?? 'js';
}

/** Whether this runtime can run the given kernels (portable WebAssembly SIMD by default). */
export function wasmKernelsAvailable(name: KernelsName = 'wasm'): boolean {
  return byName[name] !== null;
}

/** Swap the backend (benchmarks, tests). Affects every later op call. */
export function setKernels(k: Kernels | KernelsName): void {
  if (typeof k !== 'string') {
    active = k;
    return;
  }
  const chosen = byName[k];
  if (!chosen) throw new Error(k === 'wasm-relaxed' ? 'WebAssembly relaxed SIMD is not available in this runtime' : 'WebAssembly SIMD is not available in this runtime');
  active = chosen;
}
