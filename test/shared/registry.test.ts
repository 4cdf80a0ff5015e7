import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { categories, defaultParams, getNodeSpec, isNodeType, nodeSpecs, nodeTypes, nodeTypesIn, type NodeParams, type NodeType } from '../../src/shared/nodes';
import { checkParamValue, describeLimits } from '../../src/shared/nodes/params';
import type { NodeSpec } from '../../src/shared/nodes/types';

const specs = Object.entries(nodeSpecs) as [string, NodeSpec][];
const repo = path.resolve(__dirname, '../..');
/** maxPool2d → max-pool2d: the file name of a type's spec and engine files. */
const fileName = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

describe('node registry', () => {
  it.each(nodeTypes.map((t) => [t, fileName(t)] as const))('%s: a spec file and an engine file of the same name (%s.ts)', async (type, file) => {
    // The spec module is imported rather than read as text: under mutation testing the source
    // files are instrumented, and the text no longer holds `type: '...'` literally.
    const specModule = (await import(path.join(repo, 'src/shared/nodes', `${file}.ts`))) as Record<string, NodeSpec | undefined>;
    const engine = readFileSync(path.join(repo, 'src/engine/nodes', `${file}.ts`), 'utf8');
    expect(specModule[type]?.type).toBe(type);
    expect(engine).toMatch(new RegExp(`^export const ${type}\\b`, 'm'));
  });

  it.each(specs)('%s: type equals its key, texts are present', (key, spec) => {
    expect(spec.type).toBe(key);
    expect(spec.label.length).toBeGreaterThan(0);
    expect(spec.description.length).toBeGreaterThan(30);
    expect(spec.formula?.length).toBeGreaterThan(0);
    expect(categories.map((c) => c.id)).toContain(spec.category);
  });

  it.each(specs)('%s: every param default is within its own limits', (_key, spec) => {
    for (const [name, param] of Object.entries(spec.params)) {
      expect(checkParamValue(param, param.default), `${name}`).toBeNull();
      expect(param.label.length).toBeGreaterThan(0);
      if (param.kind === 'enum') expect(param.options).toContain(param.default);
    }
  });

  it.each(specs)('%s: ports follow the rules (non-losses output `out`, losses are sinks with loss info)', (_key, spec) => {
    if (spec.category === 'loss') {
      expect(spec.outputs).toEqual([]);
      expect(spec.loss).toBeDefined();
      expect(spec.inputs.map((p) => p.id)).toEqual(['in']);
      expect(Object.keys(spec.params)[0]).toBe('target'); // every loss has `target` first; MSE adds reduction and scale
    } else {
      expect(spec.outputs.map((p) => p.id)).toEqual(['out']);
      expect(spec.loss).toBeUndefined();
    }
    const requires = spec.loss?.requires;
    if (requires) {
      expect(isNodeType(requires)).toBe(true);
      expect(spec.loss!.requiresMessage).toMatch(/before it$/);
    }
  });

  it.each(specs)('%s: declared weights have unique names, buffers are never decayed, random inits declare their fans', (_key, spec) => {
    const weights = spec.weights ?? [];
    expect(new Set(weights.map((w) => w.name)).size).toBe(weights.length);
    for (const w of weights) {
      if (!w.trainable) expect(w.decay, w.name).toBe(false);
      const constant = w.init === 'zeros' || w.init === 'ones';
      if (!constant) expect(w.fans, `${w.name} needs fans for its random init`).toBeDefined();
    }
  });

  it('gives the losses their pairing and target encodings', () => {
    const info = (t: string) => getNodeSpec(t)!.loss!;
    expect(info('crossEntropy')).toMatchObject({ requires: 'softmax', classTargets: 'index', requiresMessage: 'Cross-entropy needs probabilities: add a Softmax before it' });
    expect(info('binaryCrossEntropy')).toMatchObject({ requires: 'sigmoid', classTargets: 'binary', requiresMessage: 'Binary cross-entropy needs a probability: add a Sigmoid before it' });
    expect(info('nll')).toMatchObject({ requires: 'logSoftmax', classTargets: 'index', requiresMessage: 'NLL needs log-probabilities: add a LogSoftmax before it' });
    expect(info('mse')).toEqual({ classTargets: 'binary' });
    expect(info('mae')).toEqual({ classTargets: 'binary' });
    expect(info('hinge')).toEqual({ classTargets: 'signed' });
  });

  it('explains the straight-through estimator on step and sign', () => {
    for (const t of ['step', 'sign']) {
      const text = getNodeSpec(t)!.description;
      expect(text).toContain('straight-through estimator');
      expect(text).toContain("Rosenblatt's perceptron rule Δw = η(y − ŷ)x (up to the constant 2/n)");
    }
  });

  it('looks types up safely', () => {
    expect(isNodeType('dense')).toBe(true);
    expect(isNodeType('toString')).toBe(false);
    expect(isNodeType('Dense')).toBe(false);
    expect(getNodeSpec('constructor')).toBeUndefined();
    expect(getNodeSpec('relu')?.label).toBe('ReLU');
  });

  it('lists categories in palette order and groups every type', () => {
    expect(categories.map((c) => c.label)).toEqual(['Inputs', 'Layers', 'Activations', 'Regularization', 'Merge', 'Losses']);
    expect(categories.flatMap((c) => nodeTypesIn(c.id)).sort()).toEqual([...nodeTypes].sort());
    expect(nodeTypesIn('loss')).toEqual(nodeTypes.filter((t) => getNodeSpec(t)!.loss !== undefined));
  });

  it('builds fresh default params', () => {
    const activity = { activityRegularizer: 'none', activityL1: 0.01, rho: 0.05, sparsityWeight: 1 };
    expect(defaultParams('dense')).toEqual({ units: 8, useBias: true, init: 'glorotUniform', l1: 0, l2: 0 });
    expect(defaultParams('leakyRelu')).toEqual({ alpha: 0.01, ...activity });
    expect(defaultParams('elu')).toEqual({ alpha: 1, ...activity });
    expect(defaultParams('crossEntropy')).toEqual({ target: 'labels' });
    expect(defaultParams('relu')).toEqual(activity);
    const a = defaultParams('dense');
    a.units = 3;
    expect(defaultParams('dense').units).toBe(8);
  });

  it('summarises key params for the node face', () => {
    const dense = nodeSpecs.dense;
    expect(dense.summary!({ units: 16, useBias: true, init: 'heNormal', l1: 0, l2: 0 })).toBe('16 units');
    expect(dense.summary!({ units: 1, useBias: true, init: 'heNormal', l1: 0, l2: 0 })).toBe('1 unit');
    const activity = { activityRegularizer: 'none', activityL1: 0.01, rho: 0.05, sparsityWeight: 1 } as const;
    expect(nodeSpecs.leakyRelu.summary!({ alpha: 0.2, ...activity })).toBe('α = 0.2');
  });
});

