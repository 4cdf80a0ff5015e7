/**
 * Cross-entropy after a softmax, fused: computed from the softmax's input (the logits), which is
 * exact and numerically stable, with its gradient written straight into the logits' gradient.
 * The user still sees both nodes.
 */
import { softmaxCrossEntropy, softmaxCrossEntropyBackward } from '../ops/losses';
import type { EngineNode, RuntimeNode } from './layer';
import { BaseLoss, classTargetsOf } from './loss-factory';

export class SoftmaxCrossEntropyLoss extends BaseLoss {
  private readonly logits: RuntimeNode;
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, classTargetsOf(node), maxBatch);
    this.logits = this.prediction.inputs[0];
  }
  computeLoss(rows: number): number {
    return softmaxCrossEntropy(this.logits.output, this.targets, this.prediction.output, rows, this.node.size);
  }
  backward(rows: number): void {
    softmaxCrossEntropyBackward(this.prediction.output, this.targets, this.logits.grad, rows, this.node.size);
  }
}

export const crossEntropy: EngineNode<'crossEntropy'> = {
  build: (node, p, ctx) => new SoftmaxCrossEntropyLoss(node, p.target, ctx.maxBatch),
  fusedLoss: true,
};
