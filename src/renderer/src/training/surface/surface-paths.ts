/**
 * The optimiser paths the training panel's loss surface traces from the current weights: full
 * batch, mini-batch and stochastic steps with the project's optimiser, side by side, then full
 * batch with the optimisers the project does not use (plain SGD, momentum 0.9, Adam) to compare.
 * Pure, so the choice is testable without an engine.
 */
import type { OptimizerConfig } from '../../../../shared/project-types';
import type { SurfacePathSpec, WeightRef } from '../../../../shared/protocol-surface';

/** Steps each path takes (enough to see the shape of the path, few enough to draw quickly). */
export const SURFACE_PATH_STEPS = 40;

/** The optimiser in a few words, e.g. "SGD with momentum 0.9". */
export function optimizerName(o: OptimizerConfig): string {
  if (o.type === 'sgd') return o.momentum ? `SGD with ${o.nesterov ? 'Nesterov ' : ''}momentum ${o.momentum}` : 'plain SGD';
  return { adam: 'Adam', rmsprop: 'RMSprop', adagrad: 'AdaGrad' }[o.type];
}

export function surfacePaths(trainRows: number, batchSize: number, optimizer: OptimizerConfig, learningRate: number, steps = SURFACE_PATH_STEPS): SurfacePathSpec[] {
  const own = `${optimizerName(optimizer)}, η = ${learningRate}`;
  const full = Math.max(1, trainRows);
  const paths: SurfacePathSpec[] = [{ label: `full batch (M = ${full}, ${own})`, batchSize: full, steps }];
  if (batchSize > 1 && batchSize < full) paths.push({ label: `mini-batch (M = ${batchSize}, ${own})`, batchSize, steps });
  if (full > 1) paths.push({ label: `stochastic (M = 1, ${own})`, batchSize: 1, steps });
  // The comparisons: full batch with each optimiser the project does not use, at the same η.
  const others: OptimizerConfig[] = [
    { type: 'sgd', learningRate },
    { type: 'sgd', learningRate, momentum: 0.9 },
    { type: 'adam', learningRate },
  ];
  for (const o of others)
    if (optimizerName(o) !== optimizerName(optimizer)) paths.push({ label: `full batch, ${optimizerName(o)} (η = ${learningRate})`, batchSize: full, optimizer: o, steps });
  return paths;
}

/** A trainable tensor of the loaded model, as the pickers list it. */
export interface WeightTensor {
  nodeId: string;
  param: string;
  shape: number[];
  size: number;
}

/** Position of a row-major index in a shape, e.g. 5 in [2, 3] → [1, 2]. */
export function positionOf(index: number, shape: number[]): number[] {
  const pos: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    pos.unshift(index % shape[d]!);
    index = Math.floor(index / shape[d]!);
  }
  return pos;
}

export function weightLabel(ref: WeightRef, tensors: WeightTensor[]): string {
  const t = tensors.find((w) => w.nodeId === ref.nodeId && w.param === ref.param);
  return `${ref.nodeId}.${ref.param}[${t ? positionOf(ref.index, t.shape).join(', ') : ref.index}]`;
}

/** The two weights to start with: the first two values of the first tensor (or the first of two tensors). */
export function defaultWeights(tensors: WeightTensor[]): [WeightRef, WeightRef] | null {
  const first = tensors[0];
  if (!first) return null;
  const a = { nodeId: first.nodeId, param: first.param, index: 0 };
  if (first.size > 1) return [a, { ...a, index: 1 }];
  const second = tensors[1];
  return second ? [a, { nodeId: second.nodeId, param: second.param, index: 0 }] : null;
}
