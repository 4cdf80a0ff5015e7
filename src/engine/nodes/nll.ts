/** NLL after a logSoftmax: −mean log p[label]. */
import { nll as nllValue, nllBackward } from '../ops/losses';
import type { EngineNode, RuntimeNode } from './layer';
import { BaseLoss, classTargetsOf } from './loss-factory';

export class NllLoss extends BaseLoss {
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, classTargetsOf(node), maxBatch);
  }
  computeLoss(rows: number): void {
    nllValue(this.prediction.output, this.targets, rows, this.node.size, this.out);
  }
  backward(rows: number): void {
    nllBackward(this.targets, this.prediction.grad, rows, this.node.size);
  }
}

export const nll: EngineNode<'nll'> = {
  build: (node, p, ctx) => new NllLoss(node, p.target, ctx.maxBatch),
};
