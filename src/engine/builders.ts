/**
 * The engine's side of the node registry: one builder per node type. The table is typed as
 * `{ [K in NodeType]: Builder<K> }`, so adding a node type to src/shared/nodes without a
 * builder here is a compile error.
 */
import type { NodeParams, NodeType } from '../shared/nodes';
import { poolStride } from '../shared/nodes/pool-factory';
import { Act } from './ops/activations';
import { ActivationLayer, DenseLayer, InputLayer, LogSoftmaxLayer, SoftmaxLayer } from './layers/basic';
import { Conv2DLayer } from './layers/conv';
import type { Layer, RuntimeNode } from './layers/layer';
import { ElementwiseLoss, NllLoss, SigmoidBinaryCrossEntropyLoss, SoftmaxCrossEntropyLoss } from './layers/losses';
import { withActivityPenalty, withKernelPenalty, type ActivityPenaltyParams } from './layers/penalties';
import { AvgPoolLayer, MaxPoolLayer } from './layers/pool';
import { AddLayer, ConcatLayer, DropoutLayer, GaussianNoiseLayer, ViewLayer } from './layers/structure';
import type { Rng } from './random';

export interface BuildContext {
  maxBatch: number;
  /** The model's stream for dropout masks and noise (streamSeed(seed, 'dropout')), shared in forward order. */
  rng: Rng;
}

export type Builder<K extends NodeType> = (node: RuntimeNode, params: NodeParams<K>, ctx: BuildContext) => Layer;

/** An elementwise activation with its activity penalty; `alpha` for leakyRelu/elu. */
const activation =
  (kind: number) =>
  (node: RuntimeNode, p: ActivityPenaltyParams & { alpha?: number }): Layer =>
    withActivityPenalty(new ActivationLayer(node, kind, p.alpha ?? 0), p);

/**
 * MSE/MAE read class labels as 0/1, except after a Sign unit, whose outputs are ±1: there the
 * labels become ±1 too, so Sign + MSE on one layer is Rosenblatt's perceptron rule.
 */
const regressionTargets = (node: RuntimeNode): 'binary' | 'signed' => (node.inputs[0].type === 'sign' ? 'signed' : 'binary');

export const builders: { [K in NodeType]: Builder<K> } = {
  input: (node) => new InputLayer(node),
  dense: (node, p) => withKernelPenalty(new DenseLayer(node), p),
  conv2d: (node, p, ctx) => withKernelPenalty(new Conv2DLayer(node, p, ctx.maxBatch), p),
  maxPool2d: (node, p, ctx) => new MaxPoolLayer(node, p.poolSize, poolStride(p), ctx.maxBatch),
  avgPool2d: (node, p) => new AvgPoolLayer(node, p.poolSize, poolStride(p)),
  flatten: (node) => new ViewLayer(node),
  reshape: (node) => new ViewLayer(node),
  identity: activation(Act.identity),
  sigmoid: activation(Act.sigmoid),
  tanh: activation(Act.tanh),
  relu: activation(Act.relu),
  leakyRelu: activation(Act.leakyRelu),
  elu: activation(Act.elu),
  softplus: activation(Act.softplus),
  step: activation(Act.step),
  sign: activation(Act.sign),
  softmax: (node, p) => withActivityPenalty(new SoftmaxLayer(node), p),
  logSoftmax: (node, p) => withActivityPenalty(new LogSoftmaxLayer(node), p),
  dropout: (node, p, ctx) => new DropoutLayer(node, p.rate, ctx.rng, ctx.maxBatch),
  gaussianNoise: (node, p, ctx) => new GaussianNoiseLayer(node, p.stddev, ctx.rng),
  add: (node) => new AddLayer(node),
  concat: (node, p) => new ConcatLayer(node, p.axis),
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
