/** Dataset -> PreparedData: split, fit the normaliser on training rows, copy the parts. */
import type { NormalizeMode, SplitConfig } from '../../shared/project-types';
import { applyNormalizer, fitNormalizer } from './normalize';
import { checkClassLabels, splitIndices } from './split';
import { DataError, type DataPart, type Dataset, type PreparedData } from './types';
import type { ShapeInfo } from '../../shared/data/catalog';

import { DATA_DEFAULTS } from '../../shared/project-defaults';

/** The project format's defaults (one table, in src/shared/project-defaults.ts). */
export const DEFAULT_SPLIT: SplitConfig = DATA_DEFAULTS.split;
export const DEFAULT_NORMALIZE: NormalizeMode = DATA_DEFAULTS.normalize;

/** Defined beside the dataset catalog (src/shared/data), whose builtinShapeInfo gives the same facts without loading. */
export type { ShapeInfo } from '../../shared/data/catalog';

export interface PrepareConfig {
  normalize?: NormalizeMode;
  split?: Partial<SplitConfig>;
}

export function featureSizeOf(ds: Dataset): number {
  return ds.featureShape.reduce((a, b) => a * b, 1);
}

export function datasetShapeInfo(ds: Dataset): ShapeInfo {
  return {
    dataShape: [...ds.featureShape],
    numClasses: ds.task === 'classification' ? (ds.classNames?.length ?? 0) : 0,
    task: ds.task,
    targetSize: ds.targetSize,
  };
}

/** Features that share normalisation statistics: a channel's H·W pixels for images [C, H, W], else 1. */
export function normalizeGroupSize(featureShape: readonly number[]): number {
  return featureShape.length === 3 ? featureShape[1] * featureShape[2] : 1;
}

/** Checks that the arrays agree with n, featureShape and targetSize, and the labels with classNames. */
export function validateDataset(ds: Dataset): void {
  const d = featureSizeOf(ds);
  if (!Number.isInteger(ds.n) || ds.n < 1) throw new DataError(`${ds.name}: the dataset has no rows`);
  if (d < 1 || ds.featureShape.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new DataError(`${ds.name}: bad feature shape [${ds.featureShape.join(', ')}]`);
  }
  if (ds.x.length !== ds.n * d) throw new DataError(`${ds.name}: expected ${ds.n}×${d} feature values, got ${ds.x.length}`);
  const bad = ds.x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const feature = ds.featureNames[bad % d] ?? `feature ${(bad % d) + 1}`;
    throw new DataError(`${ds.name}: row ${Math.floor(bad / d) + 1}, feature '${feature}' is ${ds.x[bad]}, not a finite number`);
  }
  if (ds.task === 'classification' && ds.targetSize !== 1) {
    throw new DataError(`${ds.name}: classification data has one label per row (targetSize 1), got ${ds.targetSize}`);
  }
  if (ds.y.length !== ds.n * ds.targetSize) {
    throw new DataError(`${ds.name}: expected ${ds.n * ds.targetSize} target values, got ${ds.y.length}`);
  }
  checkClassLabels(ds);
}

function copyRows(ds: Dataset, rows: Int32Array, featureSize: number): DataPart {
  const t = ds.targetSize;
  const x = new Float32Array(rows.length * featureSize);
  const y = new Float32Array(rows.length * t);
  rows.forEach((r, i) => {
    x.set(ds.x.subarray(r * featureSize, (r + 1) * featureSize), i * featureSize);
    y.set(ds.y.subarray(r * t, (r + 1) * t), i * t);
  });
  return { n: rows.length, x, y };
}

/**
 * Splits (stratified for classification, seeded by streamSeed(seed, 'split')), normalises
 * with statistics of the training rows, and copies each part contiguously.
 */
export function prepareData(ds: Dataset, cfg: PrepareConfig, seed: number): PreparedData {
  validateDataset(ds);
  const split: SplitConfig = { ...DEFAULT_SPLIT, ...cfg.split };
  const mode = cfg.normalize ?? DEFAULT_NORMALIZE;
  const featureSize = featureSizeOf(ds);
  const parts = splitIndices(ds, split, seed);
  const normalizer = fitNormalizer(mode, ds.x, parts.train, featureSize, normalizeGroupSize(ds.featureShape));
  const train = copyRows(ds, parts.train, featureSize);
  const validation = copyRows(ds, parts.validation, featureSize);
  const test = copyRows(ds, parts.test, featureSize);
  for (const part of [train, validation, test]) applyNormalizer(normalizer, part.x, part.n, featureSize);
  const info = datasetShapeInfo(ds);
  return {
    dataset: ds,
    train,
    validation,
    test,
    normalizer,
    featureShape: [...ds.featureShape],
    featureSize,
    task: ds.task,
    numClasses: info.numClasses,
    targetSize: ds.targetSize,
    notes: parts.notes,
  };
}
