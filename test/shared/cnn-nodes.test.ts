/** The image, regularisation and merge node types: shapes, messages, variadic ports, penalties' params. */
import { declaredWeights } from '../../src/shared/nodes/weights';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/shared/graph';
import { checkConnection } from '../../src/shared/graph-connection';
import type { Graph } from '../../src/shared/graph-types';
import { getNodeSpec, nodeSpecs, nodeTypesIn } from '../../src/shared/nodes';
import { axisGeometry } from '../../src/shared/nodes/conv-geometry';
import { validateProject } from '../../src/shared/project';
import { chain, classes, edge, node } from './graph-fixtures';
import { rawProject } from './project-fixtures';

const shapeOf = (type: string, inputs: number[][], params: Record<string, unknown> = {}) => {
  const g = chain(['x', 'input'], ['n', type, params]);
  g.nodes.push(node('L', 'mse', { target: 'labels' }));
  g.edges.push(edge('n', 'L'));
  const a = analyzeGraph(g, { dataShape: inputs[0] });
  return { shape: a.byId.get('n')!.shape, issues: a.issues.filter((i) => i.nodeId === 'n') };
};

describe('new node types in the palette', () => {
  it('sit in their categories', () => {
    // In this order among the category's types (others may join the category).
    const among = (category: Parameters<typeof nodeTypesIn>[0], types: string[]) => nodeTypesIn(category).filter((t) => types.includes(t));
    expect(among('layer', ['conv2d', 'maxPool2d', 'avgPool2d', 'flatten', 'reshape'])).toEqual(['conv2d', 'maxPool2d', 'avgPool2d', 'flatten', 'reshape']);
    expect(among('regularization', ['dropout', 'gaussianNoise'])).toEqual(['dropout', 'gaussianNoise']);
    expect(among('merge', ['add', 'concat'])).toEqual(['add', 'concat']);
    expect(nodeSpecs.dropout.trainingOnly).toBe(true);
    expect(nodeSpecs.gaussianNoise.trainingOnly).toBe(true);
    expect(nodeSpecs.add.inputs).toEqual([{ id: 'in', label: 'in', variadic: true }]);
  });

  it('summarise their key params', () => {
    const conv = { filters: 16, kernelSize: 5, stride: 2, padding: 'same', useBias: true, init: 'glorotUniform', l1: 0, l2: 0 } as const;
    expect(nodeSpecs.conv2d.summary!(conv)).toBe('16 5×5 filters, stride 2, same');
    expect(nodeSpecs.conv2d.summary!({ ...conv, filters: 1, stride: 1, padding: 'valid' })).toBe('1 5×5 filter');
    expect(nodeSpecs.maxPool2d.summary!({ poolSize: 2, stride: 0 })).toBe('2×2');
    expect(nodeSpecs.avgPool2d.summary!({ poolSize: 3, stride: 1 })).toBe('3×3, stride 1');
    expect(nodeSpecs.reshape.summary!({ shape: [1, 28, 28] })).toBe('→ [1, 28, 28]');
    const act = { activityRegularizer: 'kl', activityL1: 0.01, rho: 0.05, sparsityWeight: 1 } as const;
    expect(nodeSpecs.sigmoid.summary!(act)).toBe('KL ρ = 0.05');
    expect(nodeSpecs.elu.summary!({ ...act, alpha: 1, activityRegularizer: 'l1' })).toBe('α = 1, L1 activity 0.01');
  });
});

