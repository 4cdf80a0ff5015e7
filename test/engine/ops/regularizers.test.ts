/** Kernel L1/L2, activity L1 and KL sparsity: values and finite-difference gradients. */
import { describe, expect, it } from 'vitest';
import { activityL1, activityL1Backward, kernelPenalty, kernelPenaltyBackward, klSparsity, klSparsityBackward } from '../../../src/engine/ops/regularizers';
import { awayFromZero, gradcheck, randomArray } from '../../helpers/gradcheck';

describe('penalties', () => {
  it('kernel: λ₁Σ|w| + λ₂Σw², gradient λ₁·sign(w) + 2λ₂·w', () => {
    const w = awayFromZero(30, 1);
    expect(kernelPenalty(Float32Array.from([1, -2, 0]), 0.1, 0.01)).toBeCloseTo(0.1 * 3 + 0.01 * 5, 10);
    const g = new Float32Array(30);
    kernelPenaltyBackward(w, g, 0.03, 0.02);
    gradcheck({ w }, () => kernelPenalty(w, 0.03, 0.02), { w: g }, { name: 'kernel penalty' });
    const atZero = new Float32Array(1);
    kernelPenaltyBackward(new Float32Array(1), atZero, 1, 1);
    expect(atZero[0]).toBe(0); // sign(0) = 0, as the derivative PyTorch takes for |w|
  });

  it('activity L1: λ·mean over the batch of Σ|a|', () => {
    const rows = 4, cols = 6;
    const a = awayFromZero(rows * cols, 2);
    let sum = 0;
    a.forEach((v) => (sum += Math.abs(v)));
    expect(activityL1(a, rows, cols, 0.5)).toBeCloseTo((0.5 * sum) / rows, 6);
    const g = new Float32Array(rows * cols);
    activityL1Backward(a, g, rows, cols, 0.5);
    gradcheck({ a }, () => activityL1(a, rows, cols, 0.5), { a: g }, { name: 'activity L1' });
  });

  it('KL sparsity: β Σ_j KL(ρ ‖ ρ̂_j) with ρ̂ the batch mean, and its gradient', () => {
    const rows = 5, cols = 4;
    const a = randomArray(rows * cols, 3, 0.05, 0.6);
    const rhoHat = new Float64Array(cols);
    const value = klSparsity(a, rows, cols, 0.1, 2, rhoHat);
    let want = 0;
    for (let j = 0; j < cols; j++) {
      let q = 0;
      for (let r = 0; r < rows; r++) q += a[r * cols + j] / rows;
      expect(rhoHat[j]).toBeCloseTo(q, 6);
      want += 0.1 * Math.log(0.1 / q) + 0.9 * Math.log(0.9 / (1 - q));
    }
    expect(value).toBeCloseTo(2 * want, 6);
    const g = new Float32Array(rows * cols);
    klSparsityBackward(g, rows, cols, 0.1, 2, rhoHat);
    const scratch = new Float64Array(cols);
    gradcheck({ a }, () => klSparsity(a, rows, cols, 0.1, 2, scratch), { a: g }, { name: 'KL sparsity' });
    expect(klSparsity(new Float32Array(cols).fill(0.1), 1, cols, 0.1, 1, scratch)).toBeCloseTo(0, 6);
  });

  it('KL sparsity stays finite for dead or saturated units', () => {
    const rhoHat = new Float64Array(2);
    const v = klSparsity(Float32Array.from([0, 1, 0, 1]), 2, 2, 0.05, 1, rhoHat);
    expect(Number.isFinite(v)).toBe(true);
    const g = new Float32Array(4);
    klSparsityBackward(g, 2, 2, 0.05, 1, rhoHat);
    expect(g.every(Number.isFinite)).toBe(true);
  });
});
