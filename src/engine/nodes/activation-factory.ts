/**
 * The elementwise activations (identity, sigmoid, tanh, relu, leakyRelu, elu, softplus, step,
 * sign) share one layer over ops/activations.ts; each type's file names its kind.
 */
import type { NodeParams, NodeType } from '../../shared/nodes';
import { activationBackward, activationForward, type ActKind } from '../ops/activations';
import { Layer, type EngineNode, type RuntimeNode } from './layer';
import { withActivityPenalty, type ActivityPenaltyParams } from './penalties';

/** `kind` is a value of ops' `Act`; `alpha` is leakyRelu's slope and elu's α (0 otherwise). */
export class ActivationLayer extends Layer {
  constructor(
    node: RuntimeNode,
    private readonly kind: number,
    private readonly alpha: number,
  ) {
    super(node);
  }
  forward(rows: number): void {
    activationForward(this.kind, this.node.inputs[0].output, this.node.output, rows * this.node.size, this.alpha);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const src = this.node.inputs[0];
    activationBackward(this.kind, src.output, this.node.output, this.node.grad, src.grad, rows * this.node.size, this.alpha);
  }
}

/** The types whose params are the activity penalty's (plus `alpha` for some). */
type ActivationType = { [K in NodeType]: NodeParams<K> extends ActivityPenaltyParams ? K : never }[NodeType];

/** An elementwise activation of this kind, with its activity penalty. */
export function elementwiseActivation<K extends ActivationType>(kind: ActKind): EngineNode<K> {
  return {
    build: (node, p) => withActivityPenalty(new ActivationLayer(node, kind, (p as { alpha?: number }).alpha ?? 0), p as ActivityPenaltyParams),
  };
}
