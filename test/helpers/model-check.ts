/** Finite-difference checks of a whole compiled model: every param and dL/dx against its loss. */
import { compileModel, type CompileOptions } from '../../src/engine/compile';
import type { Model } from '../../src/engine/model';
import type { Graph } from '../../src/shared/graph-types';
import { gradcheck, randomArray, type GradcheckOptions } from './gradcheck';

export interface ModelCase {
  graph: Graph;
  dataShape: number[];
  rows: number;
  numClasses: number;
  /** Class labels (one per row); regression data is not needed here. */
  labels: number[];
  seed?: number;
}

export function compileCase(c: ModelCase, extra: Partial<CompileOptions> = {}): Model {
  return compileModel(c.graph, {
    dataShape: c.dataShape, batchSize: c.rows, task: 'classification', numClasses: c.numClasses, targetSize: 1, seed: c.seed ?? 3, ...extra,
  });
}

/** Compiles, runs forward/backward in evaluation mode, and checks every gradient numerically. */
export function modelGradcheck(c: ModelCase, opts: GradcheckOptions = {}): Model {
  const model = compileCase(c);
  const size = c.dataShape.reduce((a, b) => a * b, 1);
  const x = randomArray(c.rows * size, 21);
  const y = Float32Array.from(c.labels);
  model.forward(x, c.rows, y, false);
  model.backward();
  const values: Record<string, Float32Array> = { x };
  const grads: Record<string, Float32Array> = { x: model.inputGrad.slice(0, c.rows * size) };
  for (const p of model.params) {
    values[`${p.nodeId}.${p.name}`] = p.data;
    grads[`${p.nodeId}.${p.name}`] = p.grad.slice();
  }
  gradcheck(values, () => model.forward(x, c.rows, y, false), grads, opts);
  return model;
}
