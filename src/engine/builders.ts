/**
 * The engine's side of the node registry: one builder per node type. The table is typed as
 * `{ [K in NodeType]: Builder<K> }`, so adding a node type to src/shared/nodes without a
 * builder here is a compile error.
 */
import type { NodeParams, NodeType } from '../shared/nodes';
import { Act } from './ops/activations';
import { ActivationLayer, DenseLayer, InputLayer, LogSoftmaxLayer, SoftmaxLayer } from './layers/basic';
import type { Layer, RuntimeNode } from './layers/layer';
import { ElementwiseLoss, NllLoss, SigmoidBinaryCrossEntropyLoss, SoftmaxCrossEntropyLoss } from './layers/losses';

export interface BuildContext {
  maxBatch: number;
}

export type Builder<K extends NodeType> = (node: RuntimeNode, params: NodeParams<K>, ctx: BuildContext) => Layer;

const activation =
  (kind: number) =>
  (node: RuntimeNode): Layer =>
    new ActivationLayer(node, kind, 0);

/**
 * MSE/MAE read class labels as 0/1, except after a Sign unit, whose outputs are ±1: there the
 * labels become ±1 too, so Sign + MSE on one layer is Rosenblatt's perceptron rule.
 */
const regressionTargets = (node: RuntimeNode): 'binary' | 'signed' => (node.inputs[0].type === 'sign' ? 'signed' : 'binary');

export const builders: { [K in NodeType]: Builder<K> } = {
  input: (node) => new InputLayer(node),
  dense: (node) => new DenseLayer(node),
  identity: activation(Act.identity),
  sigmoid: activation(Act.sigmoid),
  tanh: activation(Act.tanh),
  relu: activation(Act.relu),
  leakyRelu: (node, p) => new ActivationLayer(node, Act.leakyRelu, p.alpha),
  elu: (node, p) => new ActivationLayer(node, Act.elu, p.alpha),
  softplus: activation(Act.softplus),
  step: activation(Act.step),
  sign: activation(Act.sign),
  softmax: (node) => new SoftmaxLayer(node),
  logSoftmax: (node) => new LogSoftmaxLayer(node),
  mse: (node, p, ctx) => new ElementwiseLoss(node, p.target, regressionTargets(node), ctx.maxBatch, 'mse'),
  mae: (node, p, ctx) => new ElementwiseLoss(node, p.target, regressionTargets(node), ctx.maxBatch, 'mae'),
  hinge: (node, p, ctx) => new ElementwiseLoss(node, p.target, 'signed', ctx.maxBatch, 'hinge'),
  crossEntropy: (node, p, ctx) => new SoftmaxCrossEntropyLoss(node, p.target, ctx.maxBatch),
  binaryCrossEntropy: (node, p, ctx) => new SigmoidBinaryCrossEntropyLoss(node, p.target, ctx.maxBatch),
  nll: (node, p, ctx) => new NllLoss(node, p.target, ctx.maxBatch),
};

export function buildLayer(type: NodeType, node: RuntimeNode, params: Record<string, unknown>, ctx: BuildContext): Layer {
  // The registry validated `params` against this type's spec, so the cast is sound.
  return (builders[type] as Builder<NodeType>)(node, params as NodeParams<NodeType>, ctx);
}
