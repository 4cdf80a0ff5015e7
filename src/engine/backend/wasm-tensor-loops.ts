/**
 * The layers' elementwise loops in WebAssembly SIMD (wasm/tensor-loops.wat), on the tensors a
 * model keeps in its arena (wasm-optim.ts): a layer whose tensors all live there runs these in
 * place instead of its JS loops in ops/, with the same float32 results. Addresses are the views'
 * byteOffsets, read per call (a property read, nothing allocated).
 */

import type { PoolGeometry } from '../ops/pool';

/** tensor-loops.wat's exports: byte addresses in the arena, element counts. */
export interface TensorLoopExports {
  maxPool2x2(dst: number, arg: number, src: number, planes: number, H: number, W: number, OH: number, OW: number): void;
  scatterAdd(dy: number, arg: number, dx: number, n: number): void;
  reluForward(x: number, y: number, n: number): void;
  reluBackward(x: number, dy: number, dx: number, n: number): void;
  addBiasRows(y: number, b: number, rows: number, n: number): void;
  addColumnSums(dy: number, db: number, rows: number, n: number): void;
}

export class TensorLoops {
  constructor(private readonly loops: TensorLoopExports) {}

  /** y = max(x, 0) over n elements (ops/activations.ts's relu). */
  reluForward(x: Float32Array, y: Float32Array, n: number): void {
    this.loops.reluForward(x.byteOffset, y.byteOffset, n);
  }

  /** dx += dy·[x > 0] over n elements, NaN x passing dy (ops/activations.ts's relu backward). */
  reluBackward(x: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void {
    this.loops.reluBackward(x.byteOffset, dy.byteOffset, dx.byteOffset, n);
  }

  /** y[i·n + j] += b[j] for the first `rows` rows of y. */
  addBiasRows(y: Float32Array, b: Float32Array, rows: number, n: number): void {
    this.loops.addBiasRows(y.byteOffset, b.byteOffset, rows, n);
  }

  /** db[j] += Σ_i dy[i·n + j] over `rows` rows, summed in float64 and rounded once. */
  addColumnSums(dy: Float32Array, db: Float32Array, rows: number, n: number): void {
    this.loops.addColumnSums(dy.byteOffset, db.byteOffset, rows, n);
  }

  /** 2×2 stride-2 max pooling of `rows` samples (ops/pool.ts's maxPool2x2Forward): y and each output's winner (index into x). */
  maxPool2x2(x: Float32Array, y: Float32Array, argmax: Int32Array, rows: number, g: PoolGeometry): void {
    this.loops.maxPool2x2(y.byteOffset, argmax.byteOffset, x.byteOffset, rows * g.C, g.H, g.W, g.OH, g.OW);
  }

  /** dx[argmax[i]] += dy[i] for i < n (ops/pool.ts's maxPoolBackward). */
  scatterAdd(dy: Float32Array, argmax: Int32Array, dx: Float32Array, n: number): void {
    this.loops.scatterAdd(dy.byteOffset, argmax.byteOffset, dx.byteOffset, n);
  }
}
