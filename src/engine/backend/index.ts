/**
 * The active kernel backend. Ops call getKernels() once per call, outside their loops.
 * WebAssembly SIMD (wasm-gemm.ts) where the runtime has it, else the pure-JS kernels.
 */
import { jsKernels } from './js-gemm';
import type { Kernels } from './kernels';
import { createWasmKernels } from './wasm-gemm';

export type { Kernels } from './kernels';
export { jsKernels } from './js-gemm';

export type KernelsName = 'wasm' | 'js';

const wasmKernels = createWasmKernels();
let active: Kernels = wasmKernels ?? jsKernels;

export function getKernels(): Kernels {
  return active;
}

/** Which backend is active: 'wasm' (WebAssembly SIMD) or 'js'. */
export function kernelsName(): KernelsName {
  return active === wasmKernels ? 'wasm' : 'js';
}

/** Whether this runtime can run the WebAssembly SIMD kernels. */
export function wasmKernelsAvailable(): boolean {
  return wasmKernels !== null;
}

/** Swap the backend (benchmarks, tests). Affects every later op call. */
export function setKernels(k: Kernels | KernelsName): void {
  if (k === 'wasm') {
    if (!wasmKernels) throw new Error('WebAssembly SIMD is not available in this runtime');
    active = wasmKernels;
  } else active = k === 'js' ? jsKernels : k;
}
