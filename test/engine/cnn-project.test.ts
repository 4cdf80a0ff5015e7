/** The .bprop round trip of every new node type, its params and its weights. */
import { describe, expect, it } from 'vitest';
import { createTrainer, weightsToProject } from '../../src/engine/session';
import type { Graph } from '../../src/shared/graph-types';
import { parseProject, serializeProject } from '../../src/shared/project';
import { makeProject, trainProject } from '../helpers/projects';

function graphOf(nodes: [string, string, Record<string, unknown>?][], pairs: [string, string][]): Graph {
  return {
    nodes: nodes.map(([id, type, params]) => ({ id, type, position: { x: 0, y: 0 }, params: params ?? {} })),
    edges: pairs.map(([source, target], i) => ({ id: `e${i}`, source, sourceHandle: 'out', target, targetHandle: 'in' })),
  };
}

/** Digits as 1×8×8 images through every new node type. */
const graph = graphOf(
  [
    ['x', 'input'],
    ['c1', 'conv2d', { filters: 4, kernelSize: 3, stride: 1, padding: 'same', useBias: true, init: 'heNormal', l2: 0.001 }],
    ['r', 'relu', { activityRegularizer: 'l1', activityL1: 0.0001 }],
    ['p', 'maxPool2d', { poolSize: 2, stride: 0 }],
    ['c2', 'conv2d', { filters: 6, kernelSize: 2, useBias: false, l1: 0.0001 }],
    ['ap', 'avgPool2d', { poolSize: 3, stride: 1 }],
    ['f', 'flatten'],
    ['rs', 'reshape', { shape: [64] }],
    ['h', 'dense', { units: 6 }],
    ['g', 'sigmoid', { activityRegularizer: 'kl', rho: 0.2, sparsityWeight: 0.1 }],
    ['sum', 'add'],
    ['cat', 'concat', { axis: 0 }],
    ['n', 'gaussianNoise', { stddev: 0.05 }],
    ['d', 'dropout', { rate: 0.1 }],
    ['o', 'dense', { units: 10, l1: 0.0001 }],
    ['s', 'softmax'],
    ['L', 'crossEntropy', { target: 'labels' }],
  ],
  [
    ['x', 'c1'], ['c1', 'r'], ['r', 'p'], ['p', 'c2'], ['c2', 'ap'], ['ap', 'f'],
    ['x', 'rs'], ['rs', 'h'], ['h', 'g'],
    ['f', 'sum'], ['g', 'sum'], ['sum', 'cat'], ['g', 'cat'],
    ['cat', 'n'], ['n', 'd'], ['d', 'o'], ['o', 's'], ['s', 'L'],
  ],
);

describe('.bprop round trip', () => {
  it('every new node, its params and its trained weights survive saving and loading, and predict the same', async () => {
    const project = makeProject(graph, { dataset: 'digits', options: { image: 1 }, split: { validation: 0.1, test: 0.1 } }, {
      optimizer: { type: 'adam', learningRate: 0.01 },
      batchSize: 32,
      epochs: 3,
      seed: 4,
    });
    const { trainer, data } = await trainProject(project);
    expect(trainer.history.at(-1)!.valAccuracy).toBeGreaterThan(0.5);
    const saved = { ...project, weights: weightsToProject(trainer.model) };
    expect(saved.weights.c1.kernel.shape).toEqual([4, 1, 3, 3]);
    expect(saved.weights.c1.bias.shape).toEqual([4]);
    expect(saved.weights.c2.kernel.shape).toEqual([6, 4, 2, 2]);
    expect(saved.weights.c2.bias).toBeUndefined();
    expect(Object.keys(saved.weights).sort()).toEqual(['c1', 'c2', 'h', 'o']);

    const text = serializeProject(saved);
    const loaded = parseProject(text, 'cnn.bprop');
    expect(loaded).toEqual(saved);
    expect(serializeProject(loaded)).toBe(text);

    const again = createTrainer(loaded, data);
    for (const p of trainer.model.params) {
      const q = again.model.params.find((r) => r.nodeId === p.nodeId && r.name === p.name)!;
      expect(Array.from(q.data)).toEqual(Array.from(p.data));
    }
    expect(Array.from(again.predict(data.test.x, data.test.n))).toEqual(Array.from(trainer.predict(data.test.x, data.test.n)));
    expect(again.evaluate(data.test)).toEqual(trainer.evaluate(data.test));
  });
});
