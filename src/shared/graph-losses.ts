/** Checks of each loss against its direct source and against the data it will be trained on. */
import type { ResolvedNode } from './graph-resolved';
import type { GraphIssue } from './graph-types';
import { plainShape } from './nodes/shape-checks';
import { shapeSize, type LossInfo, type Shape, type ShapeContext } from './nodes/types';

export function checkLosses(losses: readonly ResolvedNode[], byId: ReadonlyMap<string, ResolvedNode>, ctx: ShapeContext): GraphIssue[] {
  const issues: GraphIssue[] = [];
  for (const loss of losses) {
    const info = loss.spec.loss!;
    const source = loss.inputs[0] === undefined ? undefined : byId.get(loss.inputs[0]);
    if (info.requires && source && source.type !== info.requires) {
      issues.push({ nodeId: loss.id, message: info.requiresMessage ?? `${loss.spec.label} needs a ${info.requires} before it` });
    }
    if (!loss.shape) continue;
    const problem =
      loss.params.target === 'input'
        ? checkInputTarget(loss.spec.label, info, loss.shape, ctx)
        : checkLabelTarget(loss.spec.label, info, shapeSize(loss.shape), ctx);
    if (problem) issues.push({ nodeId: loss.id, ...problem });
  }
  return issues;
}

type Problem = Omit<GraphIssue, 'nodeId' | 'edgeId'>;

/** Autoencoders: the prediction is compared element by element with the network's input. */
function checkInputTarget(label: string, info: LossInfo, shape: Shape, ctx: ShapeContext): Problem | null {
  if (info.classTargets !== 'binary') {
    return {
      param: 'target',
      message: `${label} compares with class labels; it cannot use the network's input as its target`,
      help: 'set Target to labels, or use MSE (or Binary cross-entropy) to rebuild the input',
    };
  }
  const data = ctx.dataShape;
  if (!data || sameShape(shape, data)) return null;
  return {
    param: 'target',
    message: `${label} compares the prediction ${plainShape(shape)} with the input ${plainShape(data)}, but their shapes differ`,
    help: `make the prediction's shape ${plainShape(data)} (${count(shapeSize(data), 'value')})`,
  };
}

function checkLabelTarget(label: string, info: LossInfo, size: number, ctx: ShapeContext): Problem | null {
  const forClassesOnly = info.classTargets !== 'binary' || info.requires !== undefined;
  if (ctx.task === 'regression') {
    if (forClassesOnly)
      return { message: `${label} is for classes; this data is regression: use MSE`, help: 'replace the loss with MSE (or MAE)' };
    if (ctx.targetSize !== undefined && size !== ctx.targetSize)
      return {
        message: `${label} over ${count(size, 'output')} but the data has ${count(ctx.targetSize, 'target value')}`,
        help: `set the last Dense to ${count(ctx.targetSize, 'unit')}`,
      };
    return null;
  }
  const k = ctx.numClasses;
  if (ctx.task !== 'classification' || k === undefined) return null;
  const mismatch = `${label} over ${count(size, 'output')} but the data has ${count(k, 'class', 'classes')}`;
  if (info.classTargets === 'index') {
    return size === k ? null : { message: mismatch, help: `set the last Dense to ${count(k, 'unit')}` };
  }
  if (info.requires !== undefined) {
    // Binary cross-entropy: one probability, for exactly two classes.
    if (k !== 2)
      return {
        message: `${label} is for 2 classes but the data has ${count(k, 'class', 'classes')}`,
        help: 'use a Softmax and Cross-entropy with one unit per class',
      };
    return size === 1
      ? null
      : { message: `${label} needs 1 output (the probability of class 1) but gets ${size}`, help: 'set the last Dense to 1 unit' };
  }
  // MSE, MAE, hinge: one output with 0/1 (or ±1) labels for two classes, or one output per class.
  if (size === k || (k === 2 && size === 1)) return null;
  const labels = info.classTargets === 'signed' ? '±1 labels' : '0/1 labels';
  const help =
    k === 2 ? `set the last Dense to 1 unit (${labels}) or 2 units (one per class)` : `set the last Dense to ${k} units (one per class)`;
  return { message: mismatch, help };
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
