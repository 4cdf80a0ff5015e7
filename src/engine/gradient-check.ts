/**
 * The gradient check of the lectures, on the live model: for some weights w of one parameter
 * tensor, backprop's ∂L/∂w against the central difference (L(w + ε) − L(w − ε)) / 2ε.
 * Evaluation mode (no dropout or noise), so L is a deterministic function of the weights; the
 * batch is fixed (the first rows of the training split). A weight whose w ± ε moves a ReLU-like
 * input across 0 is at a kink of the loss, where finite differences do not test backprop: it is
 * flagged and left out of the largest error. Every weight is put back exactly, and
 * the gradients of the last training step are restored afterwards, so training carries on as if
 * nothing happened. Not a hot path: it allocates freely.
 */
import {
  GRADIENT_CHECK_EPSILONS, GRADIENT_CHECK_ROWS, MAX_GRADIENT_CHECK_COUNT,
  type GradientCheckEntry, type GradientCheckResult,
} from '../shared/protocol-gradcheck';
import type { ActivationGuard } from './activation-guard';
import type { DataPart } from './data/types';
import type { Model } from './model';

const GOLDEN = 0.6180339887498949;

/** Activations whose derivative jumps where their input is 0. */
const KINKED_AT_ZERO = new Set(['relu', 'leakyRelu', 'step', 'sign']);

/**
 * Which side of 0 every input of the model's kinked activations lies on, for the batch of the
 * last forward pass: two passes with different patterns crossed a kink in between.
 */
function kinkPattern(model: Model, rows: number): Uint8Array {
  const inputs = model.nodes.filter((n) => KINKED_AT_ZERO.has(n.type)).map((n) => n.inputs[0]!);
  const pattern = new Uint8Array(inputs.reduce((sum, n) => sum + rows * n.size, 0));
  let k = 0;
  for (const n of inputs) for (let i = 0; i < rows * n.size; i++) pattern[k++] = n.output[i]! > 0 ? 1 : 0;
  return pattern;
}

const samePattern = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Which weights to check: all of a small tensor, else `count` spread over it by the golden-ratio
 * sequence (an even stride would land in one column of a kernel whose width divides it).
 */
export function checkedIndices(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const picked = new Set<number>();
  for (let i = 0; picked.size < count; i++) picked.add(Math.floor(((i * GOLDEN + 0.5 / count) % 1) * length));
  return [...picked].sort((a, b) => a - b);
}

function positionOf(index: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length);
  for (let d = shape.length - 1, rest = index; d >= 0; d--) {
    position[d] = rest % shape[d]!;
    rest = Math.floor(rest / shape[d]!);
  }
  return position;
}

export function relativeError(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

export function gradientCheck(
  model: Model, guard: ActivationGuard, train: DataPart, targetSize: number,
  nodeId: string, paramName: string, epsilon: number, count: number, include?: number,
): GradientCheckResult {
  const node = model.node(nodeId);
  const param = node.params.find((p) => p.name === paramName);
  if (!param) {
    const buffer = node.buffers.some((b) => b.name === paramName);
    throw new Error(
      buffer
        ? `'${paramName}' of node '${nodeId}' is a running statistic, not trained by gradients: there is no gradient to check`
        : `node '${nodeId}' has no parameter '${paramName}' (it has ${node.params.map((p) => p.name).join(', ') || 'none'})`,
    );
  }
  if (!(GRADIENT_CHECK_EPSILONS as readonly number[]).includes(epsilon)) throw new Error(`epsilon must be one of ${GRADIENT_CHECK_EPSILONS.join(', ')} (got ${epsilon})`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_GRADIENT_CHECK_COUNT) throw new Error(`count must be a whole number from 1 to ${MAX_GRADIENT_CHECK_COUNT} (got ${count})`);
  const rows = Math.min(GRADIENT_CHECK_ROWS, train.n, model.maxBatch);
  if (rows === 0) throw new Error('the training split is empty: there is no batch to check the gradients on');
  const x = train.x.subarray(0, rows * model.featureSize);
  const y = train.y.subarray(0, rows * targetSize);
  const loss = () => model.forward(x, rows, y, false);

  // The last training step's gradients, which the backward pass below overwrites.
  const savedGrads = model.params.map((p) => p.grad.slice());
  const savedNodeGrads = model.nodes.map((n) => n.grad.slice());
  try {
    return guard.run(() => {
      const at = loss();
      model.backward();
      const indices = checkedIndices(param.data.length, count);
      if (include !== undefined) {
        if (!Number.isInteger(include) || include < 0 || include >= param.data.length) throw new Error(`weight ${include} is not in ${nodeId}.${paramName} (it has ${param.data.length})`);
        if (!indices.includes(include)) indices.push(include), indices.sort((a, b) => a - b);
      }
      const backprop = indices.map((i) => param.grad[i]!);
      const entries: GradientCheckEntry[] = indices.map((index, k) => {
        const w = param.data[index]!;
        param.data[index] = w + epsilon;
        const up = loss();
        const upPattern = kinkPattern(model, rows);
        param.data[index] = w - epsilon;
        const down = loss();
        const atKink = !samePattern(upPattern, kinkPattern(model, rows));
        param.data[index] = w; // exactly the same float32 as before
        const numeric = (up - down) / (2 * epsilon);
        return { index, position: positionOf(index, param.shape), backprop: backprop[k]!, numeric, relativeError: relativeError(backprop[k]!, numeric), atKink };
      });
      const smooth = entries.filter((e) => !e.atKink);
      const maxRelativeError = smooth.reduce((m, e) => Math.max(m, e.relativeError), 0);
      return { nodeId, param: paramName, shape: [...param.shape], rows, loss: at, epsilon, entries, maxRelativeError, kinks: entries.length - smooth.length };
    });
  } finally {
    model.params.forEach((p, i) => p.grad.set(savedGrads[i]!));
    model.nodes.forEach((n, i) => n.grad.set(savedNodeGrads[i]!));
  }
}
