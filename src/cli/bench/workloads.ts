/**
 * The peer-benchmark workloads W1–W4 of ../shared/bench/README.md, implemented exactly:
 * same data generators (mulberry32, data seed 1234), model, SGD learning rate, batch size,
 * epochs and shuffling, with the last partial batch processed as a smaller batch.
 * W5 and W6 are ours, to check the speed-ups hold beyond W1–W4: a deeper MLP with momentum
 * and a two-convolution CNN with `same` padding and Adam (bench/peers/torch_w5w6.py is the
 * PyTorch side, built the same way).
 */
import type { Graph } from '../../shared/graph-types';
import type { TrainingConfig } from '../../shared/project-types';
import type { PreparedData } from '../../engine/data/types';
import { mulberry32 } from '../../engine/random';

export interface Workload {
  id: string;
  name: string;
  graph: Graph;
  data: PreparedData;
  training: TrainingConfig;
}


/** TF-playground circle as in bench/js/common.js: first half label 1 inside r = 2.5, the rest a ring. */
function makeCircle(n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rnd = mulberry32(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const inside = i < n / 2;
    const r = inside ? 2.5 * rnd() : 5 * (0.7 + 0.3 * rnd());
    const th = 2 * Math.PI * rnd();
    x[2 * i] = r * Math.cos(th);
    x[2 * i + 1] = r * Math.sin(th);
    y[i] = inside ? 1 : 0;
  }
  return { x, y };
}

function makeRandomClassification(n: number, dim: number, classes: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rnd = mulberry32(seed);
  const x = new Float32Array(n * dim);
  for (let i = 0; i < x.length; i++) x[i] = rnd();
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.floor(rnd() * classes);
  return { x, y };
}

function prepared(x: Float32Array, y: Float32Array, n: number, dim: number, classes: number, shape: number[] = [dim]): PreparedData {
  const empty = { n: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return {
    dataset: { name: 'bench', task: 'classification', n, x, featureShape: shape, featureNames: [], y, targetSize: 1, classNames: Array.from({ length: classes }, (_, i) => String(i)) },
    train: { n, x, y },
    validation: empty,
    test: empty,
    normalizer: { mode: 'none', offset: new Float32Array(dim), scale: new Float32Array(dim).fill(1) },
    featureShape: shape,
    featureSize: dim,
    task: 'classification',
    numClasses: classes,
    targetSize: 1,
  };
}

/** A chain graph: input → (dense units → activation)* → … → loss. */
function chain(layers: [type: string, params?: Record<string, unknown>][]): Graph {
  const nodes = layers.map(([type, params], i) => ({ id: `n${i}`, type, position: { x: 200 * i, y: 0 }, params: params ?? {} }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, sourceHandle: 'out', target: n.id, targetHandle: 'in' }));
  return { nodes, edges };
}

const sgd = (learningRate: number, batchSize: number, epochs: number, shuffle: boolean): TrainingConfig => ({
  optimizer: { type: 'sgd', learningRate },
  batchSize,
  epochs,
  seed: 42,
  sampling: shuffle ? 'shuffle' : 'sequential',
});

export function buildWorkload(id: string): Workload {
  switch (id) {
    case 'W1': {
      const { x, y } = makeCircle(500, 1234);
      return {
        id, name: 'playground',
        graph: chain([['input'], ['dense', { units: 8 }], ['tanh'], ['dense', { units: 8 }], ['tanh'], ['dense', { units: 1 }], ['sigmoid'], ['binaryCrossEntropy']]),
        data: prepared(x, y, 500, 2, 2),
        training: sgd(0.03, 10, 200, true),
      };
    }
    case 'W2': {
      const { x, y } = makeRandomClassification(10_000, 784, 10, 1234);
      return {
        id, name: 'mnist-mlp',
        graph: chain([['input'], ['dense', { units: 128 }], ['relu'], ['dense', { units: 10 }], ['softmax'], ['crossEntropy']]),
        data: prepared(x, y, 10_000, 784, 10),
        training: sgd(0.1, 32, 3, false),
      };
    }
    case 'W3': {
      const { x, y } = makeRandomClassification(10_000, 784, 10, 1234);
      return {
        id, name: 'mnist-mlp-wide',
        graph: chain([['input'], ['dense', { units: 512 }], ['relu'], ['dense', { units: 256 }], ['relu'], ['dense', { units: 10 }], ['softmax'], ['crossEntropy']]),
        data: prepared(x, y, 10_000, 784, 10),
        training: sgd(0.1, 128, 2, false),
      };
    }
    case 'W4': {
      // The 2,000 × 784 uniform pixels read as 1×28×28 images (NCHW); Glorot init gives the conv fan-in 9, fan-out 72.
      const { x, y } = makeRandomClassification(2000, 784, 10, 1234);
      return {
        id, name: 'small-cnn',
        graph: chain([
          ['input'],
          ['conv2d', { filters: 8, kernelSize: 3, stride: 1, padding: 'valid', useBias: true }],
          ['relu'],
          ['maxPool2d', { poolSize: 2, stride: 2 }],
          ['flatten'],
          ['dense', { units: 10 }],
          ['softmax'],
          ['crossEntropy'],
        ]),
        data: prepared(x, y, 2000, 784, 10, [1, 28, 28]),
        training: sgd(0.05, 32, 1, false),
      };
    }
    case 'W5': {
      const { x, y } = makeRandomClassification(10_000, 784, 10, 1234);
      return {
        id, name: 'deep-mlp',
        graph: chain([['input'], ['dense', { units: 256 }], ['relu'], ['dense', { units: 256 }], ['relu'], ['dense', { units: 256 }], ['relu'], ['dense', { units: 10 }], ['softmax'], ['crossEntropy']]),
        data: prepared(x, y, 10_000, 784, 10),
        training: { ...sgd(0.05, 64, 2, false), optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 } },
      };
    }
    case 'W6': {
      const { x, y } = makeRandomClassification(2000, 784, 10, 1234);
      const conv = (filters: number) => ['conv2d', { filters, kernelSize: 3, stride: 1, padding: 'same', useBias: true }] as [string, Record<string, unknown>];
      return {
        id, name: 'cnn-2conv',
        graph: chain([
          ['input'],
          conv(16), ['relu'], ['maxPool2d', { poolSize: 2, stride: 2 }],
          conv(32), ['relu'], ['maxPool2d', { poolSize: 2, stride: 2 }],
          ['flatten'],
          ['dense', { units: 10 }],
          ['softmax'],
          ['crossEntropy'],
        ]),
        data: prepared(x, y, 2000, 784, 10, [1, 28, 28]),
        training: { ...sgd(0.001, 32, 1, false), optimizer: { type: 'adam', learningRate: 0.001 } },
      };
    }
    default:
      throw new Error(`unknown workload ${id}`);
  }
}

export const WORKLOAD_IDS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'] as const;
