/**
 * Losses over a batch of `rows` samples with `cols` outputs each (row-major). Every loss writes
 * its mean (summed in float64) to out[0] and has a backward that ACCUMULATES (+=) the gradient
 * of that same mean into the prediction's gradient buffer.
 *
 * Why out[0] and not a return value: a double returned from a function V8 has not inlined into
 * its caller is boxed on the heap, and whether V8 inlines the kernel changes from run to run, so
 * a returned loss allocated every training step in some processes (test/engine/allocation.test.ts).
 * A store into a Float64Array never allocates.
 *
 * Class labels are stored as floats, one per row. Precondition: every label is an integer in
 * [0, cols); the trainer validates labels before training. A label outside that range would make
 * us read another row's value silently, so it is checked here too (one compare per row) and
 * throws a RangeError rather than producing a wrong number.
 */
import { rowMax } from './softmax';

function checkLabel(fn: string, label: number, row: number, cols: number): void {
  if (!(label >= 0 && label < cols && label === Math.floor(label))) {
    throw new RangeError(`${fn}: label ${label} at row ${row} is not a class index in [0, ${cols}) (validate labels before training)`);
  }
}

/** Mean over rows·cols of (p − t)², as torch.nn.MSELoss. */
export function mse(pred: Float32Array, target: Float32Array, rows: number, cols: number, out: Float64Array): void {
  squaredError(pred, target, rows, cols, 'mean', 1, out);
}

export function mseBackward(pred: Float32Array, target: Float32Array, dpred: Float32Array, rows: number, cols: number): void {
  squaredErrorBackward(pred, target, dpred, rows, cols, 'mean', 1);
}

/**
 * scale · mean (p − t)² ('mean', torch's MSELoss) or scale · Σ (p − t)² ('sum', torch's
 * reduction='sum'), over rows·cols. The lectures' ½(y − ŷ)² is 'sum' with scale ½.
 */
export function squaredError(
  pred: Float32Array, target: Float32Array, rows: number, cols: number, reduction: 'mean' | 'sum', scale: number, out: Float64Array,
): void {
  const len = rows * cols;
  let s = 0;
  for (let i = 0; i < len; i++) {
    const d = pred[i] - target[i];
    s += d * d;
  }
  out[0] = reduction === 'mean' ? (scale * s) / len : scale * s;
}

/** Accumulates the gradient of squaredError: 2·scale·(p − t), divided by rows·cols for 'mean'. */
export function squaredErrorBackward(
  pred: Float32Array,
  target: Float32Array,
  dpred: Float32Array,
  rows: number,
  cols: number,
  reduction: 'mean' | 'sum',
  scale: number,
): void {
  const len = rows * cols;
  const g = reduction === 'mean' ? (2 * scale) / len : 2 * scale;
  for (let i = 0; i < len; i++) dpred[i] += g * (pred[i] - target[i]);
}

/** Mean over rows·cols of |p − t|, as torch.nn.L1Loss. */
export function mae(pred: Float32Array, target: Float32Array, rows: number, cols: number, out: Float64Array): void {
  const len = rows * cols;
  let s = 0;
  for (let i = 0; i < len; i++) s += Math.abs(pred[i] - target[i]);
  out[0] = s / len;
}

/** Gradient sign(p − t)/(rows·cols) with sign(0) = 0 (PyTorch); NaN stays NaN. */
export function maeBackward(pred: Float32Array, target: Float32Array, dpred: Float32Array, rows: number, cols: number): void {
  const len = rows * cols;
  const g = 1 / len;
  for (let i = 0; i < len; i++) {
    const d = pred[i] - target[i];
    dpred[i] += d > 0 ? g : d < 0 ? -g : d * g;
  }
}

/** Perceptron criterion: mean over rows·cols of max(0, −t·a), targets t ∈ {−1, +1}. */
export function hinge(pred: Float32Array, target: Float32Array, rows: number, cols: number, out: Float64Array): void {
  const len = rows * cols;
  let s = 0;
  for (let i = 0; i < len; i++) {
    const v = -target[i] * pred[i];
    s += v < 0 ? 0 : v; // not `v > 0 ? v : 0`, which would hide a NaN
  }
  out[0] = s / len;
}

