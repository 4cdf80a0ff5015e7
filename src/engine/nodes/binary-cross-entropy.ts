/**
 * Binary cross-entropy after a sigmoid, fused: computed from the sigmoid's input (the logits),
 * stable for large logits, with its gradient written straight into the logits' gradient.
 */
import { sigmoidBinaryCrossEntropy, sigmoidBinaryCrossEntropyBackward } from '../ops/losses';
import type { EngineNode, RuntimeNode } from './layer';
import { BaseLoss, classTargetsOf } from './loss-factory';

export class SigmoidBinaryCrossEntropyLoss extends BaseLoss {
  private readonly logits: RuntimeNode;
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, classTargetsOf(node), maxBatch);
    this.logits = this.prediction.inputs[0];
  }
  computeLoss(rows: number): number {
    return sigmoidBinaryCrossEntropy(this.logits.output, this.targets, this.prediction.output, rows, this.node.size);
  }
  backward(rows: number): void {
    sigmoidBinaryCrossEntropyBackward(this.logits.output, this.targets, this.logits.grad, rows, this.node.size);
  }
}

export const binaryCrossEntropy: EngineNode<'binaryCrossEntropy'> = {
  build: (node, p, ctx) => new SigmoidBinaryCrossEntropyLoss(node, p.target, ctx.maxBatch),
  fusedLoss: true,
};
