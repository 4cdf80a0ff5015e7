/**
 * Seeded random networks for the export tests: DAGs over every node type ONNX and PyTorch can
 * express (dense, conv2d with both paddings and strides, both poolings, flatten, reshape, every
 * activation, softmax/logSoftmax, dropout, noise, add and concat on flat and image values), with
 * random weights and biases and a random normalisation, ending in one or two regression losses.
 */
import { compileModel } from '../../src/engine/compile';
import { applyNormalizer } from '../../src/engine/data/normalize';
import type { Model } from '../../src/engine/model';
import { Rng } from '../../src/engine/random';
import { weightMapOf } from '../../src/engine/session';
import type { ModelSource } from '../../src/interop/source';
import type { Graph } from '../../src/shared/graph-types';
import type { Project } from '../../src/shared/project-types';

interface Value {
  id: string;
  shape: number[];
}

export interface RandomModel {
  source: ModelSource;
  model: Model;
  raw: Float32Array;
  normalized: Float32Array;
  rows: number;
}

const ACTIVATIONS = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'softplus'] as const;

class GraphMaker {
  readonly graph: Graph = { nodes: [], edges: [] };
  private count = 0;
  constructor(readonly rng: Rng) {}

  pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)]!;
  }

  add(type: string, inputs: Value[], params: Record<string, unknown>, shape: number[]): Value {
    const id = `${type}${++this.count}`;
    this.graph.nodes.push({ id, type, position: { x: 180 * this.count, y: 0 }, params });
    for (const from of inputs) {
      this.graph.edges.push({ id: `e${this.graph.edges.length + 1}`, source: from.id, sourceHandle: 'out', target: id, targetHandle: 'in' });
    }
    return { id, shape };
  }
}

function convOut(size: number, k: number, s: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / s) : Math.floor((size - k) / s) + 1;
}

/** One random step from `v`; image values and flat values have their own moves. */
function grow(m: GraphMaker, v: Value, values: Value[]): Value {
  const rng = m.rng;
  if (v.shape.length === 3) {
    const [c, h, w] = v.shape as [number, number, number];
    const move = rng.int(7);
    if (move === 0) {
      const k = 1 + rng.int(Math.min(3, h, w));
      const stride = 1 + rng.int(2);
      const padding = m.pick(['valid', 'same'] as const);
      const filters = 1 + rng.int(3);
      return m.add('conv2d', [v], { filters, kernelSize: k, stride, padding }, [filters, convOut(h, k, stride, padding), convOut(w, k, stride, padding)]);
    }
    if (move === 1 && h >= 2 && w >= 2) {
      const poolSize = 2;
      const stride = rng.int(2); // 0 = the pool size
      const s = stride === 0 ? poolSize : stride;
      return m.add(m.pick(['maxPool2d', 'avgPool2d']), [v], { poolSize, stride }, [c, Math.floor((h - poolSize) / s) + 1, Math.floor((w - poolSize) / s) + 1]);
    }
    if (move === 2) return m.add('flatten', [v], {}, [c * h * w]);
    if (move === 3) {
      const twin = values.find((o) => o !== v && o.shape.join() === v.shape.join());
      if (twin) return m.add('add', [v, twin], {}, v.shape);
      const axis = rng.int(3);
      const other = values.find((o) => o !== v && o.shape.length === 3 && o.shape.every((d, i) => i === axis || d === v.shape[i]));
      if (other) {
        const shape = [...v.shape];
        shape[axis]! += other.shape[axis]!;
        return m.add('concat', [v, other], { axis }, shape);
      }
    }
    if (move === 4) return m.add('dropout', [v], { rate: 0.3 }, v.shape);
    if (move === 5) return m.add(m.pick(['batchNorm', 'layerNorm']), [v], {}, v.shape);
    return activation(m, v);
  }
  const [f] = v.shape as [number];
  const move = rng.int(8);
  if (move === 0 || move === 1) {
    const units = 1 + rng.int(10);
    return m.add('dense', [v], { units, useBias: rng.int(4) > 0 }, [units]);
  }
  if (move === 2 && f > 1) return m.add(m.pick(['softmax', 'logSoftmax']), [v], {}, v.shape);
  if (move === 3) {
    const twin = values.find((o) => o !== v && o.shape.length === 1 && o.shape[0] === f);
    if (twin) return m.add('add', values.filter((o) => o.shape.length === 1 && o.shape[0] === f).slice(0, 3), {}, v.shape);
    const other = values.find((o) => o !== v && o.shape.length === 1);
    if (other) return m.add('concat', [v, other], { axis: 0 }, [f + other.shape[0]!]);
  }
  if (move === 4) {
    const rows = [2, 3].find((r) => f % r === 0 && f > r);
    if (rows) return m.add('reshape', [v], { shape: [1, rows, f / rows] }, [1, rows, f / rows]);
  }
  if (move === 5) return m.add('gaussianNoise', [v], { stddev: 0.2 }, v.shape);
  if (move === 6) return rng.int(2) ? m.add('batchNorm', [v], {}, v.shape) : m.add('layerNorm', [v], { elementwiseAffine: rng.int(2) === 0 }, v.shape);
  return activation(m, v);
}

