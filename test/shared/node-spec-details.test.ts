/**
 * Behaviours of single node specs that the broader graph tests pass through without pinning
 * (each found as a surviving mutant of src/shared/nodes, docs/testing.md): shape refusals at
 * their boundaries, exclusive minimums, summaries, which weights train and decay.
 */
import { describe, expect, it } from 'vitest';
import { getNodeSpec, nodeSpecs } from '../../src/shared/nodes';
import { checkParamValue } from '../../src/shared/nodes/params';
import type { NodeSpec, Shape } from '../../src/shared/nodes/types';
import { formatShape } from '../../src/shared/nodes/types';
import { declaredWeights, hasTrainableWeights } from '../../src/shared/nodes/weights';

const spec = (type: keyof typeof nodeSpecs): NodeSpec => getNodeSpec(type)!;
const defaults = (type: keyof typeof nodeSpecs, overrides: Record<string, unknown> = {}) => {
  const params: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec(type).params)) params[name] = p.default;
  return { ...params, ...overrides };
};
const infer = (type: keyof typeof nodeSpecs, inputs: Shape[], overrides: Record<string, unknown> = {}) =>
  spec(type).inferShape(inputs, defaults(type, overrides) as never, { dataShape: inputs[0] } as never);

describe('merge shapes', () => {
  it('Add refuses inputs of the same rank whose sizes differ in one axis only, and names both', () => {
    const r = infer('add', [[2, 3], [2, 4]]);
    expect('error' in r && r.error).toBe('Add needs inputs of the same shape, but gets [2, 3] and [2, 4]');
    expect(infer('add', [[2, 3], [2, 3], [2, 3]])).toEqual({ shape: [2, 3] });
    expect('error' in infer('add', [[6], [2, 3]])).toBe(true);
  });
});

describe('normalisation layers', () => {
  it.each(['batchNorm', 'layerNorm'] as const)('%s: epsilon must be greater than 0 (0 itself is refused), and 1 is allowed', (type) => {
    const eps = spec(type).params.epsilon!;
    expect(checkParamValue(eps, 0)).toMatch(/must be greater than 0/);
    expect(checkParamValue(eps, 1e-12)).toBeNull();
    expect(checkParamValue(eps, 1)).toBeNull();
    expect(checkParamValue(eps, 1.5)).toMatch(/at most 1/);
  });

  it('Batch normalization takes features [F] or images [C, H, W], not a matrix [H, W]', () => {
    expect(infer('batchNorm', [[5]])).toEqual({ shape: [5] });
    expect(infer('batchNorm', [[3, 4, 4]])).toEqual({ shape: [3, 4, 4] });
    const r = infer('batchNorm', [[4, 4]]);
    expect('error' in r && r.error).toMatch(/needs features \[F\] or an image \[channels, height, width\], but gets \[4, 4\]/);
  });
});

describe('convolution and pooling windows', () => {
  it('Conv2D refuses a valid window larger than its input, and accepts one that just fits', () => {
    const r = infer('conv2d', [[1, 3, 3]], { kernelSize: 5, padding: 'valid' });
    expect('error' in r && r.error).toMatch(/5×5 window does not fit in its 3×3 input/);
    expect(infer('conv2d', [[1, 5, 5]], { kernelSize: 5, padding: 'valid', filters: 4 })).toEqual({ shape: [4, 1, 1] });
  });

  it('Conv2D kernel and bias are trained and decayed; the bias is absent without useBias', () => {
    const weights = declaredWeights(spec('conv2d'), [[2, 6, 6]], defaults('conv2d', { filters: 3, kernelSize: 3, useBias: true }));
    expect(weights.map((w) => [w.name, w.shape, w.trainable, w.decay])).toEqual([
      ['kernel', [3, 2, 3, 3], true, true],
      ['bias', [3], true, true],
    ]);
    expect(declaredWeights(spec('conv2d'), [[2, 6, 6]], defaults('conv2d', { useBias: false })).map((w) => w.name)).toEqual(['kernel']);
  });

  it.each(['maxPool2d', 'avgPool2d'] as const)('%s refuses a window taller or wider than its input, alone or both', (type) => {
    const label = spec(type).label;
    for (const input of [[1, 1, 4], [1, 4, 1], [1, 1, 1]]) {
      const r = infer(type, [input], { poolSize: 2 });
      expect('error' in r && r.error).toBe(`${label}'s 2×2 window does not fit in its ${input[1]}×${input[2]} input [${input.join(', ')}]`);
    }
    expect(infer(type, [[1, 2, 2]], { poolSize: 2 })).toEqual({ shape: [1, 1, 1] });
  });
});

describe('params lists and reshape', () => {
  it('Reshape refuses a size of 0 in its target shape (whole numbers ≥ 1)', () => {
    const shapeSpec = spec('reshape').params.shape!;
    expect(checkParamValue(shapeSpec, [0, 4])).toMatch(/must hold whole numbers ≥ 1/);
    expect(checkParamValue(shapeSpec, [1, 4])).toBeNull();
  });

  it('Reshape to the wrong size suggests the input size itself when it is not a square image', () => {
    const r = infer('reshape', [[10]], { shape: [3, 3] });
    expect('help' in r && r.help).toBe('choose sizes whose product is 10, e.g. [10]');
  });
});

describe('summaries and weight marks', () => {
  it('MSE summarises a sum reduction and a scale, and says nothing at its defaults', () => {
    const summary = spec('mse').summary!;
    expect(summary(defaults('mse') as never)).toBe('target: labels');
    expect(summary(defaults('mse', { reduction: 'sum' }) as never)).toBe('target: labels, sum');
    expect(summary(defaults('mse', { scale: 2 }) as never)).toBe('target: labels, × 2');
    expect(summary(defaults('mse', { reduction: 'sum', scale: 0.5, target: 'input' }) as never)).toBe('target: input, sum × 0.5');
  });

  it('a node is marked trainable when any of its weights trains (Batch normalization keeps untrained running statistics too)', () => {
    expect(hasTrainableWeights(spec('dense'))).toBe(true);
    expect(hasTrainableWeights(spec('batchNorm'))).toBe(true);
    expect((spec('batchNorm').weights ?? []).some((w) => !w.trainable)).toBe(true);
    expect(hasTrainableWeights(spec('relu'))).toBe(false);
    expect(hasTrainableWeights(spec('maxPool2d'))).toBe(false);
  });

  it('shapes are shown with the batch axis first', () => {
    expect(formatShape([3, 28, 28])).toBe('[batch, 3, 28, 28]');
    expect(formatShape([])).toBe('[batch]');
  });

  it('Sign outputs ±1 and passes its gradient straight through; Step does neither mark', () => {
    expect(spec('sign').signedOutput).toBe(true);
    expect(spec('sign').straightThrough).toBe(true);
    expect(spec('step').signedOutput).toBeUndefined();
    expect(spec('relu').straightThrough).toBeUndefined();
  });
});
