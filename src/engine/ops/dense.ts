/**
 * Dense (fully connected) layer: y = x·W + b, with x [n×inF], W [inF×outF] (row-major,
 * PyTorch's weight transposed), b [outF], y [n×outF]. The products go through the active
 * kernel backend; only the bias loops live here.
 */
import { arenaLoopsInWasm, getKernels } from '../backend';
import type { TensorLoops } from '../backend/wasm-tensor-loops';

/**
 * y = x·W + b (b may be null: no bias). Overwrites y. `loops`: the SIMD loops of the arena y and
 * b live in (backend/wasm-optim.ts), which then add the bias; the results are the same.
 */
export function denseForward(
  x: Float32Array, W: Float32Array, b: Float32Array | null, y: Float32Array,
  n: number, inF: number, outF: number, loops: TensorLoops | null = null,
): void {
  getKernels().gemmNN(n, outF, inF, x, W, y, false);
  if (b === null) return;
  if (loops !== null && arenaLoopsInWasm()) {
    loops.addBiasRows(y, b, n, outF);
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = i * outF;
    for (let j = 0; j < outF; j++) y[row + j] += b[j];
  }
}

/**
 * Accumulates (+=) the gradients of a dense layer given dy = ∂L/∂y:
 *   dW += xᵀ·dy,   db += column sums of dy,   dx += dy·Wᵀ.
 * dx = null skips the input gradient (first layer: nothing upstream needs it); db = null when
 * the layer has no bias. `loops`: as for denseForward, with dy and db in the arena (db's sums).
 * `overwriteDW`: dW = xᵀ·dy instead of +=, when nothing else contributes to dW (Layer.overwrittenGrads).
 */
export function denseBackward(
  x: Float32Array, W: Float32Array, dy: Float32Array,
  dx: Float32Array | null, dW: Float32Array, db: Float32Array | null,
  n: number, inF: number, outF: number, loops: TensorLoops | null = null, overwriteDW = false,
): void {
  const k = getKernels();
  k.gemmTN(inF, outF, n, x, dy, dW, !overwriteDW);
  if (db !== null && loops !== null && arenaLoopsInWasm()) loops.addColumnSums(dy, db, n, outF);
  else if (db !== null) {
    // Column by column so each sum runs in a float64 local (one rounding per bias).
    for (let j = 0; j < outF; j++) {
      let s = 0;
      for (let i = 0, p = j; i < n; i++, p += outF) s += dy[p];
      db[j] += s;
    }
  }
  if (dx !== null) k.gemmNT(n, inF, outF, dy, W, dx, true);
}