describe('shapes', () => {
  it('conv2d: valid and same padding, strides, NCHW kernel', () => {
    expect(shapeOf('conv2d', [[1, 28, 28]]).shape).toEqual([8, 26, 26]);
    expect(shapeOf('conv2d', [[3, 28, 28]], { filters: 4, padding: 'same' }).shape).toEqual([4, 28, 28]);
    expect(shapeOf('conv2d', [[3, 28, 27]], { stride: 2 }).shape).toEqual([8, 13, 13]);
    expect(shapeOf('conv2d', [[3, 28, 27]], { stride: 2, padding: 'same' }).shape).toEqual([8, 14, 14]);
    const weights = declaredWeights(nodeSpecs.conv2d, [[3, 8, 8]], { filters: 4, kernelSize: 5, stride: 1, padding: 'valid', useBias: true, init: 'heNormal', l1: 0, l2: 0 });
    expect(weights.map((w) => [w.name, w.shape, w.init])).toEqual([['kernel', [4, 3, 5, 5], 'heNormal'], ['bias', [4], 'zeros']]);
    // the receptive field counts in both fans: fan-in channels·k·k, fan-out filters·k·k
    expect(weights[0]!.fans!(weights[0]!.shape)).toEqual([3 * 25, 4 * 25]);
  });

  it('same padding puts the smaller half first, as PyTorch and Keras', () => {
    expect(axisGeometry(5, 4, 1, 'same')).toEqual({ out: 5, padBefore: 1 }); // 3 zeros: 1 before, 2 after
    expect(axisGeometry(7, 3, 2, 'same')).toEqual({ out: 4, padBefore: 1 });
    expect(axisGeometry(8, 3, 2, 'same')).toEqual({ out: 4, padBefore: 0 });
    expect(axisGeometry(2, 3, 1, 'valid')).toEqual({ out: 0, padBefore: 0 });
  });

  it('conv2d needs an image, in words a student understands', () => {
    expect(shapeOf('conv2d', [[784]]).issues).toEqual([
      { nodeId: 'n', message: 'Conv2D expects an image [channels, height, width] but gets [784]', help: 'add a Reshape to [1, 28, 28]' },
    ]);
    expect(shapeOf('conv2d', [[10]]).issues[0]!.help).toBe('add a Reshape to [channels, height, width], e.g. [1, 28, 28]');
    expect(shapeOf('conv2d', [[1, 2, 5]]).issues[0]!.message).toBe("Conv2D's 3×3 window does not fit in its 2×5 input [1, 2, 5]");
    expect(shapeOf('conv2d', [[1, 2, 5]], { padding: 'same' }).shape).toEqual([8, 2, 5]);
  });

  it('pooling: stride 0 means the pool size; no padding', () => {
    expect(shapeOf('maxPool2d', [[8, 26, 26]]).shape).toEqual([8, 13, 13]);
    expect(shapeOf('avgPool2d', [[8, 7, 7]], { poolSize: 3, stride: 2 }).shape).toEqual([8, 3, 3]);
    expect(shapeOf('maxPool2d', [[8, 7, 7]], { poolSize: 2 }).shape).toEqual([8, 3, 3]);
    expect(shapeOf('maxPool2d', [[64]]).issues[0]!.message).toBe('MaxPool2D expects an image [channels, height, width] but gets [64]');
    expect(shapeOf('avgPool2d', [[2, 1, 4]]).issues[0]!.message).toBe("AvgPool2D's 2×2 window does not fit in its 1×4 input [2, 1, 4]");
  });

  it('flatten and reshape keep the number of values and say both sizes when they differ', () => {
    expect(shapeOf('flatten', [[8, 13, 13]]).shape).toEqual([1352]);
    expect(shapeOf('reshape', [[784]]).shape).toEqual([1, 28, 28]);
    expect(shapeOf('reshape', [[64]]).issues).toEqual([
      { nodeId: 'n', message: 'Reshape to [1, 28, 28] needs 784 values, but its input [64] has 64', help: 'choose sizes whose product is 64, e.g. [1, 8, 8]' },
    ]);
    expect(shapeOf('reshape', [[10]], { shape: [] }).issues[0]!.message).toBe('Reshape needs a target shape');
  });

  it('dropout and noise keep the shape; KL sparsity is only allowed on a Sigmoid', () => {
    expect(shapeOf('dropout', [[3, 4, 4]]).shape).toEqual([3, 4, 4]);
    expect(shapeOf('gaussianNoise', [[5]]).shape).toEqual([5]);
    expect(shapeOf('sigmoid', [[5]], { activityRegularizer: 'kl' }).shape).toEqual([5]);
    expect(shapeOf('relu', [[5]], { activityRegularizer: 'kl' }).issues).toEqual([
      {
        nodeId: 'n',
        message: 'KL sparsity compares average activations with ρ, so they must lie between 0 and 1; ReLU outputs do not',
        help: 'use the KL penalty on a Sigmoid, or choose the L1 activity penalty here',
      },
    ]);
    expect(shapeOf('relu', [[5]], { activityRegularizer: 'l1', activityL1: 0.1 }).shape).toEqual([5]);
    expect(getNodeSpec('sigmoid')!.params.rho).toMatchObject({ min: 0, minExclusive: true, max: 0.99 });
  });
});

/** x → a(dense 4), b(dense 4), c(dense 3) → merge → dense 2 → softmax → CE; `into` lists the merge's sources in edge order. */
function mergeGraph(type: 'add' | 'concat', into: string[], params: Record<string, unknown> = {}): Graph {
  const nodes = [node('x', 'input'), node('a', 'dense', { units: 4 }), node('b', 'dense', { units: 4 }), node('c', 'dense', { units: 3 }),
    node('m', type, params), node('o', 'dense', { units: 2 }), node('s', 'softmax'), node('L', 'crossEntropy')];
  const edges = [edge('x', 'a'), edge('x', 'b'), edge('x', 'c'), ...into.map((src, i) => edge(src, 'm', `in${i}`)), edge('m', 'o'), edge('o', 's'), edge('s', 'L')];
  return { nodes, edges };
}

