/**
 * The one small interface a faster backend (WASM SIMD, threads) can replace later.
 * All matrices are row-major Float32Arrays; sizes are explicit and nothing is allocated per call.
 * `accumulate`: false writes C, true adds into C (backward passes accumulate gradients).
 */
import type { ConvGeometry } from '../ops/im2col';
import type { PoolGeometry } from '../ops/pool';

export interface Kernels {
  /** C[M×N] = A[M×K]·B[K×N]   (accumulate: C += ...) */
  gemmNN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void;
  /** C[M×N] = Aᵀ·B where A is stored [K×M]   (the weight-gradient product dW = xᵀ·dy) */
  gemmTN(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void;
  /** C[M×N] = A·Bᵀ where B is stored [N×K]   (the input-gradient product dx = dy·Wᵀ) */
  gemmNT(M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, accumulate: boolean): void;
  /**
   * Whole-batch im2col convolutions, where the backend does better than im2col + the three
   * products per sample (the WebAssembly backends: im2col writes straight into the packed
   * operands, the weights are packed once per batch). Absent: the layer does it per sample.
   */
  readonly conv?: ConvKernels;
  /** Pooling where the backend does better than ops/pool.ts's loops (the WebAssembly backends). Absent: those loops. */
  readonly pool?: PoolKernels;
}

/** NCHW batches: x [rows × C·H·W], y and argmax [rows × C·OH·OW]. */
export interface PoolKernels {
  /** 2×2 max pooling with stride 2, the same results as ops/pool.ts's maxPool2x2Forward (argmax: index into x of each winner). */
  maxPool2x2(x: Float32Array, y: Float32Array, argmax: Int32Array, rows: number, g: PoolGeometry): void;
}

/** NCHW batches: x [rows × C·H·W], y and dy [rows × F·OH·OW], kernel [F × C·KH·KW]. */
export interface ConvKernels {
  /** y_n = W·im2col(x_n) + b for n < rows. */
  forward(x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, rows: number, g: ConvGeometry): void;
  /** dW += Σ_n dy_n·im2col(x_n)ᵀ, db += row sums of dy_n, and (dx not null) dx_n += col2im(Wᵀ·dy_n). */
  backward(
    x: Float32Array, kernel: Float32Array, dy: Float32Array,
    dW: Float32Array, db: Float32Array | null, dx: Float32Array | null, rows: number, g: ConvGeometry,
  ): void;
}
