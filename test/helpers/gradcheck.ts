/**
 * Finite-difference gradient checking for float32 ops.
 *
 * The ops only exist in float32, so this uses careful float32 central differences:
 *  - the step is relative to the value (h = eps·max(1, |x|)), and the quotient divides by the
 *    difference of the two values actually stored (fround(x+h) − fround(x−h)), not by 2h;
 *  - the scalar loss is accumulated in float64 (see `projection`), so the only float32 rounding
 *    is in the op under test;
 *  - analytic and numeric values are compared with |a − n| ≤ atol + rtol·max(|a|, |n|).
 * On failure it throws with the input name, flat index, both values and how many elements failed.
 */

export interface GradcheckOptions {
  /** Relative step (default 1e-3). */
  eps?: number;
  /** Relative tolerance (default 1e-2). */
  rtol?: number;
  /** Absolute tolerance (default 1e-3). */
  atol?: number;
  /** Shown in failure messages. */
  name?: string;
  /** Only check these flat indices of every input (default: all). */
  indices?: (input: string, length: number) => Iterable<number>;
}

export interface GradMismatch {
  input: string;
  index: number;
  analytic: number;
  numeric: number;
}

/**
 * Perturbs every element of every input in `inputs` and compares (loss(x+h) − loss(x−h)) / (2h)
 * with the matching analytic gradient in `grads`. `loss` must recompute everything from the current
 * input values (it is called 2× per element) and must not modify the inputs.
 */
export function gradcheck(
  inputs: Record<string, Float32Array>,
  loss: () => number,
  grads: Record<string, Float32Array>,
  opts: GradcheckOptions = {},
): void {
  const eps = opts.eps ?? 1e-3;
  const rtol = opts.rtol ?? 1e-2;
  const atol = opts.atol ?? 1e-3;
  const bad: GradMismatch[] = [];
  let checked = 0;
  for (const [name, x] of Object.entries(inputs)) {
    const g = grads[name];
    if (!g) throw new Error(`gradcheck${opts.name ? ` ${opts.name}` : ''}: no analytic gradient for input "${name}"`);
    if (g.length !== x.length) throw new Error(`gradcheck: gradient of "${name}" has ${g.length} values, input has ${x.length}`);
    const idx = opts.indices ? opts.indices(name, x.length) : range(x.length);
    for (const i of idx) {
      const orig = x[i];
      const h = eps * Math.max(1, Math.abs(orig));
      x[i] = orig + h;
      const up = x[i];
      const lUp = loss();
      x[i] = orig - h;
      const down = x[i];
      const lDown = loss();
      x[i] = orig;
      const numeric = (lUp - lDown) / (up - down);
      const analytic = g[i];
      checked++;
      if (!(Math.abs(analytic - numeric) <= atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric)))) {
        bad.push({ input: name, index: i, analytic, numeric });
      }
    }
  }
  if (bad.length > 0) {
    const lines = bad.slice(0, 5).map(
      (b) => `  d/d${b.input}[${b.index}]: analytic ${b.analytic.toPrecision(7)}, numeric ${b.numeric.toPrecision(7)} (|diff| ${Math.abs(b.analytic - b.numeric).toExponential(2)})`,
    );
    throw new Error(
      `gradcheck${opts.name ? ` ${opts.name}` : ''}: ${bad.length} of ${checked} gradient elements differ ` +
        `(tolerance ${atol} + ${rtol}·|value|, step ${eps}):\n${lines.join('\n')}${bad.length > 5 ? '\n  ...' : ''}`,
    );
  }
}

function* range(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** Σ y[i]·w[i] in float64: turns an op's output into a scalar that depends on every element. */
export function projection(y: Float32Array, w: Float32Array, len = y.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += y[i] * w[i];
  return s;
}

/** Deterministic uniform values in [lo, hi) (mulberry32). */
export function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    a[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return a;
}

/** Values in ±[gap, 1+gap): random magnitudes kept at least `gap` away from 0 (avoids kinks). */
export function awayFromZero(n: number, seed: number, gap = 0.1): Float32Array {
  const a = randomArray(n, seed, -1, 1);
  for (let i = 0; i < n; i++) a[i] = a[i] < 0 ? a[i] - gap : a[i] + gap;
  return a;
}
