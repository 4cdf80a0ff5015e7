import type { NodeParams } from '../../shared/nodes';
import { squaredError, squaredErrorBackward } from '../ops/losses';
import type { EngineNode, RuntimeNode } from './layer';
import { BaseLoss, classTargetsOf, type ClassTargets } from './loss-factory';

/** Squared error with its reduction (mean, as PyTorch, or sum) and scale (½ for the lectures' ½(y − ŷ)²). */
export class SquaredErrorLoss extends BaseLoss {
  constructor(
    node: RuntimeNode,
    targetSource: 'labels' | 'input',
    classTargets: ClassTargets,
    maxBatch: number,
    readonly reduction: 'mean' | 'sum',
    readonly scale: number,
  ) {
    super(node, targetSource, classTargets, maxBatch);
  }
  computeLoss(rows: number): void {
    squaredError(this.prediction.output, this.targets, rows, this.node.size, this.reduction, this.scale, this.out);
  }
  backward(rows: number): void {
    squaredErrorBackward(this.prediction.output, this.targets, this.prediction.grad, rows, this.node.size, this.reduction, this.scale);
  }
}

export const mse: EngineNode<'mse'> = {
  build: (node, p: NodeParams<'mse'>, ctx) => new SquaredErrorLoss(node, p.target, classTargetsOf(node), ctx.maxBatch, p.reduction, p.scale),
};
