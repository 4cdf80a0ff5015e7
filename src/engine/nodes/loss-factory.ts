/**
 * What the losses share: the target buffer, where the targets come from, how class labels are
 * encoded, and the elementwise losses (mse, mae, hinge) over ops/losses.ts.
 */
import { getNodeSpec } from '../../shared/nodes';
import type { NodeParams } from '../../shared/nodes';
import { hinge, hingeBackward, mae, maeBackward } from '../ops/losses';
import { LossLayer, type EngineNode, type RuntimeNode } from './layer';

export type ClassTargets = 'index' | 'binary' | 'signed';

export abstract class BaseLoss extends LossLayer {
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

/**
 * A loss fused with the activation before it (its prediction): it reads that activation's input,
 * the logits, and writes its gradient straight into theirs.
 */
export abstract class LogitsLoss extends BaseLoss {
  protected readonly logits: RuntimeNode;
  constructor(node: RuntimeNode, targetSource: 'labels' | 'input', maxBatch: number) {
    super(node, targetSource, classTargetsOf(node), maxBatch);
    this.logits = this.prediction.inputs[0];
  }
}

/**
 * How this loss reads class labels: as its spec declares, except that 0/1 labels become ±1 after
 * a node whose outputs are ±1 (`signedOutput`: Sign), so Sign + MSE on one layer is Rosenblatt's
 * perceptron rule.
 */
export function classTargetsOf(node: RuntimeNode): ClassTargets {
  const declared = getNodeSpec(node.type)!.loss!.classTargets;
  return declared === 'binary' && getNodeSpec(node.inputs[0].type)?.signedOutput ? 'signed' : declared;
}

type ElementwiseKind = 'mae' | 'hinge';

/** mae, hinge: elementwise losses on the prediction (mse has its reduction and scale: mse.ts). */
export class ElementwiseLoss extends BaseLoss {
  constructor(
    node: RuntimeNode,
    targetSource: 'labels' | 'input',
    classTargets: ClassTargets,
    maxBatch: number,
    private readonly kind: ElementwiseKind,
  ) {
    super(node, targetSource, classTargets, maxBatch);
  }
  computeLoss(rows: number): void {
    const p = this.prediction.output;
    const cols = this.node.size;
    if (this.kind === 'mae') mae(p, this.targets, rows, cols, this.out);
    else hinge(p, this.targets, rows, cols, this.out);
  }
  backward(rows: number): void {
    const p = this.prediction.output;
    const dp = this.prediction.grad;
    const cols = this.node.size;
    if (this.kind === 'mae') maeBackward(p, this.targets, dp, rows, cols);
    else hingeBackward(p, this.targets, dp, rows, cols);
  }
}

export function elementwiseLoss<K extends ElementwiseKind>(kind: K): EngineNode<K> {
  return {
    build: (node, p: NodeParams<ElementwiseKind>, ctx) => new ElementwiseLoss(node, p.target, classTargetsOf(node), ctx.maxBatch, kind),
  };
}
