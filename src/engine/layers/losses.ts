/**
 * Loss layers. Softmax→cross-entropy and sigmoid→binary cross-entropy are fused: the loss
 * reads the logits (the activation's input) and writes its gradient straight into the
 * logits' gradient, which is exact and numerically stable; the user still sees both nodes.
 */
import {
  hinge,
  hingeBackward,
  mae,
  maeBackward,
  mse,
  mseBackward,
  nll,
  nllBackward,
  sigmoidBinaryCrossEntropy,
  sigmoidBinaryCrossEntropyBackward,
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
} from '../ops/losses';
import { LossLayer, type RuntimeNode } from './layer';

type ClassTargets = 'index' | 'binary' | 'signed';

abstract class BaseLoss extends LossLayer {
  readonly targets: Float32Array;
  readonly prediction: RuntimeNode;
  constructor(
    node: RuntimeNode,
    readonly targetSource: 'labels' | 'input',
    readonly classTargets: ClassTargets,
    maxBatch: number,
  ) {
    super(node);
    this.prediction = node.inputs[0];
    const perRow = classTargets === 'index' && targetSource === 'labels' ? 1 : node.size;
    this.targets = new Float32Array(maxBatch * perRow);
  }
}

/** mse, mae, hinge: elementwise losses on the prediction. */
export class ElementwiseLoss extends BaseLoss {
  constructor(
    node: RuntimeNode,
    targetSource: 'labels' | 'input',
    classTargets: ClassTargets,
    maxBatch: number,
    private readonly kind: 'mse' | 'mae' | 'hinge',
  ) {
    super(node, targetSource, classTargets, maxBatch);
  }
  computeLoss(rows: number): number {
    const p = this.prediction.output;
    const cols = this.node.size;
    if (this.kind === 'mse') return mse(p, this.targets, rows, cols);
    if (this.kind === 'mae') return mae(p, this.targets, rows, cols);
    return hinge(p, this.targets, rows, cols);
  }
  backward(rows: number): void {
    const p = this.prediction.output;
    const dp = this.prediction.grad;
    const cols = this.node.size;
    if (this.kind === 'mse') mseBackward(p, this.targets, dp, rows, cols);
    else if (this.kind === 'mae') maeBackward(p, this.targets, dp, rows, cols);
    else hingeBackward(p, this.targets, dp, rows, cols);
  }
}

/** crossEntropy after softmax, computed from the softmax's input (the logits). */
export class SoftmaxCrossEntropyLoss extends BaseLoss {
  private readonly logits: RuntimeNode;
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, 'index', maxBatch);
    this.logits = this.prediction.inputs[0];
  }
  computeLoss(rows: number): number {
    return softmaxCrossEntropy(this.logits.output, this.targets, this.prediction.output, rows, this.node.size);
  }
  backward(rows: number): void {
    softmaxCrossEntropyBackward(this.prediction.output, this.targets, this.logits.grad, rows, this.node.size);
  }
}

/** binaryCrossEntropy after sigmoid, computed from the sigmoid's input (the logits). */
export class SigmoidBinaryCrossEntropyLoss extends BaseLoss {
  private readonly logits: RuntimeNode;
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, 'binary', maxBatch);
    this.logits = this.prediction.inputs[0];
  }
  computeLoss(rows: number): number {
    return sigmoidBinaryCrossEntropy(this.logits.output, this.targets, this.prediction.output, rows, this.node.size);
  }
  backward(rows: number): void {
    sigmoidBinaryCrossEntropyBackward(this.logits.output, this.targets, this.logits.grad, rows, this.node.size);
  }
}

/** nll after logSoftmax: −mean log p[label]. */
export class NllLoss extends BaseLoss {
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, 'index', maxBatch);
  }
  computeLoss(rows: number): number {
    return nll(this.prediction.output, this.targets, rows, this.node.size);
  }
  backward(rows: number): void {
    nllBackward(this.targets, this.prediction.grad, rows, this.node.size);
  }
}
