/** y = x + N(0, σ²) in training, y = x at evaluation; the gradient passes through unchanged. */
import { copyForward, gaussianNoiseForward, passBackward } from '../ops/dropout';
import type { Rng } from '../random';
import { Layer, type EngineNode, type RuntimeNode } from './layer';

export class GaussianNoiseLayer extends Layer {
  constructor(
    node: RuntimeNode,
    private readonly stddev: number,
    private readonly rng: Rng,
  ) {
    super(node);
  }
  forward(rows: number, training: boolean): void {
    const len = rows * this.node.size;
    const x = this.node.inputs[0].output;
    if (training && this.stddev > 0) gaussianNoiseForward(x, this.node.output, len, this.stddev, this.rng);
    else copyForward(x, this.node.output, len);
  }
  backward(rows: number): void {
    if (this.propagateToInputs) passBackward(this.node.grad, this.node.inputs[0].grad, rows * this.node.size);
  }
}

export const gaussianNoise: EngineNode<'gaussianNoise'> = {
  build: (node, p, ctx) => new GaussianNoiseLayer(node, p.stddev, ctx.rng),
};
