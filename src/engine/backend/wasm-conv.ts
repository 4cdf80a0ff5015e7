/**
 * im2col convolutions on the WebAssembly GEMM kernel (ConvKernels). Compared with im2col + the
 * three generic products per sample, nothing is copied twice: im2col writes each value straight
 * into its place in the packed operand (ops/im2col.ts), the weights are packed once per batch
 * instead of once per sample, the bias is added while the product is copied out, and col2im
 * reads the input-gradient product where the kernel left it. Per sample (its operands, ~100 KB
 * for a 16-channel 14×14 layer, stay in L2):
 *   forward   Cp = W·cols_n           A: W rows (packed once)    B: cols as 8-position panels
 *             y_n = Cp + b
 *   weights   Cp = dy_n·cols_nᵀ       A: dy_n rows               B: cols as 8-tap panels
 *             dW += Cp,  db += row sums of dy_n
 *   inputs    Cp = Wᵀ·dy_n            A: Wᵀ rows (packed once)   B: dy_n as 8-position panels
 *             dx_n += col2im(Cp)
 * Sums run in float32 inside the kernel, as for every WebAssembly product.
 */
import { col2im, im2colPositionPanels, im2colTapPanels, type ConvGeometry } from '../ops/im2col';
import type { ConvKernels } from './kernels';
import type { GemmExport, WasmArena } from './wasm-arena';
import { addInto, packColumnPanels, packRowPanels } from './wasm-pack';

export class WasmConv implements ConvKernels {
  constructor(
    private readonly arena: WasmArena,
    private readonly gemm: GemmExport,
  ) {}

  forward(x: Float32Array, kernel: Float32Array, bias: Float32Array | null, y: Float32Array, rows: number, g: ConvGeometry): void {
    const F = g.F, K = g.C * g.KH * g.KW, P = g.OH * g.OW;
    const inSize = g.C * g.H * g.W;
    const rowPanels = (F + 3) >> 2;
    const colPanels = (P + 7) >> 3;
    const ldc = colPanels * 8;
    // Memory, in floats: [W panels][cols panels][product]
    const ap = 0;
    const bp = rowPanels * 4 * K;
    const cp = bp + ldc * K;
    this.arena.reserve(cp + rowPanels * 4 * ldc);
    const heap = this.arena.heap;
    packRowPanels(heap, ap, F, K, kernel, 0, K, 1);
    heap.fill(0, bp, cp); // the last panel's lanes past P stay 0: im2col writes only p < P
    for (let n = 0; n < rows; n++) {
      im2colPositionPanels(x, n * inSize, g, heap, bp);
      this.gemm(ap * 4, bp * 4, cp * 4, rowPanels, colPanels, K);
      writeWithBias(heap, cp, ldc, F, P, bias, y, n * F * P);
    }
  }

  backward(
    x: Float32Array, kernel: Float32Array, dy: Float32Array,
    dW: Float32Array, db: Float32Array | null, dx: Float32Array | null, rows: number, g: ConvGeometry,
  ): void {
    const F = g.F, K = g.C * g.KH * g.KW, P = g.OH * g.OW;
    const inSize = g.C * g.H * g.W;
    const filterPanels = (F + 3) >> 2; // rows of dW
    const tapPanels = (K + 7) >> 3; // columns of dW
    const tapRowPanels = (K + 3) >> 2; // rows of dcols
    const positionPanels = (P + 7) >> 3; // columns of dcols
    // Memory, in floats: weights product [dy rows][cols tap panels][dW part], then the
    // input-gradient product [Wᵀ rows][dy position panels][dcols].
    const a1 = 0;
    const b1 = a1 + filterPanels * 4 * P;
    const c1 = b1 + tapPanels * 8 * P;
    const a2 = c1 + filterPanels * 4 * tapPanels * 8;
    const b2 = a2 + tapRowPanels * 4 * F;
    const c2 = b2 + positionPanels * 8 * F;
    this.arena.reserve(c2 + tapRowPanels * 4 * positionPanels * 8);
    const heap = this.arena.heap;
    heap.fill(0, b1, c1); // the last tap panel's lanes past K stay 0: im2col writes only t < K
    if (dx !== null) packRowPanels(heap, a2, K, F, kernel, 0, 1, K);
    for (let n = 0; n < rows; n++) {
      const yOff = n * F * P;
      packRowPanels(heap, a1, F, P, dy, yOff, P, 1);
      im2colTapPanels(x, n * inSize, g, heap, b1);
      this.gemm(a1 * 4, b1 * 4, c1 * 4, filterPanels, tapPanels, P);
      addInto(heap, c1, tapPanels * 8, F, K, dW);
      if (db !== null) addRowSums(dy, yOff, F, P, db);
      if (dx === null) continue;
      packColumnPanels(heap, b2, P, F, dy, yOff, P, 1);
      this.gemm(a2 * 4, b2 * 4, c2 * 4, tapRowPanels, positionPanels, F);
      col2im(heap, g, dx, n * inSize, c2, positionPanels * 8);
    }
  }
}

/** y[yOff + f·P + p] = heap[at + f·ldc + p] + bias[f]. */
function writeWithBias(heap: Float32Array, at: number, ldc: number, F: number, P: number, bias: Float32Array | null, y: Float32Array, yOff: number): void {
  for (let f = 0; f < F; f++) {
    const b = bias === null ? 0 : bias[f];
    for (let p = 0, src = at + f * ldc, dst = yOff + f * P; p < P; p++) y[dst + p] = heap[src + p] + b;
  }
}

/** db[f] += Σ_p dy[from + f·P + p]. */
function addRowSums(dy: Float32Array, from: number, F: number, P: number, db: Float32Array): void {
  for (let f = 0; f < F; f++) {
    let s = 0;
    for (let p = from + f * P, end = p + P; p < end; p++) s += dy[p];
    db[f] += s;
  }
}