/**
 * Gradient −t/(rows·cols) wherever −t·a ≥ 0, INCLUDING a = 0: max(0, ·) has a kink there and we
 * take the "misclassified" side, so a zero-initialised perceptron (all outputs 0) still gets a
 * gradient and learns instead of staying at zero forever.
 */
export function hingeBackward(pred: Float32Array, target: Float32Array, dpred: Float32Array, rows: number, cols: number): void {
  const len = rows * cols;
  const g = 1 / len;
  for (let i = 0; i < len; i++) {
    const t = target[i];
    if (-t * pred[i] >= 0) dpred[i] -= t * g;
  }
}

/**
 * Fused softmax + cross-entropy from logits: mean over rows of −log p[label], computed as
 * logsumexp(z) − z[label] (stable for any logit size). Writes softmax(z) into `probs`.
 */
export function softmaxCrossEntropy(
  logits: Float32Array, labels: Float32Array, probs: Float32Array, rows: number, cols: number, out: Float64Array,
): void {
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const label = labels[r];
    checkLabel('softmaxCrossEntropy', label, r, cols);
    const m = rowMax(logits, o, cols);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(logits[o + j] - m);
      probs[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) probs[o + j] *= inv;
    loss += m + Math.log(sum) - logits[o + label];
  }
  out[0] = loss / rows;
}

/** dlogits += (p − onehot(label)) / rows, from the probabilities the forward wrote. */
export function softmaxCrossEntropyBackward(
  probs: Float32Array, labels: Float32Array, dlogits: Float32Array, rows: number, cols: number,
): void {
  const g = 1 / rows;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const label = labels[r];
    checkLabel('softmaxCrossEntropyBackward', label, r, cols);
    for (let j = 0; j < cols; j++) dlogits[o + j] += g * probs[o + j];
    dlogits[o + label] -= g;
  }
}

/**
 * Fused sigmoid + binary cross-entropy from logits z, targets t ∈ [0, 1] (rows·cols values):
 * mean of max(z,0) − z·t + log1p(exp(−|z|)), finite for any z. Writes σ(z) into `probs`.
 */
export function sigmoidBinaryCrossEntropy(
  logits: Float32Array, targets: Float32Array, probs: Float32Array, rows: number, cols: number, out: Float64Array,
): void {
  const len = rows * cols;
  let s = 0;
  for (let i = 0; i < len; i++) {
    const z = logits[i];
    // σ(z) = 1/(1 + e) for z ≥ 0, else e/(1 + e), with e = exp(−|z|): ops/activations.ts's
    // sigmoid, written out because a call returning a double per element is boxed whenever V8
    // does not inline it. e also gives the log1p term.
    const e = Math.exp(-Math.abs(z));
    probs[i] = (z >= 0 ? 1 : e) / (1 + e);
    s += (z > 0 ? z : 0) - z * targets[i] + Math.log1p(e);
  }
  out[0] = s / len;
}

/** dlogits += (σ(z) − t) / (rows·cols). Recomputes σ from the logits (exact, no stale buffer). */
export function sigmoidBinaryCrossEntropyBackward(
  logits: Float32Array, targets: Float32Array, dlogits: Float32Array, rows: number, cols: number,
): void {
  const len = rows * cols;
  const g = 1 / len;
  for (let i = 0; i < len; i++) {
    const z = logits[i];
    const e = Math.exp(-Math.abs(z)); // σ(z) written out, as in the forward above
    dlogits[i] += g * ((z >= 0 ? 1 : e) / (1 + e) - targets[i]);
  }
}

/** Negative log-likelihood of log-probabilities: −mean over rows of logp[label]. */
export function nll(logProbs: Float32Array, labels: Float32Array, rows: number, cols: number, out: Float64Array): void {
  let s = 0;
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    checkLabel('nll', label, r, cols);
    s -= logProbs[r * cols + label];
  }
  out[0] = s / rows;
}

/** dlogp[label] += −1/rows for each row. */
export function nllBackward(labels: Float32Array, dlogProbs: Float32Array, rows: number, cols: number): void {
  const g = 1 / rows;
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    checkLabel('nllBackward', label, r, cols);
    dlogProbs[r * cols + label] -= g;
  }
}