describe('param values', () => {
  const units = nodeSpecs.dense.params.units;
  it('checks ints, floats, bools and enums with the limit in the text', () => {
    expect(checkParamValue(units, 0)).toBe('Units must be at least 1 (got 0)');
    expect(checkParamValue(units, 5000)).toBe('Units must be at most 4096 (got 5000)');
    expect(checkParamValue(units, 2.5)).toBe('Units must be a whole number (got 2.5)');
    expect(checkParamValue(units, '8')).toBe("Units must be a number (got '8')");
    expect(checkParamValue(nodeSpecs.elu.params.alpha, 0)).toBe('α must be greater than 0 (got 0)');
    expect(checkParamValue(nodeSpecs.leakyRelu.params.alpha, 0)).toBeNull();
    expect(checkParamValue(nodeSpecs.dense.params.useBias, 1)).toBe('Use bias must be true or false (got 1)');
    expect(checkParamValue(nodeSpecs.dense.params.init, 'xavier')).toBe(
      "Initialisation must be one of: zeros, uniform, normal, glorotUniform, glorotNormal, heUniform, heNormal, lecunNormal (got 'xavier')",
    );
    expect(checkParamValue({ kind: 'intList', label: 'Shape', default: [1] }, [2, 0])).toBe('Shape must hold whole numbers ≥ 1 (got [2, 0])');
  });

  it('describes limits for docs and forms', () => {
    expect(describeLimits(units)).toBe('an integer from 1 to 4096');
    expect(describeLimits(nodeSpecs.elu.params.alpha)).toBe('a number > 0');
    expect(describeLimits(nodeSpecs.leakyRelu.params.alpha)).toBe('a number ≥ 0');
    expect(describeLimits(nodeSpecs.mse.params.target)).toBe('one of labels, input');
  });
});

describe('types', () => {
  it('derives param value types from the specs', () => {
    expectTypeOf<NodeParams<'dense'>>().toEqualTypeOf<{
      units: number;
      useBias: boolean;
      init: 'zeros' | 'uniform' | 'normal' | 'glorotUniform' | 'glorotNormal' | 'heUniform' | 'heNormal' | 'lecunNormal';
      l1: number;
      l2: number;
    }>();
    type Activity = { activityRegularizer: 'none' | 'l1' | 'kl'; activityL1: number; rho: number; sparsityWeight: number };
    expectTypeOf<NodeParams<'leakyRelu'>>().toEqualTypeOf<{ alpha: number; activityRegularizer: 'none' | 'l1' | 'kl'; activityL1: number; rho: number; sparsityWeight: number }>();
    expectTypeOf<NodeParams<'crossEntropy'>>().toEqualTypeOf<{ target: 'labels' | 'input' }>();
    expectTypeOf<keyof NodeParams<'relu'>>().toEqualTypeOf<keyof Activity>();
    expectTypeOf<NodeParams<'reshape'>>().toEqualTypeOf<{ shape: number[] }>();
    expectTypeOf<'dense'>().toExtend<NodeType>();
    expectTypeOf<'conv2d'>().toExtend<NodeType>();
    expectTypeOf<'lstm'>().not.toExtend<NodeType>();
  });
});
