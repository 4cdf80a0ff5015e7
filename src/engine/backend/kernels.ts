/**
 * The one small interface a faster backend (WASM SIMD, threads) can replace later.
 * All matrices are row-major Float32Arrays; sizes are explicit and nothing is allocated per call.
 * `accumulate`: false writes C, true adds into C (backward passes accumulate gradients).
 */
export interface Kernels {
  /** C[M×N] = A[M×K]·B[K×N]   (accumulate: C += ...) */
  gemmNN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void;
  /** C[M×N] = Aᵀ·B where A is stored [K×M]   (the weight-gradient product dW = xᵀ·dy) */
  gemmTN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void;
  /** C[M×N] = A·Bᵀ where B is stored [N×K]   (the input-gradient product dx = dy·Wᵀ) */
  gemmNT(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void;
}
