/**
 * Binary cross-entropy after a sigmoid, fused: computed from the sigmoid's input (the logits),
 * stable for large logits, with its gradient written straight into the logits' gradient.
 */
import { sigmoidBinaryCrossEntropy, sigmoidBinaryCrossEntropyBackward } from '../ops/losses';
import type { EngineNode } from './layer';
import { LogitsLoss } from './loss-factory';

export class SigmoidBinaryCrossEntropyLoss extends LogitsLoss {
  computeLoss(rows: number): void {
    sigmoidBinaryCrossEntropy(this.logits.output, this.targets, this.prediction.output, rows, this.node.size, this.out);
  }
  backward(rows: number): void {
    sigmoidBinaryCrossEntropyBackward(this.logits.output, this.targets, this.logits.grad, rows, this.node.size);
  }
}

export const binaryCrossEntropy: EngineNode<'binaryCrossEntropy'> = {
  build: (node, p, ctx) => new SigmoidBinaryCrossEntropyLoss(node, p.target, ctx.maxBatch),
  fusedLoss: true,
};
