/** MaxPool2D (ops/pool.ts): keeps each window's argmax for the backward pass. */
import { poolStride } from '../../shared/nodes/pool-factory';
import { getKernels } from '../backend';
import { maxPool2x2Forward, maxPoolBackward, maxPoolForward, type PoolGeometry } from '../ops/pool';
import { Layer, type EngineNode, type RuntimeNode } from './layer';
import { poolGeometry } from './pool-factory';

export class MaxPoolLayer extends Layer {
  readonly geometry: PoolGeometry;
  /** Flat input index (within the batch) of each output's winner. */
  readonly argmax: Int32Array;
  private readonly twoByTwo: boolean;
  constructor(node: RuntimeNode, size: number, stride: number, maxBatch: number) {
    super(node);
    this.geometry = poolGeometry(node, size, stride);
    this.argmax = new Int32Array(maxBatch * node.size);
    this.twoByTwo = size === 2 && stride === 2;
  }
  forward(rows: number): void {
    const x = this.node.inputs[0].output;
    if (this.twoByTwo) {
      const pool = getKernels().pool; // WebAssembly SIMD where the backend has it
      if (pool !== undefined) pool.maxPool2x2(x, this.node.output, this.argmax, rows, this.geometry);
      else maxPool2x2Forward(x, this.node.output, this.argmax, rows, this.geometry);
    } else maxPoolForward(x, this.node.output, this.argmax, rows, this.geometry);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    maxPoolBackward(this.node.grad, this.argmax, this.node.inputs[0].grad, rows, this.geometry);
  }
}

export const maxPool2d: EngineNode<'maxPool2d'> = {
  build: (node, p, ctx) => new MaxPoolLayer(node, p.poolSize, poolStride(p), ctx.maxBatch),
};
