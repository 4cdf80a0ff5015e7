/** A complete, valid project used by the project-file tests. */
import { encodeTensor, ProjectError } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';

export function xorProject(): Project {
  return {
    format: 'backprop-studio',
    version: 1,
    name: 'XOR',
    graph: {
      nodes: [
        { id: 'x', type: 'input', position: { x: 0, y: 80 }, params: {} },
        { id: 'h', type: 'dense', position: { x: 240, y: 80 }, params: { units: 4 }, label: 'hidden' },
        { id: 'a', type: 'tanh', position: { x: 480, y: 80 }, params: {} },
        { id: 'o', type: 'dense', position: { x: 720, y: 80 }, params: { units: 1, init: 'heNormal' } },
        { id: 's', type: 'sigmoid', position: { x: 960, y: 80 }, params: {} },
        { id: 'L', type: 'binaryCrossEntropy', position: { x: 1200, y: 80 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'x', sourceHandle: 'out', target: 'h', targetHandle: 'in' },
        { id: 'e2', source: 'h', sourceHandle: 'out', target: 'a', targetHandle: 'in' },
        { id: 'e3', source: 'a', sourceHandle: 'out', target: 'o', targetHandle: 'in' },
        { id: 'e4', source: 'o', sourceHandle: 'out', target: 's', targetHandle: 'in' },
        { id: 'e5', source: 's', sourceHandle: 'out', target: 'L', targetHandle: 'in' },
      ],
    },
    data: { dataset: 'xor', options: { n: 200, noise: 0.1 }, normalize: 'none', split: { validation: 0.25 } },
    training: {
      optimizer: { type: 'sgd', learningRate: 0.5, momentum: 0.9, nesterov: true },
      schedule: { type: 'cosine', period: 100, minLearningRate: 0.01 },
      batchSize: 4,
      sampling: 'replacement',
      epochs: 500,
      seed: 1,
      earlyStopping: { patience: 20, minDelta: 0.001 },
      averaging: true,
      l1: 0.0001,
    },
    weights: {
      h: {
        kernel: encodeTensor([2, 4], Float32Array.from([0.5, -0.25, 1e-40, -0, 3.5, -7, 0.1, 2 ** 20])),
        bias: encodeTensor([4], Float32Array.from([0, 0.1, -0.1, 1])),
      },
      o: { kernel: encodeTensor([4, 1], Float32Array.from([1, 2, 3, 4])) },
    },
  };
}

/** The JSON of a project as a plain mutable object, for breaking it in tests. */
export function rawProject(): Record<string, any> {
  return JSON.parse(JSON.stringify(xorProject()));
}

/** The ProjectError `fn` throws (any other error is rethrown; no error fails the test). */
export function errorOf(fn: () => unknown): ProjectError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProjectError) return e;
    throw e;
  }
  throw new Error('expected a ProjectError');
}
