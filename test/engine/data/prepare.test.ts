import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import { applyNormalizer, fitNormalizer, invertNormalizer } from '../../../src/engine/data/normalize';
import { datasetShapeInfo, prepareData } from '../../../src/engine/data/prepare';
import { DataError, type Dataset } from '../../../src/engine/data/types';
import { nodeDatasetIO } from '../../../src/node/datasets';

function columnMean(x: Float32Array, n: number, d: number, k: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i * d + k];
  return s / n;
}

function columnStd(x: Float32Array, n: number, d: number, k: number): number {
  const m = columnMean(x, n, d, k);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i * d + k] - m) ** 2;
  return Math.sqrt(s / n);
}

describe('fitNormalizer', () => {
  const x = new Float32Array([1, 5, 2, 5, 3, 5, 100, 5]); // feature 1 is constant
  const rows = Int32Array.from([0, 1, 2]); // row 3 (100) is not a training row

  it('standard: mean and population std of the given rows only; a constant feature gets scale 1', () => {
    const norm = fitNormalizer('standard', x, rows, 2);
    expect(norm.offset[0]).toBeCloseTo(2, 6);
    expect(norm.scale[0]).toBeCloseTo(1 / Math.sqrt(2 / 3), 6);
    expect([norm.offset[1], norm.scale[1]]).toEqual([5, 1]);
    const copy = x.slice();
    applyNormalizer(norm, copy, 4, 2);
    expect(Array.from(copy.filter((_, i) => i % 2 === 1))).toEqual([0, 0, 0, 0]);
    invertNormalizer(norm, copy, 4, 2);
    copy.forEach((v, i) => expect(v).toBeCloseTo(x[i], 4));
  });

  it('minmax maps the training rows to [0, 1]; constant feature -> offset min, scale 1', () => {
    const norm = fitNormalizer('minmax', x, rows, 2);
    expect(Array.from(norm.offset)).toEqual([1, 5]);
    expect(Array.from(norm.scale)).toEqual([0.5, 1]);
    const copy = x.slice();
    applyNormalizer(norm, copy, 4, 2);
    expect(Array.from(copy)).toEqual([0, 0, 0.5, 0, 1, 0, 49.5, 0]);
  });

  it('none is the identity; only the first n samples are touched', () => {
    const none = fitNormalizer('none', x, rows, 2);
    expect([Array.from(none.offset), Array.from(none.scale)]).toEqual([[0, 0], [1, 1]]);
    const norm = fitNormalizer('minmax', x, rows, 2);
    const copy = x.slice();
    applyNormalizer(norm, copy, 1, 2);
    expect(Array.from(copy.subarray(2))).toEqual(Array.from(x.subarray(2)));
  });
});

describe('prepareData', () => {
  it('defaults: standard normalisation, 20% validation, no test; statistics from training rows only', async () => {
    const wine = await loadBuiltinDataset('wine', undefined, nodeDatasetIO, 1);
    const p = prepareData(wine, {}, 3);
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([142, 36, 0]);
    expect([p.featureSize, p.numClasses, p.task, p.targetSize]).toEqual([13, 3, 'classification', 1]);
    expect(p.normalizer.mode).toBe('standard');
    for (let k = 0; k < 13; k++) {
      expect(Math.abs(columnMean(p.train.x, p.train.n, 13, k))).toBeLessThan(1e-5);
      expect(columnStd(p.train.x, p.train.n, 13, k)).toBeCloseTo(1, 4);
    }
    // Validation is normalised with the training statistics, so its mean is not forced to 0.
    const valMeans = Array.from({ length: 13 }, (_, k) => Math.abs(columnMean(p.validation.x, p.validation.n, 13, k)));
    expect(Math.max(...valMeans)).toBeGreaterThan(0.01);
  });

  it('copies rows contiguously with their targets', async () => {
    const iris = await loadBuiltinDataset('iris', undefined, nodeDatasetIO, 1);
    const p = prepareData(iris, { normalize: 'none', split: { validation: 0.2, test: 0.2 } }, 9);
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([90, 30, 30]);
    expect([p.train.x.length, p.train.y.length]).toEqual([360, 90]);
    // Every prepared row is an original row with its own label.
    const key = (x: Float32Array, i: number): string => Array.from(x.subarray(i * 4, i * 4 + 4)).join();
    const labels = new Map<string, Set<number>>();
    for (let i = 0; i < 150; i++) (labels.get(key(iris.x, i)) ?? labels.set(key(iris.x, i), new Set()).get(key(iris.x, i))!).add(iris.y[i]);
    for (const part of [p.train, p.validation, p.test]) {
      for (let i = 0; i < part.n; i++) expect(labels.get(key(part.x, i))?.has(part.y[i])).toBe(true);
    }
  });

  it('regression: numClasses 0, multi-value targets are copied whole', () => {
    const ds: Dataset = {
      name: 'two targets', task: 'regression', n: 10, x: Float32Array.from({ length: 10 }, (_, i) => i), featureShape: [1],
      featureNames: ['x'], y: Float32Array.from({ length: 20 }, (_, i) => i), targetSize: 2,
    };
    const p = prepareData(ds, { normalize: 'minmax', split: { validation: 0.3 } }, 1);
    expect([p.numClasses, p.targetSize, p.train.n, p.validation.n]).toEqual([0, 2, 7, 3]);
    for (let i = 0; i < p.train.n; i++) expect(p.train.y[2 * i + 1]).toBe(p.train.y[2 * i] + 1);
    expect(datasetShapeInfo(ds)).toEqual({ dataShape: [1], numClasses: 0, task: 'regression', targetSize: 2 });
  });

  it('xor keeps all four points for training and says why validation is empty', async () => {
    const xor = await loadBuiltinDataset('xor', undefined, nodeDatasetIO, 1);
    const p = prepareData(xor, { normalize: 'none' }, 1);
    expect([p.train.n, p.validation.n]).toEqual([4, 0]);
    expect(p.notes?.[0]).toMatch(/validation set is empty/);
  });

  it('validates labels and array sizes', () => {
    const base: Dataset = {
      name: 'bad', task: 'classification', n: 3, x: new Float32Array(3), featureShape: [1], featureNames: ['x'],
      y: new Float32Array([0, 1, 1.5]), targetSize: 1, classNames: ['a', 'b'],
    };
    expect(() => prepareData(base, {}, 1)).toThrow(new DataError('bad: row 3 has label 1.5, not a class index 0..1'));
    expect(() => prepareData({ ...base, y: new Float32Array([0, 1, 2]) }, {}, 1)).toThrow('bad: row 3 has label 2, not a class index 0..1');
    expect(() => prepareData({ ...base, x: new Float32Array(4) }, {}, 1)).toThrow('bad: expected 3×1 feature values, got 4');
    expect(() => prepareData({ ...base, x: new Float32Array([0, NaN, 1]) }, {}, 1)).toThrow("bad: row 2, feature 'x' is NaN, not a finite number");
  });

  it('datasetShapeInfo of image-shaped digits', async () => {
    const digits = await loadBuiltinDataset('digits', { image: 1 }, nodeDatasetIO, 1);
    expect(datasetShapeInfo(digits)).toEqual({ dataShape: [1, 8, 8], numClasses: 10, task: 'classification', targetSize: 1 });
    expect(prepareData(digits, {}, 1).featureSize).toBe(64);
  });
});
