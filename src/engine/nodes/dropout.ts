/** Inverted dropout (ops/dropout.ts): a fresh mask each training step, a copy at evaluation. */
import { copyForward, dropoutBackward, dropoutForward, fillDropoutMask, passBackward } from '../ops/dropout';
import type { Rng } from '../random';
import { Layer, type EngineNode, type RuntimeNode } from './layer';

export class DropoutLayer extends Layer {
  readonly mask: Float32Array;
  /** Whether the last forward applied the mask (training) or copied (evaluation). */
  private masked = false;
  constructor(
    node: RuntimeNode,
    private readonly rate: number,
    private readonly rng: Rng,
    maxBatch: number,
  ) {
    super(node);
    this.mask = new Float32Array(maxBatch * node.size);
  }
  forward(rows: number, training: boolean): void {
    const len = rows * this.node.size;
    const x = this.node.inputs[0].output;
    this.masked = training && this.rate > 0;
    if (!this.masked) return copyForward(x, this.node.output, len);
    fillDropoutMask(this.mask, len, this.rate, this.rng);
    dropoutForward(x, this.mask, this.node.output, len);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const len = rows * this.node.size;
    if (this.masked) dropoutBackward(this.node.grad, this.mask, this.node.inputs[0].grad, len);
    else passBackward(this.node.grad, this.node.inputs[0].grad, len);
  }
}

export const dropout: EngineNode<'dropout'> = {
  build: (node, p, ctx) => new DropoutLayer(node, p.rate, ctx.rng, ctx.maxBatch),
};
