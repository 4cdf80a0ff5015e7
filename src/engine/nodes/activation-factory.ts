/**
 * The elementwise activations (identity, sigmoid, tanh, relu, leakyRelu, elu, softplus, step,
 * sign) share one layer over ops/activations.ts; each type's file names its kind.
 */
import type { NodeParams, NodeType } from '../../shared/nodes';
import { arenaLoopsInWasm } from '../backend';
import type { TensorLoops } from '../backend/wasm-tensor-loops';
import { tensorLoopsOf } from '../backend/wasm-optim';
import { Act, activationBackward, activationForward, type ActKind } from '../ops/activations';
import { Layer, type EngineNode, type RuntimeNode } from './layer';
import { withActivityPenalty, type ActivityPenaltyParams } from './penalties';

/** `kind` is a value of ops' `Act`; `alpha` is leakyRelu's slope and elu's α (0 otherwise). */
export class ActivationLayer extends Layer {
  /** ReLU's SIMD loops, when its input's and its own tensors live in the model's arena. */
  private readonly loops: TensorLoops | null;
  constructor(
    node: RuntimeNode,
    private readonly kind: number,
    private readonly alpha: number,
  ) {
    super(node);
    const src = node.inputs[0];
    this.loops = kind === Act.relu ? tensorLoopsOf([src.output, src.grad, node.output, node.grad]) : null;
  }
  forward(rows: number): void {
    const x = this.node.inputs[0].output;
    const n = rows * this.node.size;
    if (this.loops !== null && arenaLoopsInWasm()) this.loops.reluForward(x, this.node.output, n);
    else activationForward(this.kind, x, this.node.output, n, this.alpha);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const src = this.node.inputs[0];
    const n = rows * this.node.size;
    if (this.loops !== null && arenaLoopsInWasm()) this.loops.reluBackward(src.output, this.node.grad, src.grad, n);
    else activationBackward(this.kind, src.output, this.node.output, this.node.grad, src.grad, n, this.alpha);
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
