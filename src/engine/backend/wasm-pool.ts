/**
 * 2×2 max pooling on WebAssembly SIMD (PoolKernels; maxPool2x2 in wasm/gemm.wat): the batch is
 * copied into the module's memory with one memcpy, pooled four windows at a time without
 * data-dependent branches, and y and the winners' indices leave with one memcpy each. The JS loop
 * (ops/pool.ts) branches on every comparison, which random activations mispredict about half the
 * time. Same winners as the JS loop, NaN and ties included (test/engine/ops/pool.test.ts).
 */
import type { PoolGeometry } from '../ops/pool';
import type { PoolKernels } from './kernels';
import type { WasmArena } from './wasm-arena';
import { HeapViews, type MaxPool2x2Export } from './wasm-pack';

export class WasmPool implements PoolKernels {
  private readonly views: HeapViews;

  constructor(
    private readonly arena: WasmArena,
    private readonly pool2x2: MaxPool2x2Export,
  ) {
    this.views = new HeapViews(arena);
  }

  maxPool2x2(x: Float32Array, y: Float32Array, argmax: Int32Array, rows: number, g: PoolGeometry): void {
    const outputs = rows * g.C * g.OH * g.OW;
    if (outputs <= 0) return;
    // Memory, in floats: [x][y][argmax]
    const yAt = x.length;
    const argAt = yAt + outputs;
    this.arena.reserve(argAt + outputs);
    this.arena.heap.set(x, 0);
    this.pool2x2(yAt * 4, argAt * 4, 0, rows * g.C, g.H, g.W, g.OH, g.OW);
    y.set(this.views.get(yAt, outputs));
    argmax.set(this.views.ints(argAt, outputs));
  }
}
