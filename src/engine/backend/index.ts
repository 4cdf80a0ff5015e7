/** The active kernel backend. Ops call getKernels() once per call, outside their loops. */
import { jsKernels } from './js-gemm';
import type { Kernels } from './kernels';

export type { Kernels } from './kernels';
export { jsKernels } from './js-gemm';

let active: Kernels = jsKernels;

export function getKernels(): Kernels {
  return active;
}

/** Swap the backend (e.g. a WASM SIMD one once it has loaded). Affects every later op call. */
export function setKernels(k: Kernels): void {
  active = k;
}
