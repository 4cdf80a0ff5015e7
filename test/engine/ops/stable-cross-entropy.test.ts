/**
 * The fused losses are computed from the logits in a stable form (logsumexp − z[label]; the
 * log1p form for sigmoid + BCE). A naive −log(softmax(z)[label]) or exp without the max
 * subtracted goes infinite or NaN long before ±1000; these pin the stable form at moderate,
 * realistic logit sizes, and through a compiled model (where the fusion must actually happen).
 */
import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropy, softmaxCrossEntropyBackward, sigmoidBinaryCrossEntropy } from '../../../src/engine/ops/losses';
import { compileModel } from '../../../src/engine/compile';
import { chainGraph } from '../../helpers/projects';
import { lossOf } from '../../helpers/loss-value';

const logsumexp = (z: number[]) => {
  const m = Math.max(...z);
  return m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
};

function crossEntropy(z: number[], labels: number[], cols: number) {
  const probs = new Float32Array(z.length);
  const loss = lossOf((o) => softmaxCrossEntropy(Float32Array.from(z), Float32Array.from(labels), probs, labels.length, cols, o));
  const grad = new Float32Array(z.length);
  softmaxCrossEntropyBackward(probs, Float32Array.from(labels), grad, labels.length, cols);
  return { loss, probs: Array.from(probs), grad: Array.from(grad) };
}

describe('softmax cross-entropy in stable form', () => {
  it('a confidently wrong prediction costs the logit gap (≈ 120 here), not Infinity', () => {
    // p[label] = e^−120 ≈ 8e−53 underflows float32 to 0: −log of the stored probability would be ∞.
    const z = [60, -60, 0];
    const { loss, probs, grad } = crossEntropy(z, [1], 3);
    expect(loss).toBeCloseTo(logsumexp(z) - z[1], 9);
    expect(loss).toBeCloseTo(120, 6);
    expect(probs[1]).toBe(0);
    expect(grad).toEqual([expect.closeTo(1, 9), expect.closeTo(-1, 9), expect.closeTo(0, 9)]);
  });

  it('is invariant to shifting every logit by the same amount (exp without the max overflows)', () => {
    const base = [2, -1, 0.5, 3];
    const reference = crossEntropy(base, [2], 4);
    for (const shift of [-80, 90, 150, 500]) {
      const shifted = crossEntropy(base.map((v) => v + shift), [2], 4);
      expect(shifted.loss, `shift ${shift}`).toBeCloseTo(reference.loss, 4);
      shifted.probs.forEach((p, j) => expect(p, `shift ${shift}, p[${j}]`).toBeCloseTo(reference.probs[j], 6));
      shifted.grad.forEach((g, j) => expect(g, `shift ${shift}, grad[${j}]`).toBeCloseTo(reference.grad[j], 6));
    }
  });

  it('each row’s gradient p − onehot sums to zero and stays finite at large logits', () => {
    const { grad } = crossEntropy([200, -200, 0, 0, 0, 400], [0, 1], 3);
    for (const g of grad) expect(Number.isFinite(g)).toBe(true);
    expect(grad[0] + grad[1] + grad[2]).toBeCloseTo(0, 9);
    expect(grad[3] + grad[4] + grad[5]).toBeCloseTo(0, 9);
    expect(grad[4]).toBeCloseTo(-0.5, 9); // row 2 mistakes label 1 for class 2 completely: (0 − 1)/2
  });

  it('sigmoid + BCE: a confidently wrong logit of ±150 costs 150', () => {
    const probs = new Float32Array(2);
    expect(lossOf((o) => sigmoidBinaryCrossEntropy(Float32Array.from([150, -150]), Float32Array.from([0, 1]), probs, 2, 1, o))).toBeCloseTo(150, 6);
  });
});

describe('through a compiled model the loss reads the logits', () => {
  /** x (2 features) → Dense(k) with the given kernel, no bias → activation → loss. */
  function model(activation: string, loss: string, kernel: number[], units: number) {
    return compileModel(chainGraph([['x', 'input'], ['z', 'dense', { units, useBias: false }], ['a', activation], ['loss', loss]]), {
      dataShape: [2], batchSize: 2, task: 'classification', numClasses: 2, targetSize: 1, seed: 1,
      weights: { z: { kernel: { shape: [2, units], data: Float32Array.from(kernel) } } },
    });
  }

  it('softmax → crossEntropy: logits of ±100 give a finite loss and gradients', () => {
    const m = model('softmax', 'crossEntropy', [100, -100, 0, 0], 2);
    // Row 1: logits (100, −100), label 1 (wrong by 200). Row 2: logits (0, 0), label 0 (ln 2).
    const loss = m.forward(Float32Array.from([1, 0, 0, 1]), 2, Float32Array.from([1, 0]), false);
    expect(loss).toBeCloseTo((200 + Math.log(2)) / 2, 4);
    m.backward();
    for (const p of m.params) for (const g of p.grad) expect(Number.isFinite(g)).toBe(true);
    expect(Array.from(m.params[0].grad)).toEqual([expect.closeTo(0.5, 6), expect.closeTo(-0.5, 6), expect.closeTo(-0.25, 6), expect.closeTo(0.25, 6)]);
  });

  it('sigmoid → binaryCrossEntropy: a logit of 120 against label 0 costs 120', () => {
    const m = model('sigmoid', 'binaryCrossEntropy', [120, 0], 1);
    const loss = m.forward(Float32Array.from([1, 0, 0, 1]), 2, Float32Array.from([0, 1]), false);
    expect(loss).toBeCloseTo((120 + Math.log(2)) / 2, 4);
    m.backward();
    for (const g of m.params[0].grad) expect(Number.isFinite(g)).toBe(true);
  });
});
