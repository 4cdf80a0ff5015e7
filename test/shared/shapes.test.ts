import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/shared/graph';
import { nodeSpecs } from '../../src/shared/nodes';
import { declaredWeights } from '../../src/shared/nodes/weights';
import { chain, classes } from './graph-fixtures';

describe('shape inference of single nodes', () => {
  it('input takes the data shape, or asks for data', () => {
    expect(nodeSpecs.input.inferShape([], {}, { dataShape: [1, 28, 28] })).toEqual({ shape: [1, 28, 28] });
    expect(nodeSpecs.input.inferShape([], {}, {})).toEqual({ error: 'No data chosen yet: pick a dataset so the Input knows its shape' });
  });

  it('dense needs a flat input and outputs [units]', () => {
    const p = { units: 16, useBias: true, init: 'glorotUniform' as const, l1: 0, l2: 0 };
    expect(nodeSpecs.dense.inferShape([[784]], p, {})).toEqual({ shape: [16] });
    expect(nodeSpecs.dense.inferShape([[1, 28, 28]], p, {})).toEqual({
      error: 'Dense expects a flat input but gets [1, 28, 28]',
      help: 'add a Flatten before it',
    });
  });

  it('dense declares kernel [inputs, units] and bias [units], without bias when disabled', () => {
    const declared = (useBias: boolean) => declaredWeights(nodeSpecs.dense, [[3]], { units: 5, useBias, init: 'lecunNormal', l1: 0, l2: 0 });
    expect(declared(true).map(({ name, shape, init, trainable, decay }) => ({ name, shape, init, trainable, decay }))).toEqual([
      { name: 'kernel', shape: [3, 5], init: 'lecunNormal', trainable: true, decay: true },
      { name: 'bias', shape: [5], init: 'zeros', trainable: true, decay: true },
    ]);
    expect(declared(false).map((w) => w.name)).toEqual(['kernel']);
    expect(declared(true)[0]!.fans!([3, 5])).toEqual([3, 5]);
  });

  it('activations keep the shape; softmax and logSoftmax need rank 1', () => {
    const act = { activityRegularizer: 'none', activityL1: 0.01, rho: 0.05, sparsityWeight: 1 } as const;
    expect(nodeSpecs.relu.inferShape([[1, 8, 8]], act, {})).toEqual({ shape: [1, 8, 8] });
    expect(nodeSpecs.leakyRelu.inferShape([[4]], { alpha: 0.1, ...act }, {})).toEqual({ shape: [4] });
    expect(nodeSpecs.softmax.inferShape([[10]], act, {})).toEqual({ shape: [10] });
    expect(nodeSpecs.softmax.inferShape([[2, 5]], act, {})).toEqual({ error: 'Softmax expects a flat input but gets [2, 5]', help: 'add a Flatten before it' });
    expect(nodeSpecs.logSoftmax.inferShape([[2, 5]], act, {})).toEqual({ error: 'LogSoftmax expects a flat input but gets [2, 5]', help: 'add a Flatten before it' });
  });

  it('a loss reports its prediction shape', () => {
    expect(nodeSpecs.mse.inferShape([[1, 28, 28]], { target: 'input', reduction: 'mean', scale: 1 }, {})).toEqual({ shape: [1, 28, 28] });
  });
});

describe('shape inference through a graph', () => {
  it('propagates shapes along a chain', () => {
    const a = analyzeGraph(chain(['x', 'input'], ['h', 'dense', { units: 5 }], ['t', 'tanh'], ['o', 'dense', { units: 3 }], ['s', 'softmax'], ['L', 'crossEntropy']), classes(3, [4]));
    expect(a.issues).toEqual([]);
    expect(a.order.map((n) => [n.id, n.shape])).toEqual([
      ['x', [4]], ['h', [5]], ['t', [5]], ['o', [3]], ['s', [3]], ['L', [3]],
    ]);
    expect(a.byId.get('o')!.inputShapes).toEqual([[5]]);
    expect(a.byId.get('h')!.params).toEqual({ units: 5, useBias: true, init: 'glorotUniform', l1: 0, l2: 0 });
  });

  it('stops at a shape error and leaves later shapes unknown', () => {
    const a = analyzeGraph(chain(['x', 'input'], ['h', 'dense'], ['s', 'sigmoid'], ['L', 'mse']), { dataShape: [1, 28, 28] });
    expect(a.issues).toEqual([{ nodeId: 'h', message: 'Dense expects a flat input but gets [1, 28, 28]', help: 'add a Flatten before it' }]);
    expect(a.byId.get('x')!.shape).toEqual([1, 28, 28]);
    expect(a.byId.get('h')!.shape).toBeNull();
    expect(a.byId.get('s')!.shape).toBeNull();
    expect(a.order.map((n) => n.id)).toEqual(['x', 'h', 's', 'L']);
  });

  it('without data, only the input complains', () => {
    const a = analyzeGraph(chain(['x', 'input'], ['h', 'dense'], ['L', 'mse']), {});
    expect(a.issues).toEqual([{ nodeId: 'x', message: 'No data chosen yet: pick a dataset so the Input knows its shape' }]);
  });
});
