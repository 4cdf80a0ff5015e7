/**
 * The engine's side of the node registry: one record per node type, each in its own file beside
 * the type's spec (src/engine/nodes/dense.ts ↔ src/shared/nodes/dense.ts). The table is typed
 * `{ [K in NodeType]: EngineNode<K> }`, so a node type in src/shared/nodes without its engine
 * part here is a compile error.
 */
import type { NodeParams, NodeType } from '../../shared/nodes';
import { add } from './add';
import { avgPool2d } from './avg-pool2d';
import { batchNorm } from './batch-norm';
import { binaryCrossEntropy } from './binary-cross-entropy';
import { concat } from './concat';
import { conv2d } from './conv2d';
import { crossEntropy } from './cross-entropy';
import { dense } from './dense';
import { dropout } from './dropout';
import { elu } from './elu';
import { flatten } from './flatten';
import { gaussianNoise } from './gaussian-noise';
import { hinge } from './hinge';
import { identity } from './identity';
import { input } from './input';
import { layerNorm } from './layer-norm';
import type { BuildContext, EngineNode, Layer, RuntimeNode } from './layer';
import { leakyRelu } from './leaky-relu';
import { logSoftmax } from './log-softmax';
import { mae } from './mae';
import { maxPool2d } from './max-pool2d';
import { mse } from './mse';
import { nll } from './nll';
import { relu } from './relu';
import { reshape } from './reshape';
import { sigmoid } from './sigmoid';
import { sign } from './sign';
import { softmax } from './softmax';
import { softplus } from './softplus';
import { step } from './step';
import { tanh } from './tanh';

export const engineNodes: { [K in NodeType]: EngineNode<K> } = {
  input,
  dense,
  conv2d,
  maxPool2d,
  avgPool2d,
  flatten,
  reshape,
  batchNorm,
  layerNorm,
  identity,
  sigmoid,
  tanh,
  relu,
  leakyRelu,
  elu,
  softplus,
  softmax,
  logSoftmax,
  step,
  sign,
  dropout,
  gaussianNoise,
  add,
  concat,
  mse,
  mae,
  binaryCrossEntropy,
  crossEntropy,
  nll,
  hinge,
};

/** The engine record of a node type (the type was validated against the registry). */
export function engineNode(type: NodeType): EngineNode<NodeType> {
  return engineNodes[type] as EngineNode<NodeType>;
}

export function buildLayer(type: NodeType, node: RuntimeNode, params: Record<string, unknown>, ctx: BuildContext): Layer {
  // The registry validated `params` against this type's spec, so the cast is sound.
  return engineNode(type).build(node, params as NodeParams<NodeType>, ctx);
}
