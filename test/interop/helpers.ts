/** Shared by the interop tests: models from projects, our engine's outputs, onnxruntime's, error measures. */
import * as ort from 'onnxruntime-node';
import path from 'node:path';
import { projectDataSource } from '../../src/cli/project-file';
import { DEFAULT_SPLIT } from '../../src/engine/data/prepare';
import { splitIndices } from '../../src/engine/data/split';
import type { PreparedData } from '../../src/engine/data/types';
import type { Model } from '../../src/engine/model';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import { modelSourceOf, type ModelSource } from '../../src/interop/source';
import type { Project } from '../../src/shared/project-types';
import { repoRoot } from '../helpers/projects';

export interface CompiledProject {
  source: ModelSource;
  data: PreparedData;
  model: Model;
}

/**
 * The project's data and model (saved weights, else initialised from the seed) after `steps`
 * training steps, as the app would export it.
 */
export async function compileProject(project: Project, steps = 0, file = path.join(repoRoot, 'examples', 'x.bprop')): Promise<CompiledProject> {
  const data = await prepareProjectData(project, projectDataSource(file));
  const trainer = createTrainer(project, data);
  for (let i = 0; i < steps && !trainer.done; i++) trainer.trainStep();
  const model = trainer.model;
  return { source: modelSourceOf(project, data, model), data, model };
}

/** Raw (not normalised) features of the rows our split puts in `part`, and their normalised twins. */
export function splitRows(project: Project, data: PreparedData, part: 'train' | 'validation' | 'test'): { raw: Float32Array; normalized: Float32Array; rows: number } {
  const ds = data.dataset;
  const rowsOf = splitIndices(ds, { ...DEFAULT_SPLIT, ...project.data.split }, project.training.seed)[part];
  const k = data.featureSize;
  const raw = new Float32Array(rowsOf.length * k);
  rowsOf.forEach((r, i) => raw.set(ds.x.subarray(r * k, (r + 1) * k), i * k));
  return { raw, normalized: data[part].x, rows: rowsOf.length };
}

/** The test split when it has rows, else validation, else training: the rows a model is checked on. */
export function checkRows(project: Project, data: PreparedData, limit = 500): { raw: Float32Array; normalized: Float32Array; rows: number; part: string } {
  const part = data.test.n > 0 ? 'test' : data.validation.n > 0 ? 'validation' : 'train';
  const all = splitRows(project, data, part);
  const rows = Math.min(all.rows, limit);
  const k = data.featureSize;
  return { raw: all.raw.subarray(0, rows * k), normalized: all.normalized.subarray(0, rows * k), rows, part };
}

/** Our engine's forward pass in evaluation mode: the values of `ids` for every row. */
export function engineOutputs(model: Model, x: Float32Array, rows: number, ids: string[]): Map<string, Float32Array> {
  const out = new Map(ids.map((id) => [id, new Float32Array(rows * model.node(id).size)]));
  const k = model.featureSize;
  for (let start = 0; start < rows; start += model.maxBatch) {
    const n = Math.min(model.maxBatch, rows - start);
    model.forward(x.subarray(start * k, (start + n) * k), n, null, false);
    for (const id of ids) {
      const node = model.node(id);
      out.get(id)!.set(node.output.subarray(0, n * node.size), start * node.size);
    }
  }
  return out;
}

/** onnxruntime-node's outputs for `rows` samples of `x` shaped [rows, ...featureShape]. */
export async function runOnnx(bytes: Uint8Array, inputName: string, x: Float32Array, rows: number, featureShape: number[]): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ [inputName]: new ort.Tensor('float32', x, [rows, ...featureShape]) });
    return Object.fromEntries(Object.entries(result).map(([name, t]) => [name, t.data as Float32Array]));
  } finally {
    await session.release();
  }
}

/**
 * The largest relative difference, |a − b| / max(|b|, 1): relative for values of magnitude 1 and
 * more, absolute below (probabilities, outputs near 0, where a relative measure means nothing).
 */
export function maxRelativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1);
    if (!(e <= worst)) worst = e; // NaN wins
  }
  return worst;
}
