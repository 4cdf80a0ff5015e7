/**
 * The node registry. A node type is this folder's spec file (UI texts, params, shapes, declared
 * weights, behaviour flags) plus its engine file of the same name in src/engine/nodes, and one
 * line in each index: `NodeType` grows here, and the engine's `{ [K in NodeType]: EngineNode<K> }`
 * table must follow or the build fails. See docs/architecture.md, "Add a node type".
 */
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
import { leakyRelu } from './leaky-relu';
import { logSoftmax } from './log-softmax';
import { mae } from './mae';
import { maxPool2d } from './max-pool2d';
import { mse } from './mse';
import { nll } from './nll';
import { copyDefault } from './params';
import { relu } from './relu';
import { reshape } from './reshape';
import { sigmoid } from './sigmoid';
import { sign } from './sign';
import { softmax } from './softmax';
import { softplus } from './softplus';
import { step } from './step';
import { tanh } from './tanh';
import type { Category, NodeSpec, ParamsOf } from './types';

export const nodeSpecs = {
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
} as const;

export type NodeType = keyof typeof nodeSpecs;
export type NodeParams<K extends NodeType> = ParamsOf<(typeof nodeSpecs)[K]['params']>;

export const nodeTypes = Object.keys(nodeSpecs) as NodeType[];

export function isNodeType(t: string): t is NodeType {
  return Object.hasOwn(nodeSpecs, t);
}

export function getNodeSpec(t: string): NodeSpec | undefined {
  return isNodeType(t) ? (nodeSpecs[t] as NodeSpec) : undefined;
}

/** Palette sections, in palette order. Some may be empty until their node types exist. */
export const categories: readonly { id: Category; label: string }[] = [
  { id: 'input', label: 'Inputs' },
  { id: 'layer', label: 'Layers' },
  { id: 'activation', label: 'Activations' },
  { id: 'regularization', label: 'Regularization' },
  { id: 'merge', label: 'Merge' },
  { id: 'loss', label: 'Losses' },
];

/** The node types of one category, in registry order (for the palette). */
export function nodeTypesIn(category: Category): NodeType[] {
  return nodeTypes.filter((t) => nodeSpecs[t].category === category);
}

/** A fresh params object with every default, for a node just dropped on the canvas. */
export function defaultParams(type: NodeType): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(getNodeSpec(type)!.params)) params[name] = copyDefault(spec);
  return params;
}

export type { Category, NodeSpec, ParamSpec, ParamsOf, Shape, ShapeContext } from './types';
