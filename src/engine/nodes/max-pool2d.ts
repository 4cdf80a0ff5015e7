/** MaxPool2D (ops/pool.ts): keeps each window's argmax for the backward pass. */
import { poolStride } from '../../shared/nodes/pool-factory';
import { arenaLoopsInWasm, getKernels } from '../backend';
import { tensorLoopsOf } from '../backend/wasm-optim';
import type { TensorLoops } from '../backend/wasm-tensor-loops';
import { maxPool2x2Forward, maxPoolBackward, maxPoolForward, type PoolGeometry } from '../ops/pool';
import { Layer, type BuildContext, type EngineNode, type RuntimeNode } from './layer';
import { poolGeometry } from './pool-factory';

export class MaxPoolLayer extends Layer {
  readonly geometry: PoolGeometry;
  /** Flat input index (within the batch) of each output's winner. */
  readonly argmax: Int32Array;
  private readonly twoByTwo: boolean;
  /** The arena's loops, when the winners and the input's and this node's tensors all live there: pooling in place. */
  private readonly loops: TensorLoops | null;
  constructor(node: RuntimeNode, size: number, stride: number, ctx: BuildContext) {
    super(node);
    this.geometry = poolGeometry(node, size, stride);
    const winners = ctx.tensor(ctx.maxBatch * node.size); // int32s in float-sized slots
    this.argmax = new Int32Array(winners.buffer, winners.byteOffset, winners.length);
    this.twoByTwo = size === 2 && stride === 2;
    const src = node.inputs[0];
    this.loops = tensorLoopsOf([src.output, src.grad, node.output, node.grad, this.argmax]);
  }
  forward(rows: number): void {
    const x = this.node.inputs[0].output;
    if (this.twoByTwo) {
      const pool = getKernels().pool; // WebAssembly SIMD where the backend has it
      if (this.loops !== null && arenaLoopsInWasm()) this.loops.maxPool2x2(x, this.node.output, this.argmax, rows, this.geometry);
      else if (pool !== undefined) pool.maxPool2x2(x, this.node.output, this.argmax, rows, this.geometry);
      else maxPool2x2Forward(x, this.node.output, this.argmax, rows, this.geometry);
    } else maxPoolForward(x, this.node.output, this.argmax, rows, this.geometry);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const dx = this.node.inputs[0].grad;
    if (this.loops !== null && arenaLoopsInWasm()) this.loops.scatterAdd(this.node.grad, this.argmax, dx, rows * this.node.size);
    else maxPoolBackward(this.node.grad, this.argmax, dx, rows, this.geometry);
  }
}

export const maxPool2d: EngineNode<'maxPool2d'> = {
  build: (node, p, ctx) => new MaxPoolLayer(node, p.poolSize, poolStride(p), ctx),
  extraTensor: true,
};
