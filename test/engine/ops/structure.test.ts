/** Merges (add, concat), dropout, Gaussian noise and flatten/reshape views: values and gradients. */
import { describe, expect, it } from 'vitest';
import { dropoutBackward, dropoutForward, fillDropoutMask } from '../../../src/engine/ops/dropout';
import { Rng } from '../../../src/engine/random';
import { AddLayer } from '../../../src/engine/nodes/add';
import { ConcatLayer } from '../../../src/engine/nodes/concat';
import { DropoutLayer } from '../../../src/engine/nodes/dropout';
import { GaussianNoiseLayer } from '../../../src/engine/nodes/gaussian-noise';
import { gradcheck, projection, randomArray } from '../../helpers/gradcheck';
import { fillInputs, layerGradcheck, runtimeNode } from '../../helpers/layer-harness';

describe('add', () => {
  it('sums its inputs and passes the gradient to each (twice to an input connected twice)', () => {
    const a = runtimeNode('a', 'dense', [4], [], 3), b = runtimeNode('b', 'dense', [4], [], 3);
    const node = runtimeNode('s', 'add', [4], [a, b, a], 3);
    const layer = new AddLayer(node);
    fillInputs([a, b], 3);
    layer.forward(3);
    for (let i = 0; i < 12; i++) expect(node.output[i]).toBeCloseTo(2 * a.output[i] + b.output[i], 6);
    layerGradcheck(layer, 3, { name: 'add' });
    expect(a.grad[5]).toBeCloseTo(2 * node.grad[5], 6);
  });
});

describe('concat', () => {
  it.each([
    ['flat, axis 0', [[3], [5], [2]], 0, [10]],
    ['channels, axis 0', [[2, 3, 4], [1, 3, 4]], 0, [3, 3, 4]],
    ['rows, axis 1', [[2, 3, 4], [2, 1, 4]], 1, [2, 4, 4]],
    ['columns, axis 2', [[2, 3, 4], [2, 3, 2]], 2, [2, 3, 6]],
  ] as const)('%s: joins like torch.cat(dim = axis + 1) and splits the gradient back', (_name, shapes, axis, outShape) => {
    const inputs = shapes.map((s, i) => runtimeNode(`i${i}`, 'dense', [...s], [], 2));
    const node = runtimeNode('c', 'concat', [...outShape], inputs, 2);
    const layer = new ConcatLayer(node, axis);
    fillInputs(inputs, 2);
    layer.forward(2);
    // Reference: index arithmetic on [rows, ...shape] arrays.
    const outer = outShape.slice(0, axis).reduce((a, b) => a * b, 1);
    const want: number[] = [];
    for (let r = 0; r < 2; r++)
      for (let o = 0; o < outer; o++)
        inputs.forEach((n) => {
          const block = n.shape.slice(axis).reduce((a, b) => a * b, 1);
          for (let j = 0; j < block; j++) want.push(n.output[(r * outer + o) * block + j]);
        });
    expect(Array.from(node.output.subarray(0, want.length))).toEqual(want.map((v) => Math.fround(v)));
    layerGradcheck(layer, 2, { name: 'concat' });
  });
});

describe('dropout', () => {
  it('with a fixed mask: y = x·mask and dx = dy·mask pass a finite-difference check', () => {
    const n = 40;
    const x = randomArray(n, 1);
    const mask = new Float32Array(n);
    fillDropoutMask(mask, n, 0.3, new Rng(5));
    const w = randomArray(n, 2);
    const y = new Float32Array(n);
    const dx = new Float32Array(n);
    dropoutBackward(w, mask, dx, n);
    gradcheck({ x }, () => (dropoutForward(x, mask, y, n), projection(y, w)), { x: dx }, { name: 'dropout' });
  });

  it('drops about `rate` of the values, scales the rest by 1/(1 − rate) and is seeded', () => {
    const n = 20000;
    const mask = new Float32Array(n);
    fillDropoutMask(mask, n, 0.25, new Rng(42));
    const kept = mask.filter((v) => v !== 0);
    expect(kept.length / n).toBeGreaterThan(0.74);
    expect(kept.length / n).toBeLessThan(0.76);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.75)]));
    const again = new Float32Array(n);
    fillDropoutMask(again, n, 0.25, new Rng(42));
    expect(again).toEqual(mask);
  });

  it('the layer is the identity at evaluation and routes the gradient through the last mask in training', () => {
    const input = runtimeNode('x', 'dense', [6], [], 4);
    const node = runtimeNode('d', 'dropout', [6], [input], 4);
    const layer = new DropoutLayer(node, 0.5, new Rng(3), 4);
    fillInputs([input], 4);
    layer.forward(4, false);
    expect(node.output.subarray(0, 24)).toEqual(input.output.subarray(0, 24));
    layerGradcheck(layer, 4, { training: false, name: 'dropout at evaluation' });
    layer.forward(4, true);
    const zeros = Array.from(node.output.subarray(0, 24)).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(3);
    node.grad.fill(1);
    input.grad.fill(0);
    layer.backward(4);
    for (let i = 0; i < 24; i++) expect(input.grad[i]).toBe(layer.mask[i]);
  });
});

describe('Gaussian noise', () => {
  it('adds N(0, σ²) in training (seeded), nothing at evaluation, and passes the gradient through', () => {
    const input = runtimeNode('x', 'input', [500], [], 4);
    const node = runtimeNode('n', 'gaussianNoise', [500], [input], 4);
    fillInputs([input], 4);
    const noisy = (seed: number) => {
      new GaussianNoiseLayer(node, 0.5, new Rng(seed)).forward(4, true);
      return node.output.slice(0, 2000);
    };
    const a = noisy(9);
    expect(noisy(9)).toEqual(a);
    let s = 0, s2 = 0;
    for (let i = 0; i < 2000; i++) {
      const e = a[i] - input.output[i];
      s += e;
      s2 += e * e;
    }
    expect(Math.abs(s / 2000)).toBeLessThan(0.05);
    expect(Math.sqrt(s2 / 2000)).toBeGreaterThan(0.45);
    expect(Math.sqrt(s2 / 2000)).toBeLessThan(0.55);
    const layer = new GaussianNoiseLayer(node, 0.5, new Rng(1));
    layer.forward(4, false);
    expect(node.output.subarray(0, 2000)).toEqual(input.output.subarray(0, 2000));
    // dy/dx = 1 whatever the noise: check at evaluation, where forward is deterministic.
    layerGradcheck(layer, 4, { training: false, name: 'noise' });
  });
});
