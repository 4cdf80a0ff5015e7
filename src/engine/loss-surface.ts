/**
 * The loss surface over two weights (protocol-surface.ts). Paths are traced by fresh trainers
 * that start from the live model's weights (the live run is not touched); the grid is the
 * training loss in evaluation mode with the two weights set to each cell's values and every
 * other weight as it is now.
 */
import type { Graph } from '../shared/graph-types';
import type { TrainingConfig } from '../shared/project-types';
import { MAX_SURFACE_PATH_STEPS, MAX_SURFACE_RESOLUTION, type LossSurface, type SurfaceRequestBody, type WeightRef } from '../shared/protocol-surface';
import type { PreparedData } from './data/types';
import type { Param, WeightMap } from './tensor';
import { Trainer } from './train';

function findWeight(trainer: Trainer, ref: WeightRef): Param {
  const param = trainer.model.params.find((p) => p.nodeId === ref.nodeId && p.name === ref.param);
  if (!param) throw new Error(`lossSurface: node '${ref.nodeId}' has no trainable parameter '${ref.param}'`);
  if (!Number.isInteger(ref.index) || ref.index < 0 || ref.index >= param.data.length)
    throw new Error(`lossSurface: ${ref.nodeId}.${ref.param} has ${param.data.length} values; index ${ref.index} is out of range`);
  return param;
}

function currentWeights(trainer: Trainer): WeightMap {
  const out: WeightMap = {};
  for (const w of trainer.model.weights) (out[w.nodeId] ??= {})[w.name] = { shape: [...w.shape], data: new Float32Array(w.data) };
  return out;
}

export function computeLossSurface(trainer: Trainer, graph: Graph, training: TrainingConfig, data: PreparedData, request: SurfaceRequestBody): LossSurface {
  const resolution = request.resolution ?? 41;
  if (!Number.isInteger(resolution) || resolution < 4 || resolution > MAX_SURFACE_RESOLUTION)
    throw new Error(`lossSurface: resolution must be a whole number from 4 to ${MAX_SURFACE_RESOLUTION} (got ${resolution})`);
  const [px, py] = request.weights.map((w) => findWeight(trainer, w)) as [Param, Param];
  const [ix, iy] = [request.weights[0].index, request.weights[1].index];
  const current: [number, number] = [px.data[ix]!, py.data[iy]!];

  const start = currentWeights(trainer);
  const paths = (request.paths ?? []).map((spec) => {
    if (!(spec.steps >= 0 && spec.steps <= MAX_SURFACE_PATH_STEPS)) throw new Error(`lossSurface: a path takes 0 to ${MAX_SURFACE_PATH_STEPS} steps (got ${spec.steps})`);
    const config: TrainingConfig = {
      ...training,
      batchSize: spec.batchSize,
      sampling: training.sampling ?? 'shuffle',
      optimizer: { ...(spec.optimizer ?? training.optimizer), learningRate: spec.learningRate ?? spec.optimizer?.learningRate ?? trainer.learningRate },
      earlyStopping: undefined,
    };
    const tracer = new Trainer(graph, data, config, start);
    tracer.untilStopped = true;
    const [tx, ty] = request.weights.map((w) => findWeight(tracer, w)) as [Param, Param];
    const points = new Float32Array(2 * (spec.steps + 1));
    points[0] = tx.data[ix]!;
    points[1] = ty.data[iy]!;
    for (let s = 1; s <= spec.steps; s++) {
      tracer.trainStep();
      points[2 * s] = tx.data[ix]!;
      points[2 * s + 1] = ty.data[iy]!;
    }
    return { label: spec.label, points };
  });

  // The range covers the current point and the paths, with a 15 % margin and at least ±1.
  let [x0, x1, y0, y1] = [current[0], current[0], current[1], current[1]];
  for (const { points } of paths)
    for (let i = 0; i < points.length; i += 2) {
      x0 = Math.min(x0, points[i]!);
      x1 = Math.max(x1, points[i]!);
      y0 = Math.min(y0, points[i + 1]!);
      y1 = Math.max(y1, points[i + 1]!);
    }
  const pad = (a: number, b: number): [number, number] => {
    const m = Math.max(1, (b - a) * 0.15);
    return [a - m, b + m];
  };
  const xRange = pad(x0, x1);
  const yRange = pad(y0, y1);

  const values = new Float32Array(resolution * resolution);
  const cell = (range: [number, number], k: number) => range[0] + ((k + 0.5) / resolution) * (range[1] - range[0]);
  try {
    for (let r = 0; r < resolution; r++) {
      py.data[iy] = cell(yRange, r);
      for (let c = 0; c < resolution; c++) {
        px.data[ix] = cell(xRange, c);
        values[r * resolution + c] = trainer.evaluate(data.train).loss;
      }
    }
  } finally {
    px.data[ix] = current[0];
    py.data[iy] = current[1];
  }
  return { xRange, yRange, resolution, values, current, paths };
}
