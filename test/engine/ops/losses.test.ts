import { describe, expect, it } from 'vitest';
import * as L from '../../../src/engine/ops/losses';
import { awayFromZero, gradcheck, randomArray } from '../../helpers/gradcheck';
import { lossOf } from '../../helpers/loss-value';

const rows = 4, cols = 3;
const labels = Float32Array.from([2, 0, 1, 2]);

/** Each loss as (prediction, loss(), backward(dpred)) on a fixed batch. */
interface Case {
  name: string;
  pred: Float32Array;
  loss: (pred: Float32Array) => number;
  backward: (pred: Float32Array, dpred: Float32Array) => void;
}

function cases(): Case[] {
  const target = randomArray(rows * cols, 31);
  const signs = Float32Array.from(awayFromZero(rows * cols, 32), (v) => (v < 0 ? -1 : 1));
  const bits = Float32Array.from(randomArray(rows * cols, 33, 0, 1), (v) => (v < 0.5 ? 0 : 1));
  const probs = new Float32Array(rows * cols);
  // mae: keep p − t away from 0; hinge: keep a away from 0 (both have kinks there).
  const maePred = Float32Array.from(awayFromZero(rows * cols, 34), (v, i) => target[i] + v);
  return [
    { name: 'mse', pred: randomArray(rows * cols, 35), loss: (p) => lossOf((o) => L.mse(p, target, rows, cols, o)), backward: (p, d) => L.mseBackward(p, target, d, rows, cols) },
    {
      name: 'squaredError sum ×0.5',
      pred: randomArray(rows * cols, 40),
      loss: (p) => lossOf((o) => L.squaredError(p, target, rows, cols, 'sum', 0.5, o)),
      backward: (p, d) => L.squaredErrorBackward(p, target, d, rows, cols, 'sum', 0.5),
    },
    {
      name: 'squaredError mean ×3',
      pred: randomArray(rows * cols, 41),
      loss: (p) => lossOf((o) => L.squaredError(p, target, rows, cols, 'mean', 3, o)),
      backward: (p, d) => L.squaredErrorBackward(p, target, d, rows, cols, 'mean', 3),
    },
    { name: 'mae', pred: maePred, loss: (p) => lossOf((o) => L.mae(p, target, rows, cols, o)), backward: (p, d) => L.maeBackward(p, target, d, rows, cols) },
    { name: 'hinge', pred: awayFromZero(rows * cols, 36), loss: (p) => lossOf((o) => L.hinge(p, signs, rows, cols, o)), backward: (p, d) => L.hingeBackward(p, signs, d, rows, cols) },
    {
      name: 'softmaxCrossEntropy',
      pred: randomArray(rows * cols, 37, -4, 4),
      loss: (p) => lossOf((o) => L.softmaxCrossEntropy(p, labels, probs, rows, cols, o)),
      backward: (p, d) => {
        lossOf((o) => L.softmaxCrossEntropy(p, labels, probs, rows, cols, o));
        L.softmaxCrossEntropyBackward(probs, labels, d, rows, cols);
      },
    },
    {
      name: 'sigmoidBinaryCrossEntropy',
      pred: randomArray(rows * cols, 38, -4, 4),
      loss: (p) => lossOf((o) => L.sigmoidBinaryCrossEntropy(p, bits, probs, rows, cols, o)),
      backward: (p, d) => L.sigmoidBinaryCrossEntropyBackward(p, bits, d, rows, cols),
    },
    { name: 'nll', pred: randomArray(rows * cols, 39, -3, 0), loss: (p) => lossOf((o) => L.nll(p, labels, rows, cols, o)), backward: (_p, d) => L.nllBackward(labels, d, rows, cols) },
  ];
}

describe.each(cases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it('passes a finite-difference check', () => {
    const d = new Float32Array(c.pred.length);
    c.backward(c.pred, d);
    gradcheck({ pred: c.pred }, () => c.loss(c.pred), { pred: d }, { name: c.name, atol: 1e-4 });
  });

  it('backward accumulates (twice = double)', () => {
    const once = new Float32Array(c.pred.length), twice = new Float32Array(c.pred.length);
    c.backward(c.pred, once);
    c.backward(c.pred, twice);
    c.backward(c.pred, twice);
    for (let i = 0; i < once.length; i++) expect(twice[i]).toBeCloseTo(2 * once[i], 7);
  });

  it('a NaN prediction gives a NaN loss', () => {
    const p = c.pred.slice();
    p[3] = Number.NaN; // row 1, column 0 = that row's label (nll only reads labelled entries)
    expect(c.loss(p)).toBeNaN();
  });
});

