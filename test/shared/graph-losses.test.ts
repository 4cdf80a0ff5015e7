import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/shared/graph';
import type { ShapeContext } from '../../src/shared/nodes/types';
import { chain, classes, regression } from './graph-fixtures';

/** x → o(dense units) [→ activation] → L(loss) */
function net(units: number, activation: string | null, loss: string, params: Record<string, unknown> = {}) {
  const layers: [string, string, Record<string, unknown>?][] = [['x', 'input'], ['o', 'dense', { units }]];
  if (activation) layers.push(['a', activation]);
  layers.push(['L', loss, params]);
  return chain(...layers);
}

const issues = (graph: ReturnType<typeof net>, ctx: ShapeContext) => analyzeGraph(graph, ctx).issues;

describe('loss pairing', () => {
  it.each([
    ['crossEntropy', 'relu', 'Cross-entropy needs probabilities: add a Softmax before it'],
    ['binaryCrossEntropy', 'softmax', 'Binary cross-entropy needs a probability: add a Sigmoid before it'],
    ['nll', 'softmax', 'NLL needs log-probabilities: add a LogSoftmax before it'],
  ])('%s after %s is refused', (loss, activation, message) => {
    const k = loss === 'binaryCrossEntropy' ? 1 : 2;
    expect(issues(net(k, activation, loss), classes(2))).toEqual([{ nodeId: 'L', message }]);
  });

  it('crossEntropy straight after a Dense is refused', () => {
    expect(issues(net(2, null, 'crossEntropy'), classes(2))).toEqual([{ nodeId: 'L', message: 'Cross-entropy needs probabilities: add a Softmax before it' }]);
  });

  it.each([
    ['crossEntropy', 'softmax', 3],
    ['nll', 'logSoftmax', 3],
    ['binaryCrossEntropy', 'sigmoid', 1],
    ['mse', 'sigmoid', 1],
    ['mse', null, 2],
    ['hinge', null, 1],
    ['mae', 'identity', 2],
  ])('%s after %s with %i outputs fits its data', (loss, activation, units) => {
    const k = units === 3 ? 3 : 2;
    expect(issues(net(units, activation, loss), classes(k))).toEqual([]);
  });
});

describe('loss against classification data', () => {
  it('cross-entropy and NLL need one output per class', () => {
    expect(issues(net(3, 'softmax', 'crossEntropy'), classes(4))).toEqual([
      { nodeId: 'L', message: 'Cross-entropy over 3 outputs but the data has 4 classes', help: 'set the last Dense to 4 units' },
    ]);
    expect(issues(net(1, 'logSoftmax', 'nll'), classes(2))).toEqual([
      { nodeId: 'L', message: 'NLL over 1 output but the data has 2 classes', help: 'set the last Dense to 2 units' },
    ]);
  });

  it('binary cross-entropy needs 1 output and 2 classes', () => {
    expect(issues(net(2, 'sigmoid', 'binaryCrossEntropy'), classes(2))).toEqual([
      { nodeId: 'L', message: 'Binary cross-entropy needs 1 output (the probability of class 1) but gets 2', help: 'set the last Dense to 1 unit' },
    ]);
    expect(issues(net(1, 'sigmoid', 'binaryCrossEntropy'), classes(3))).toEqual([
      { nodeId: 'L', message: 'Binary cross-entropy is for 2 classes but the data has 3 classes', help: 'use a Softmax and Cross-entropy with one unit per class' },
    ]);
  });

  it('MSE, MAE and hinge take 1 output for 2 classes, or one per class', () => {
    expect(issues(net(3, null, 'mse'), classes(2))).toEqual([
      { nodeId: 'L', message: 'MSE over 3 outputs but the data has 2 classes', help: 'set the last Dense to 1 unit (0/1 labels) or 2 units (one per class)' },
    ]);
    expect(issues(net(3, null, 'hinge'), classes(2))).toEqual([
      { nodeId: 'L', message: 'Hinge over 3 outputs but the data has 2 classes', help: 'set the last Dense to 1 unit (±1 labels) or 2 units (one per class)' },
    ]);
    expect(issues(net(1, null, 'mae'), classes(3))).toEqual([
      { nodeId: 'L', message: 'MAE over 1 output but the data has 3 classes', help: 'set the last Dense to 3 units (one per class)' },
    ]);
    expect(issues(net(3, null, 'hinge'), classes(3))).toEqual([]);
  });

  it('skips size checks when the task or class count is unknown', () => {
    expect(issues(net(3, 'softmax', 'crossEntropy'), { dataShape: [2] })).toEqual([]);
    expect(issues(net(3, 'softmax', 'crossEntropy'), { dataShape: [2], task: 'classification' })).toEqual([]);
  });
});

describe('loss against regression data', () => {
  it.each([
    ['crossEntropy', 'softmax', 'Cross-entropy'],
    ['binaryCrossEntropy', 'sigmoid', 'Binary cross-entropy'],
    ['nll', 'logSoftmax', 'NLL'],
    ['hinge', null, 'Hinge'],
  ])('%s is for classes', (loss, activation, label) => {
    expect(issues(net(1, activation, loss), regression(1))).toEqual([
      { nodeId: 'L', message: `${label} is for classes; this data is regression: use MSE`, help: 'replace the loss with MSE (or MAE)' },
    ]);
  });

  it('MSE needs one output per target value', () => {
    expect(issues(net(1, null, 'mse'), regression(1))).toEqual([]);
    expect(issues(net(3, null, 'mse'), regression(1))).toEqual([
      { nodeId: 'L', message: 'MSE over 3 outputs but the data has 1 target value', help: 'set the last Dense to 1 unit' },
    ]);
    expect(issues(net(1, null, 'mae'), regression(2))).toEqual([
      { nodeId: 'L', message: 'MAE over 1 output but the data has 2 target values', help: 'set the last Dense to 2 units' },
    ]);
  });
});

describe("loss with target 'input' (autoencoders)", () => {
  it('accepts a prediction with the input shape, whatever the task', () => {
    expect(issues(net(3, 'sigmoid', 'mse', { target: 'input' }), classes(5, [3]))).toEqual([]);
    expect(issues(net(3, 'sigmoid', 'binaryCrossEntropy', { target: 'input' }), regression(1, [3]))).toEqual([]);
  });

  it('refuses a prediction whose shape differs from the input', () => {
    expect(issues(net(4, null, 'mse', { target: 'input' }), classes(2, [3]))).toEqual([
      {
        nodeId: 'L',
        param: 'target',
        message: 'MSE compares the prediction [4] with the input [3], but their shapes differ',
        help: "make the prediction's shape [3] (3 values)",
      },
    ]);
  });

  it('refuses it for losses that read class labels', () => {
    expect(issues(net(3, 'softmax', 'crossEntropy', { target: 'input' }), classes(3, [3]))).toEqual([
      {
        nodeId: 'L',
        param: 'target',
        message: "Cross-entropy compares with class labels; it cannot use the network's input as its target",
        help: 'set Target to labels, or use MSE (or Binary cross-entropy) to rebuild the input',
      },
    ]);
  });

  it('refuses a bad target value', () => {
    expect(issues(net(1, null, 'mse', { target: 'features' }), regression(1))).toEqual([
      { nodeId: 'L', param: 'target', message: "Target must be one of: labels, input (got 'features')" },
    ]);
  });
});
