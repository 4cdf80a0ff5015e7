/**
 * From a project to something trainable: loads its data (built-in or CSV), prepares splits,
 * and converts weights between the .bprop form and the engine's. Shared by the CLI, the
 * engine host (utility process / Web Worker) and the tests.
 */
import { decodeTensor, encodeTensor } from '../shared/project';
import { isCsvData, type DataConfig, type Project, type SerializedWeights } from '../shared/project-types';
import { csvToDataset, parseCsv } from './data/csv';
import { loadBuiltinDataset } from './data/builtin';
import { prepareData } from './data/prepare';
import { DataError, type Dataset, type DatasetIO, type PreparedData } from './data/types';
import type { Model } from './model';
import { Trainer } from './train';
import type { WeightMap } from './tensor';

export interface DataSource extends DatasetIO {
  /** Reads a CSV named by a project (path relative to the project file); absent where files can't be read. */
  readProjectCsv?(relativePath: string): Promise<{ text: string; sha256: string }>;
}

export async function loadDataset(data: DataConfig, source: DataSource, seed: number): Promise<Dataset> {
  if (!isCsvData(data)) return loadBuiltinDataset(data.dataset, data.options, source, seed);
  if (!source.readProjectCsv) throw new DataError(`data.csv: '${data.csv}' cannot be read here; open the CSV again`);
  const { text, sha256 } = await source.readProjectCsv(data.csv);
  // Without a recorded sha256 (a hand-written project) the file is taken as it is now.
  if (data.sha256 !== undefined && sha256.toLowerCase() !== data.sha256.toLowerCase()) {
    throw new DataError(
      `${data.csv} has changed since the project was saved (sha256 ${sha256.slice(0, 12)}…, expected ${data.sha256.slice(0, 12)}…). help: re-import the CSV to accept the new contents`,
    );
  }
  const spec = { features: data.features, target: data.target, task: data.task, ...(data.imageShape ? { imageShape: data.imageShape } : {}) };
  return { ...csvToDataset(parseCsv(text, data.csv), spec, data.csv), sha256: sha256.toLowerCase() };
}

/** What to tell the user when a project names a CSV without its sha256 (the CLI prints it). */
export function computedChecksumNote(csv: string, sha256: string): string {
  return `${csv}: the project records no sha256, so the file was used as it is now (sha256 ${sha256}); save the project to record it, after which a changed file is refused`;
}

export async function prepareProjectData(project: Project, source: DataSource): Promise<PreparedData> {
  const dataset = await loadDataset(project.data, source, project.training.seed);
  return prepareData(dataset, { normalize: project.data.normalize, split: project.data.split }, project.training.seed);
}

export function weightsFromProject(weights: SerializedWeights | undefined): WeightMap | undefined {
  if (!weights) return undefined;
  const out: WeightMap = {};
  for (const [nodeId, params] of Object.entries(weights)) {
    out[nodeId] = {};
    for (const [name, t] of Object.entries(params)) {
      const { shape, data } = decodeTensor(t, `weights.${nodeId}.${name}`);
      out[nodeId][name] = { shape: [...shape], data };
    }
  }
  return out;
}

/** Every saved tensor of the model (params and buffers), in the project's form. */
export function weightsToProject(model: Model): SerializedWeights {
  const out: SerializedWeights = {};
  for (const w of model.weights) {
    (out[w.nodeId] ??= {})[w.name] = encodeTensor(w.shape, w.data);
  }
  return out;
}

/** A copy of every saved tensor of the model (params and buffers). */
export function weightMapOf(model: Model): WeightMap {
  const out: WeightMap = {};
  for (const w of model.weights) (out[w.nodeId] ??= {})[w.name] = { shape: [...w.shape], data: new Float32Array(w.data) };
  return out;
}

/** A trainer for the project, starting from its saved weights when it has them. */
export function createTrainer(project: Project, data: PreparedData, overrides: { epochs?: number; seed?: number } = {}): Trainer {
  const training = { ...project.training, ...definedOnly(overrides) };
  return new Trainer(project.graph, data, training, weightsFromProject(project.weights));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
