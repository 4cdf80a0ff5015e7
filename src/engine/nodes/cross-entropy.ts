/**
 * Cross-entropy after a softmax, fused: computed from the softmax's input (the logits), which is
 * exact and numerically stable, with its gradient written straight into the logits' gradient.
 * The user still sees both nodes.
 */
import { softmaxCrossEntropy, softmaxCrossEntropyBackward } from '../ops/losses';
import type { EngineNode } from './layer';
import { LogitsLoss } from './loss-factory';

export class SoftmaxCrossEntropyLoss extends LogitsLoss {
  computeLoss(rows: number): void {
    softmaxCrossEntropy(this.logits.output, this.targets, this.prediction.output, rows, this.node.size, this.out);
  }
  backward(rows: number): void {
    softmaxCrossEntropyBackward(this.prediction.output, this.targets, this.logits.grad, rows, this.node.size);
  }
}

export const crossEntropy: EngineNode<'crossEntropy'> = {
  build: (node, p, ctx) => new SoftmaxCrossEntropyLoss(node, p.target, ctx.maxBatch),
  fusedLoss: true,
};