describe('merges through the variadic port', () => {
  const ctx = classes(2, [5]);

  it('add takes several edges into one port and checks that the shapes are equal', () => {
    const ok = analyzeGraph(mergeGraph('add', ['a', 'b', 'a']), ctx);
    expect(ok.issues).toEqual([]);
    expect(ok.byId.get('m')!.inputs).toEqual(['a', 'b', 'a']);
    expect(ok.byId.get('m')!.shape).toEqual([4]);
    expect(ok.order.map((n) => n.id).indexOf('m')).toBeGreaterThan(ok.order.map((n) => n.id).indexOf('b'));
    expect(analyzeGraph(mergeGraph('add', ['a', 'c']), ctx).issues).toEqual([
      { nodeId: 'm', message: 'Add needs inputs of the same shape, but gets [4] and [3]', help: 'make the shapes equal, e.g. give the layers before it the same number of units' },
    ]);
    expect(analyzeGraph(mergeGraph('add', ['a']), ctx).issues).toEqual([
      { nodeId: 'm', message: 'Add joins two or more inputs but has only one', help: 'connect another node to its input' },
    ]);
    expect(analyzeGraph(mergeGraph('add', []), ctx).issues[0]).toEqual({ nodeId: 'm', message: 'Add has no input: connect a node to its input' });
  });

  it('concat joins in edge order along the axis and names what does not fit', () => {
    expect(analyzeGraph(mergeGraph('concat', ['c', 'a']), ctx).byId.get('m')!.shape).toEqual([7]);
    expect(analyzeGraph(mergeGraph('concat', ['c', 'a'], { axis: 1 }), ctx).issues[0]!.message).toBe(
      'Concat along axis 1 needs inputs with at least 2 dimensions, but gets [3]',
    );
    const imgs = (s1: number[], s2: number[], axis: number) => nodeSpecs.concat.inferShape([s1, s2], { axis }, {});
    expect(imgs([2, 8, 8], [3, 8, 8], 0)).toEqual({ shape: [5, 8, 8] });
    expect(imgs([2, 8, 8], [2, 4, 8], 1)).toEqual({ shape: [2, 12, 8] });
    expect(imgs([2, 8, 8], [3, 4, 8], 1)).toEqual({
      error: 'Concat along axis 1 needs all other sizes to match, but gets [2, 8, 8] and [3, 4, 8]',
      help: 'make the shapes agree everywhere except on the joined axis',
    });
    expect(imgs([2, 8, 8], [16], 0)).toMatchObject({ error: 'Concat needs inputs with the same number of dimensions, but gets [2, 8, 8] and [16]' });
  });

  it('the editor accepts a second edge into a merge, but not one of another shape', () => {
    const g = mergeGraph('add', ['a']);
    const to = (source: string) => ({ source, sourceHandle: 'out', target: 'm', targetHandle: 'in' });
    expect(checkConnection(g, to('b'), ctx)).toBeNull();
    expect(checkConnection(g, to('c'), ctx)).toBe('Add needs inputs of the same shape, but gets [4] and [3]: make the shapes equal, e.g. give the layers before it the same number of units');
    expect(checkConnection(g, to('a'), ctx)).toBe('These two nodes are already connected');
    expect(checkConnection(mergeGraph('add', []), to('c'), ctx)).toBeNull();
    expect(checkConnection(mergeGraph('concat', ['a']), to('c'), ctx)).toBeNull();
    // A Dense still refuses a second edge.
    expect(checkConnection(g, { source: 'b', sourceHandle: 'out', target: 'o', targetHandle: 'in' })).toBe("This input is already connected to 'm': remove that edge first");
  });
});

describe('project files', () => {
  it('a CSV may declare its features an image with imageShape [C, H, W] matching their count', () => {
    const csv = { csv: 'pixels.csv', sha256: 'a'.repeat(64), features: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'], target: 'y', task: 'classification' };
    const withData = (data: Record<string, unknown>) => {
      const raw = rawProject();
      raw.data = data;
      return () => validateProject(raw);
    };
    expect(withData({ ...csv, imageShape: [1, 2, 3] })).not.toThrow();
    expect(withData({ ...csv, imageShape: [1, 3, 3] })).toThrow(
      'data.imageShape: [1, 3, 3] holds 9 values but features lists 6 columns\n  help: make channels × height × width equal the number of feature columns',
    );
    expect(withData({ ...csv, imageShape: [6] })).toThrow('data.imageShape: must be [channels, height, width] (got 1 number)');
    expect(withData({ ...csv, imageShape: [1, 0, 6] })).toThrow('data.imageShape[1]');
  });
});