describe('loss values', () => {
  it('mse and mae average over rows·cols (torch MSELoss / L1Loss)', () => {
    const p = Float32Array.from([1, 2, 3, 4]), t = Float32Array.from([0, 2, 5, 4]);
    expect(lossOf((o) => L.mse(p, t, 2, 2, o))).toBe((1 + 0 + 4 + 0) / 4);
    expect(lossOf((o) => L.mae(p, t, 2, 2, o))).toBe((1 + 0 + 2 + 0) / 4);
    const d = new Float32Array(4);
    L.maeBackward(p, t, d, 2, 2);
    expect(Array.from(d)).toEqual([0.25, 0, -0.25, 0]); // sign(0) = 0
  });

  it("squaredError: 'sum' adds the squares, scale multiplies; ½·sum has the gradient p − t (the lectures' ½(y − ŷ)²)", () => {
    const p = Float32Array.from([1, 2, 3, 4]), t = Float32Array.from([0, 2, 5, 4]);
    expect(lossOf((o) => L.squaredError(p, t, 2, 2, 'sum', 0.5, o))).toBe(2.5);
    expect(lossOf((o) => L.squaredError(p, t, 2, 2, 'sum', 1, o))).toBe(5);
    expect(lossOf((o) => L.squaredError(p, t, 2, 2, 'mean', 0.5, o))).toBe(0.625);
    expect(lossOf((o) => L.squaredError(p, t, 2, 2, 'mean', 1, o))).toBe(lossOf((o) => L.mse(p, t, 2, 2, o)));
    const d = new Float32Array(4);
    L.squaredErrorBackward(p, t, d, 2, 2, 'sum', 0.5);
    expect(Array.from(d)).toEqual([1, 0, -2, 0]);
    d.fill(0);
    L.squaredErrorBackward(p, t, d, 2, 2, 'mean', 1);
    expect(Array.from(d)).toEqual([0.5, 0, -1, 0]);
  });

  it('hinge gives a gradient at a = 0, so a zero-initialised perceptron learns', () => {
    const a = new Float32Array(4), t = Float32Array.from([1, -1, 1, -1]);
    expect(lossOf((o) => L.hinge(a, t, 4, 1, o))).toBe(0);
    const d = new Float32Array(4);
    L.hingeBackward(a, t, d, 4, 1);
    expect(Array.from(d)).toEqual([-0.25, 0.25, -0.25, 0.25]);
    const ok = Float32Array.from([2, -2, 0.5, -1]);
    expect(lossOf((o) => L.hinge(ok, t, 4, 1, o))).toBe(0);
    d.fill(0);
    L.hingeBackward(ok, t, d, 4, 1);
    expect(Array.from(d)).toEqual([0, 0, 0, 0]);
    expect(lossOf((o) => L.hinge(Float32Array.from([-3]), Float32Array.from([1]), 1, 1, o))).toBe(3);
  });

  it('softmaxCrossEntropy: ln(cols) for equal logits, finite for ±1000, writes probabilities', () => {
    const probs = new Float32Array(6);
    expect(lossOf((o) => L.softmaxCrossEntropy(new Float32Array(6), Float32Array.from([0, 2]), probs, 2, 3, o))).toBeCloseTo(Math.log(3), 6);
    for (const p of probs) expect(p).toBeCloseTo(1 / 3, 6);
    const z = Float32Array.from([1000, -1000, 0, -1000, 1000, 0]);
    const loss = lossOf((o) => L.softmaxCrossEntropy(z, Float32Array.from([0, 0]), probs, 2, 3, o));
    expect(loss).toBeCloseTo((0 + 2000) / 2, 3);
    for (const p of probs) expect(Number.isFinite(p)).toBe(true);
  });

  it('sigmoidBinaryCrossEntropy is finite for |z| = 100 and matches the log form', () => {
    const probs = new Float32Array(4);
    const z = Float32Array.from([100, -100, 100, -100]), t = Float32Array.from([1, 0, 0, 1]);
    const loss = lossOf((o) => L.sigmoidBinaryCrossEntropy(z, t, probs, 2, 2, o));
    expect(loss).toBeCloseTo((0 + 0 + 100 + 100) / 4, 6);
    expect(probs[0]).toBe(1);
    expect(probs[1]).toBeLessThan(1e-40); // e^-100 is a float32 denormal
    expect(probs[1]).toBeGreaterThanOrEqual(0);
    const d = new Float32Array(4);
    L.sigmoidBinaryCrossEntropyBackward(z, t, d, 2, 2);
    const wantGrad = [0, 0, 0.25, -0.25];
    for (let i = 0; i < 4; i++) expect(d[i]).toBeCloseTo(wantGrad[i], 12);
    const zs = Float32Array.from([0.3]);
    const want = -Math.log(1 / (1 + Math.exp(-0.3)));
    expect(lossOf((o) => L.sigmoidBinaryCrossEntropy(zs, Float32Array.from([1]), probs, 1, 1, o))).toBeCloseTo(want, 6);
  });

  it('nll is −mean logp[label] and its gradient is −1/rows at the label', () => {
    const logp = Float32Array.from([-1, -2, -3, -0.5, -1.5, -2.5]);
    expect(lossOf((o) => L.nll(logp, Float32Array.from([2, 0]), 2, 3, o))).toBeCloseTo((3 + 0.5) / 2, 7);
    const d = new Float32Array(6);
    L.nllBackward(Float32Array.from([2, 0]), d, 2, 3);
    expect(Array.from(d)).toEqual([0, 0, -0.5, -0.5, 0, 0]);
  });

  it('rejects labels outside [0, cols) instead of reading another row', () => {
    const buf = new Float32Array(6);
    for (const bad of [3, -1, 1.5, Number.NaN]) {
      const lab = Float32Array.from([0, bad]);
      expect(() => lossOf((o) => L.softmaxCrossEntropy(buf, lab, buf.slice(), 2, 3, o))).toThrow(RangeError);
      expect(() => L.softmaxCrossEntropyBackward(buf, lab, buf.slice(), 2, 3)).toThrow(/row 1/);
      expect(() => lossOf((o) => L.nll(buf, lab, 2, 3, o))).toThrow(/not a class index in \[0, 3\)/);
      expect(() => L.nllBackward(lab, buf.slice(), 2, 3)).toThrow(RangeError);
    }
  });
});