function activation(m: GraphMaker, v: Value): Value {
  const type = m.pick(ACTIVATIONS);
  const params = type === 'leakyRelu' || type === 'elu' ? { alpha: 0.05 + m.rng.next() } : {};
  return m.add(type, [v], params, v.shape);
}

export function randomGraph(seed: number): { graph: Graph; featureShape: number[]; targetSize: number } {
  const rng = new Rng(seed);
  const m = new GraphMaker(rng);
  const image = rng.int(2) === 0;
  const featureShape = image ? [1 + rng.int(2), 5 + rng.int(4), 5 + rng.int(4)] : [2 + rng.int(10)];
  const input = m.add('input', [], {}, featureShape);
  const values: Value[] = [input];
  // Step and sign flip on the slightest rounding difference near 0, so they only read the input.
  if (rng.int(3) === 0) values.push(m.add(m.pick(['step', 'sign']), [input], {}, featureShape));
  const steps = 4 + rng.int(7);
  for (let i = 0; i < steps; i++) {
    const from = rng.int(3) === 0 ? m.pick(values) : values[values.length - 1]!;
    values.push(grow(m, from, values));
  }
  let last = values[values.length - 1]!;
  if (last.shape.length === 3) last = m.add('flatten', [last], {}, [last.shape.reduce((a, b) => a * b, 1)]);
  const targetSize = 1 + rng.int(3);
  const head = m.add('dense', [last], { units: targetSize }, [targetSize]);
  m.add('mse', [head], { target: 'labels' }, [targetSize]);
  // A second output now and then: a loss on an earlier flat value of the same size.
  const second = values.find((v) => v !== input && v.shape.length === 1 && v.shape[0] === targetSize);
  if (second && rng.int(2) === 0) m.add('mae', [second], { target: 'labels' }, [targetSize]);
  return { graph: m.graph, featureShape, targetSize };
}

/** The graph compiled with random weights (biases too), random raw inputs and a random z-score normalisation. */
export function randomModel(seed: number, rows = 16): RandomModel {
  const { graph, featureShape, targetSize } = randomGraph(seed);
  const rng = new Rng(seed + 1000);
  const model = compileModel(graph, { dataShape: featureShape, batchSize: rows, task: 'regression', numClasses: 0, targetSize, seed });
  // Every weight and buffer random (variances positive), so each one's export is checked.
  for (const w of model.weights) for (let i = 0; i < w.data.length; i++) w.data[i] = w.name === 'runningVar' ? 0.5 + rng.next() : 0.5 * rng.normal();
  const k = featureShape.reduce((a, b) => a * b, 1);
  const offset = Float32Array.from({ length: k }, () => rng.normal());
  const scale = Float32Array.from({ length: k }, () => 0.5 + rng.next());
  const raw = Float32Array.from({ length: rows * k }, () => 3 * rng.normal());
  const normalized = new Float32Array(raw);
  const normalizer = { mode: 'standard' as const, offset, scale };
  applyNormalizer(normalizer, normalized, rows, k);
  const project: Project = {
    format: 'backprop-studio',
    version: 1,
    name: `random graph ${seed}`,
    graph,
    data: { dataset: 'linear', normalize: 'standard' },
    training: { optimizer: { type: 'sgd', learningRate: 0.01 }, batchSize: rows, epochs: 1, seed },
  };
  const source: ModelSource = {
    project,
    weights: weightMapOf(model),
    normalizer,
    featureShape,
    featureNames: Array.from({ length: k }, (_, i) => `x${i + 1}`),
    task: 'regression',
    numClasses: 0,
    targetSize,
    dataName: 'random',
  };
  return { source, model, raw, normalized, rows };
}
