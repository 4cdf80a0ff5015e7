/**
 * Class labels -> the targets a loss expects (LossInfo['classTargets'] in shared/nodes):
 * - 'index':  class indices as they are (cross-entropy); needs one output per class;
 * - 'binary': one output -> 0/1 (2 classes only); one output per class -> one-hot;
 * - 'signed': like 'binary' with −1/+1 instead of 0/1 (hinge).
 * Regression targets (numClasses 0) are returned as they are.
 */
import { DataError } from './types';

export type ClassTargetMode = 'index' | 'binary' | 'signed';

function checkLabels(y: Float32Array, n: number, numClasses: number): void {
  if (y.length < n) throw new DataError(`encodeTargets: ${n} samples but only ${y.length} labels`);
  for (let i = 0; i < n; i++) {
    const c = y[i];
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new DataError(`Sample ${i + 1} has label ${c}, not a class index 0..${numClasses - 1}`);
    }
  }
}

export function encodeTargets(y: Float32Array, n: number, mode: ClassTargetMode, outputs: number, numClasses: number): Float32Array {
  if (numClasses === 0) {
    if (y.length !== n * outputs) {
      throw new DataError(`The model predicts ${outputs} value(s) per sample but the data has ${y.length / n} target(s) per sample`);
    }
    return y;
  }
  checkLabels(y, n, numClasses);
  if (mode === 'index') {
    if (outputs !== numClasses) {
      throw new DataError(
        `This loss compares one output per class with the class index: the model has ${outputs} output(s) but the data has ${numClasses} classes`,
      );
    }
    return y.length === n ? y : y.slice(0, n);
  }
  const [off, on] = mode === 'signed' ? [-1, 1] : [0, 1];
  if (outputs === 1) {
    if (numClasses !== 2) {
      throw new DataError(
        `A single output can only separate 2 classes, but the data has ${numClasses}: use ${numClasses} outputs (one per class)`,
      );
    }
    const t = new Float32Array(n);
    for (let i = 0; i < n; i++) t[i] = y[i] === 1 ? on : off;
    return t;
  }
  if (outputs !== numClasses) {
    throw new DataError(
      `The model has ${outputs} outputs but the data has ${numClasses} classes: use one output per class${numClasses === 2 ? ' or a single output' : ''}`,
    );
  }
  const t = new Float32Array(n * numClasses).fill(off);
  for (let i = 0; i < n; i++) t[i * numClasses + y[i]] = on;
  return t;
}
