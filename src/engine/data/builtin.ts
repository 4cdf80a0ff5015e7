/** Loading a built-in dataset by id: option checks, then the generator or the real-data parser. */
import { Rng, streamSeed } from '../random';
import { builtinDatasets, type BuiltinDatasetInfo } from './catalog';
import { gateDataset, generate2d, linearDataset, type GateId, type Generator2dId } from './generators';
import { loadImageDataset, type ImageDatasetId } from './images';
import { loadRealDataset, type RealDatasetId } from './real';
import { turnsDataset } from './turns';
import { DataError, type Dataset, type DatasetIO } from './types';
import type { ShapeInfo } from './prepare';

export { builtinDatasets, type BuiltinDatasetInfo, type DatasetOptionSpec } from './catalog';

export function findBuiltinDataset(id: string): BuiltinDatasetInfo | undefined {
  return builtinDatasets.find((d) => d.id === id);
}

function requireBuiltin(id: string): BuiltinDatasetInfo {
  const info = findBuiltinDataset(id);
  if (!info) {
    throw new DataError(`Unknown dataset '${id}'. Built-in datasets: ${builtinDatasets.map((d) => d.id).join(', ')}`);
  }
  return info;
}

/** Every option of the dataset with its value (given or default); throws a DataError for a bad option. */
export function resolveDatasetOptions(id: string, options: Record<string, number> | undefined): Record<string, number> {
  const info = requireBuiltin(id);
  const resolved: Record<string, number> = {};
  for (const spec of info.options) resolved[spec.name] = spec.default;
  for (const [name, value] of Object.entries(options ?? {})) {
    const spec = info.options.find((o) => o.name === name);
    if (!spec) {
      const known = info.options.length ? `its options are: ${info.options.map((o) => o.name).join(', ')}` : 'it has no options';
      throw new DataError(`Dataset '${id}' has no option '${name}' (${known})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw new DataError(`Dataset '${id}': option '${name}' must be between ${spec.min} and ${spec.max}, got ${String(value)}`);
    }
    if (spec.integer && !Number.isInteger(value)) {
      throw new DataError(`Dataset '${id}': option '${name}' must be a whole number, got ${value}`);
    }
    resolved[name] = value;
  }
  return resolved;
}

/**
 * Shape information of a built-in dataset without loading it, for graph shape inference
 * while the data is still loading (or before the user trains).
 */
export function builtinShapeInfo(id: string, options?: Record<string, number>): ShapeInfo {
  const info = requireBuiltin(id);
  const resolved = resolveDatasetOptions(id, options);
  const dataShape = id === 'digits' && resolved.image === 1 ? [1, 8, 8] : [...info.featureShape];
  return { dataShape, numClasses: info.numClasses, task: info.task, targetSize: info.targetSize };
}

/**
 * Loads a built-in dataset. Generated data are drawn from Rng(streamSeed(seed, 'data')), so the
 * same seed and options give the same points; the real datasets ignore the seed.
 */
export async function loadBuiltinDataset(
  id: string,
  options: Record<string, number> | undefined,
  io: DatasetIO,
  seed: number,
): Promise<Dataset> {
  const info = requireBuiltin(id);
  const opts = resolveDatasetOptions(id, options);
  const rng = new Rng(streamSeed(seed, 'data'));
  switch (info.kind) {
    case 'gate':
      return gateDataset(id as GateId, info.label);
    case 'generated':
      if (id === 'turns') return turnsDataset(info.label);
      return id === 'linear'
        ? linearDataset(info.label, opts.n, opts.noise, rng)
        : generate2d(id as Generator2dId, info.label, opts.n, opts.noise, rng);
    case 'real':
      if (id === 'mnist' || id === 'fashionMnist') return loadImageDataset(id as ImageDatasetId, info.label, io);
      return loadRealDataset(id as RealDatasetId, info.label, opts, io);
  }
}
