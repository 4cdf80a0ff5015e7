/**
 * Elementwise activations. One switch per call, outside the element loop, so each loop is a
 * tight monomorphic loop V8 can optimise. Semantics follow PyTorch (values, gradients at kinks,
 * softplus threshold); NaN inputs give NaN outputs (no comparison silently maps NaN to a number).
 * Forward may run in place (y === x). Backward accumulates: dx += f'(x)·dy.
 */

/** Activation kinds (a plain const object, not a const enum, so isolatedModules builds work). */
export const Act = {
  identity: 0,
  sigmoid: 1,
  tanh: 2,
  relu: 3,
  leakyRelu: 4,
  elu: 5,
  softplus: 6,
  step: 7,
  sign: 8,
} as const;
export type ActName = keyof typeof Act;
export type ActKind = (typeof Act)[ActName];

/** PyTorch's Softplus default threshold: above it softplus(x) returns x (and its gradient is 1). */
export const SOFTPLUS_THRESHOLD = 20;

/**
 * Numerically stable logistic: never evaluates exp of a large positive number. The element
 * loops (here and in ops/losses.ts) write the same arithmetic out, (x ≥ 0 ? 1 : e)/(1 + e)
 * with e = exp(−|x|), instead of calling this: a call returning a double is boxed on the heap,
 * per element, whenever V8 does not inline it (test/engine/allocation.test.ts).
 */
export function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return (x >= 0 ? 1 : e) / (1 + e);
}

/** y = f(x) over len elements. `alpha`: leakyRelu's negative slope, elu's α; ignored otherwise. */
export function activationForward(kind: number, x: Float32Array, y: Float32Array, len: number, alpha: number): void {
  switch (kind) {
    case Act.identity:
      if (y !== x) for (let i = 0; i < len; i++) y[i] = x[i];
      return;
    case Act.sigmoid:
      for (let i = 0; i < len; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v)); // sigmoid(v), written out (see sigmoid)
        y[i] = (v >= 0 ? 1 : e) / (1 + e);
      }
      return;
    case Act.tanh:
      for (let i = 0; i < len; i++) y[i] = Math.tanh(x[i]);
      return;
    case Act.relu:
      // (v + |v|)/2 is max(v, 0) without a data-dependent branch: signs of pre-activations are
      // close to random, and the mispredicted `v > 0 ? v : 0` cost ~3 ns per element (measured).
      // It keeps NaN as NaN and −0 → 0; only −∞ needs the (always predicted) guard, since
      // −∞ + ∞ is NaN.
      for (let i = 0; i < len; i++) {
        const v = x[i];
        y[i] = v === -Infinity ? 0 : (v + Math.abs(v)) * 0.5;
      }
      return;
    case Act.leakyRelu:
      for (let i = 0; i < len; i++) {
        const v = x[i];
        y[i] = v > 0 ? v : alpha * v;
      }
      return;
    case Act.elu:
      for (let i = 0; i < len; i++) {
        const v = x[i];
        y[i] = v > 0 ? v : alpha * Math.expm1(v);
      }
      return;
    case Act.softplus:
      // max(v,0) + log1p(exp(−|v|)) never overflows; PyTorch returns v itself above the threshold.
      for (let i = 0; i < len; i++) {
        const v = x[i];
        y[i] = v > SOFTPLUS_THRESHOLD ? v : (v > 0 ? v : 0) + Math.log1p(Math.exp(-Math.abs(v)));
      }
      return;
    case Act.step:
      for (let i = 0; i < len; i++) {
        const v = x[i];
        y[i] = v >= 0 ? 1 : v < 0 ? 0 : v;
      }
      return;
    case Act.sign:
      for (let i = 0; i < len; i++) {
        const v = x[i];
        y[i] = v >= 0 ? 1 : v < 0 ? -1 : v;
      }
      return;
    default:
      throw new Error(`activationForward: unknown activation kind ${kind}`);
  }
}

/**
 * dx += f'(x)·dy over len elements; `y` is the forward output (used where it is cheaper:
 * sigmoid y(1−y), tanh 1−y²). At kinks the derivative is PyTorch's:
 * relu'(0) = 0, leakyRelu'(0) = α.
 */
export function activationBackward(
  kind: number, x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array, len: number, alpha: number,
): void {
  switch (kind) {
    case Act.identity:
    case Act.step:
    case Act.sign:
      // step and sign have derivative 0 almost everywhere; a true zero gradient would silently
      // stop everything upstream from learning. They pass the gradient straight through instead
      // (the straight-through estimator): a one-layer perceptron trained with MSE then performs
      // Rosenblatt's rule, w += lr·(t − y)·x.
      for (let i = 0; i < len; i++) dx[i] += dy[i];
      return;
    case Act.sigmoid:
      for (let i = 0; i < len; i++) {
        const s = y[i];
        dx[i] += dy[i] * s * (1 - s);
      }
      return;
    case Act.tanh:
      for (let i = 0; i < len; i++) {
        const t = y[i];
        dx[i] += dy[i] * (1 - t * t);
      }
      return;
    case Act.relu:
      // dy·[x > 0] as a multiply by 0/1 (branch-free, see forward). A NaN x passes dy, like
      // PyTorch's threshold_backward; the guard keeps 0·∞ from turning a blocked ±∞/NaN dy into NaN.
      for (let i = 0; i < len; i++) {
        const g = dy[i], v = x[i];
        dx[i] += g - g === 0 ? g * +!(v <= 0) : v <= 0 ? 0 : g;
      }
      return;
    case Act.leakyRelu:
      for (let i = 0; i < len; i++) dx[i] += x[i] > 0 ? dy[i] : alpha * dy[i];
      return;
    case Act.elu:
      // α·eˣ rather than y + α: the latter cancels catastrophically once y has rounded to −α.
      for (let i = 0; i < len; i++) {
        const v = x[i];
        dx[i] += v > 0 ? dy[i] : dy[i] * alpha * Math.exp(v);
      }
      return;
    case Act.softplus:
      for (let i = 0; i < len; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v)); // sigmoid(v), written out (see sigmoid)
        dx[i] += v > SOFTPLUS_THRESHOLD ? dy[i] : dy[i] * ((v >= 0 ? 1 : e) / (1 + e));
      }
      return;
    default:
      throw new Error(`activationBackward: unknown activation kind ${kind}`);
  }
}
