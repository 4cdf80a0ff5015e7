/**
 * What the data module refuses and why, message by message (dataset validation, CSV specs, target
 * encoding), and normalisation at its edges (no rows, partial groups, the inverse of part of x).
 */
import { describe, expect, it } from 'vitest';
import { csvToDataset, MAX_CLASSES, parseCsv, type CsvTable } from '../../../src/engine/data/csv';
import { encodeTargets } from '../../../src/engine/data/encode';
import { applyNormalizer, fitNormalizer, invertNormalizer } from '../../../src/engine/data/normalize';
import { datasetShapeInfo, featureSizeOf, normalizeGroupSize, prepareData, validateDataset } from '../../../src/engine/data/prepare';
import type { Dataset } from '../../../src/engine/data/types';
import { dataErrorMessage as message } from '../../helpers/data';


const base: Dataset = {
  name: 'd', task: 'regression', n: 2, x: Float32Array.of(1, 2, 3, 4), featureShape: [2], featureNames: ['a', 'b'], y: Float32Array.of(5, 6), targetSize: 1,
};

describe('validateDataset', () => {
  it('accepts a consistent dataset', () => {
    expect(() => validateDataset(base)).not.toThrow();
    expect(() => validateDataset({ ...base, n: 1, x: Float32Array.of(1, 2), y: Float32Array.of(3) })).not.toThrow();
  });

  it('needs a whole, positive number of rows', () => {
    expect(message(() => validateDataset({ ...base, n: 0, x: new Float32Array(0), y: new Float32Array(0) }))).toBe('d: the dataset has no rows');
    expect(message(() => validateDataset({ ...base, n: 1.5 }))).toBe('d: the dataset has no rows');
  });

  it('needs a feature shape of whole positive sizes', () => {
    expect(message(() => validateDataset({ ...base, featureShape: [2, 0], x: new Float32Array(0) }))).toBe('d: bad feature shape [2, 0]');
    expect(message(() => validateDataset({ ...base, featureShape: [-1, -2] }))).toBe('d: bad feature shape [-1, -2]');
    expect(message(() => validateDataset({ ...base, featureShape: [0.5, 4] }))).toBe('d: bad feature shape [0.5, 4]');
  });

  it('names the row and feature of a value that is not finite, by position when the features have no names', () => {
    expect(message(() => validateDataset({ ...base, x: Float32Array.of(1, 2, 3, Infinity) }))).toBe("d: row 2, feature 'b' is Infinity, not a finite number");
    expect(message(() => validateDataset({ ...base, x: Float32Array.of(NaN, 2, 3, 4) }))).toBe("d: row 1, feature 'a' is NaN, not a finite number");
    expect(message(() => validateDataset({ ...base, featureNames: [], x: Float32Array.of(1, 2, -Infinity, 4) }))).toBe(
      "d: row 2, feature 'feature 1' is -Infinity, not a finite number",
    );
  });

  it('checks the targets: one label per row for classification, n × targetSize values', () => {
    const cls: Dataset = { ...base, task: 'classification', y: Float32Array.of(0, 1, 1, 0), targetSize: 2, classNames: ['a', 'b'] };
    expect(message(() => validateDataset(cls))).toBe('d: classification data has one label per row (targetSize 1), got 2');
    expect(message(() => validateDataset({ ...base, y: Float32Array.of(5, 6, 7) }))).toBe('d: expected 2 target values, got 3');
    expect(message(() => validateDataset({ ...base, targetSize: 2 }))).toBe('d: expected 4 target values, got 2');
    expect(() => validateDataset({ ...base, targetSize: 2, y: Float32Array.of(1, 2, 3, 4) })).not.toThrow();
  });
});

describe('prepareData', () => {
  it('copies the feature shape, fills in the default split and normalisation, and passes the notes on', () => {
    const ds: Dataset = { ...base, n: 10, x: Float32Array.from({ length: 20 }, (_, i) => i), y: new Float32Array(10) };
    const p = prepareData(ds, { split: { test: 0.2 } }, 1);
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([6, 2, 2]);
    expect(p.featureShape).toEqual([2]);
    expect(p.featureShape).not.toBe(ds.featureShape);
    expect([p.featureSize, p.numClasses, p.targetSize, p.task, p.normalizer.mode]).toEqual([2, 0, 1, 'regression', 'standard']);
    expect(p.notes).toEqual([]);
    expect(prepareData({ ...ds, n: 1, x: Float32Array.of(1, 2), y: Float32Array.of(0) }, { split: { validation: 0.6 } }, 1).notes).toEqual([
      'Held-out parts were shrunk to keep at least one training row.',
    ]);
  });

  it('normalises images per channel, using the statistics of the training rows only', () => {
    // Two 1×1×2 images: the pixels of the one channel share one offset and scale.
    const img: Dataset = { ...base, featureShape: [1, 1, 2], featureNames: [], x: Float32Array.of(0, 2, 4, 6) };
    const p = prepareData(img, { normalize: 'minmax', split: { validation: 0 } }, 1);
    expect(Array.from(p.normalizer.offset)).toEqual([0, 0]);
    expect(Array.from(p.normalizer.scale)).toEqual([1 / 6, 1 / 6].map(Math.fround));
  });

  it('shape helpers', () => {
    expect(featureSizeOf({ ...base, featureShape: [3, 4, 5] })).toBe(60);
    expect(normalizeGroupSize([2, 3])).toBe(1);
    expect(datasetShapeInfo({ ...base, task: 'classification', classNames: undefined })).toEqual({ dataShape: [2], numClasses: 0, task: 'classification', targetSize: 1 });
    const info = datasetShapeInfo(base);
    info.dataShape.push(9);
    expect(base.featureShape).toEqual([2]);
  });
});

describe('fitNormalizer edges', () => {
  const x = Float32Array.of(1, 10, 100, 3, 30, 300);

  it('no training rows: offset 0 and scale 1 in every mode', () => {
    for (const mode of ['standard', 'minmax'] as const) {
      const norm = fitNormalizer(mode, x, new Int32Array(0), 3);
      expect([mode, Array.from(norm.offset), Array.from(norm.scale)]).toEqual([mode, [0, 0, 0], [1, 1, 1]]);
    }
  });

  it('a last group smaller than the others gets statistics of its own', () => {
    const rows = Int32Array.of(0, 1);
    const std = fitNormalizer('standard', x, rows, 3, 2);
    // Group {feature 0, feature 1}: values 1, 10, 3, 30 (mean 11, population sd √131.5); group {feature 2}: 100, 300.
    expect(Array.from(std.offset)).toEqual([11, 11, 200]);
    expect(std.scale[0]).toBeCloseTo(1 / Math.sqrt(131.5), 7);
    expect(std.scale[2]).toBeCloseTo(1 / 100, 7);
    const mm = fitNormalizer('minmax', x, rows, 3, 2);
    expect(Array.from(mm.offset)).toEqual([1, 1, 100]);
    expect(Array.from(mm.scale)).toEqual([1 / 29, 1 / 29, 1 / 200].map(Math.fround));
  });

  it('standard scale is 1 / population sd per feature, exactly', () => {
    const norm = fitNormalizer('standard', Float32Array.of(0, 4, 2, 8), Int32Array.of(0, 1), 2);
    expect(Array.from(norm.offset)).toEqual([1, 6]);
    expect(Array.from(norm.scale)).toEqual([1, 0.5]);
  });

  it('invertNormalizer undoes applyNormalizer and touches only the first n samples', () => {
    const norm = fitNormalizer('minmax', x, Int32Array.of(0, 1), 3);
    const copy = x.slice();
    applyNormalizer(norm, copy, 2, 3);
    expect(Array.from(copy)).toEqual([0, 0, 0, 1, 1, 1]);
    copy[3] = 0.5;
    invertNormalizer(norm, copy, 1, 3);
    expect(Array.from(copy)).toEqual([1, 10, 100, 0.5, 1, 1]);
  });
});

describe('csvToDataset spec checks', () => {
  const table = parseCsv('a,b,c,d,y\n1,2,3,4,0\n5,6,7,8,1\n', 't.csv');
  const spec = { features: ['a', 'b', 'c', 'd'], target: 'y', task: 'classification' as const };
  const shapeError = (shape: number[], holds: number) =>
    `t.csv: image shape [${shape.join(', ')}] must be [channels, height, width] holding one value per feature column (4), but it holds ${holds}`;

  it('an image shape needs three whole positive sizes whose product is the number of features', () => {
    expect(message(() => csvToDataset(table, { ...spec, imageShape: [4] }, 't.csv'))).toBe(shapeError([4], 4));
    expect(message(() => csvToDataset(table, { ...spec, imageShape: [1, 1, 2, 2] }, 't.csv'))).toBe(shapeError([1, 1, 2, 2], 4));
    expect(message(() => csvToDataset(table, { ...spec, imageShape: [1, 0.5, 8] }, 't.csv'))).toBe(shapeError([1, 0.5, 8], 4));
    expect(message(() => csvToDataset(table, { ...spec, imageShape: [-1, -2, 2] }, 't.csv'))).toBe(shapeError([-1, -2, 2], 4));
    expect(message(() => csvToDataset(table, { ...spec, imageShape: [1, 2, 3] }, 't.csv'))).toBe(shapeError([1, 2, 3], 6));
    expect(csvToDataset(table, { ...spec, imageShape: [4, 1, 1] }, 't.csv').featureShape).toEqual([4, 1, 1]);
  });

  it('a feature listed twice is refused', () => {
    expect(message(() => csvToDataset(table, { ...spec, features: ['a', 'b', 'a'] }, 't.csv'))).toBe("t.csv: column 'a' is listed twice as a feature");
  });

  it('without line numbers, lines are counted from the header (or from 1 without one)', () => {
    const bare: CsvTable = { header: ['a', 'y'], hasHeader: true, delimiter: ',', rows: [['1', '0'], ['x', '1']] };
    expect(message(() => csvToDataset(bare, { features: ['a'], target: 'y', task: 'regression' }, 'b.csv'))).toBe("b.csv line 3, column 'a': 'x' is not a number");
    expect(message(() => csvToDataset({ ...bare, hasHeader: false }, { features: ['a'], target: 'y', task: 'regression' }, 'b.csv'))).toBe(
      "b.csv line 2, column 'a': 'x' is not a number",
    );
  });

  it('a missing class label with a marker shows the marker', () => {
    const t = parseCsv('a,y\n1,x\n2,NA\n', 'm.csv');
    expect(message(() => csvToDataset(t, { features: ['a'], target: 'y', task: 'classification' }, 'm.csv'))).toBe("m.csv line 3, column 'y': missing value ('NA')");
  });

  it(`at most ${MAX_CLASSES} classes`, () => {
    const rows = (k: number) => Array.from({ length: k }, (_, i) => `${i},c${i}`).join('\n');
    expect(csvToDataset(parseCsv(`a,y\n${rows(MAX_CLASSES)}`, 'k.csv'), { features: ['a'], target: 'y', task: 'classification' }, 'k.csv').classNames).toHaveLength(
      MAX_CLASSES,
    );
    expect(message(() => csvToDataset(parseCsv(`a,y\n${rows(MAX_CLASSES + 1)}`, 'k.csv'), { features: ['a'], target: 'y', task: 'classification' }, 'k.csv'))).toBe(
      "k.csv: column 'y' has 1001 different values, too many classes (at most 1000); is it a regression target?",
    );
  });

  it('the dataset owns copies of the spec arrays', () => {
    const imageShape = [4, 1, 1];
    const features = ['a', 'b', 'c', 'd'];
    const ds = csvToDataset(table, { ...spec, features, imageShape }, 't.csv');
    imageShape[0] = 9;
    features[0] = 'z';
    expect([ds.featureShape, ds.featureNames]).toEqual([[4, 1, 1], ['a', 'b', 'c', 'd']]);
  });
});

describe('encodeTargets messages, exactly', () => {
  const three = Float32Array.of(0, 2, 1);

  it('the "single output" hint only for two classes', () => {
    expect(message(() => encodeTargets(three, 3, 'binary', 4, 3))).toBe('The model has 4 outputs but the data has 3 classes: use one output per class');
    expect(message(() => encodeTargets(Float32Array.of(0, 1), 2, 'binary', 3, 2))).toBe(
      'The model has 3 outputs but the data has 2 classes: use one output per class or a single output',
    );
  });

  it('labels must be whole class indices', () => {
    expect(message(() => encodeTargets(Float32Array.of(0, -1), 2, 'index', 2, 2))).toBe('Sample 2 has label -1, not a class index 0..1');
    expect(message(() => encodeTargets(Float32Array.of(0.5, 1), 2, 'index', 2, 2))).toBe('Sample 1 has label 0.5, not a class index 0..1');
    expect(message(() => encodeTargets(Float32Array.of(0, 3), 2, 'index', 3, 3))).toBe('Sample 2 has label 3, not a class index 0..2');
  });

  it("'index' hands the labels over as they are when there are exactly n of them", () => {
    expect(encodeTargets(three, 3, 'index', 3, 3)).toBe(three);
  });

  it('regression: the number of targets per sample must match the outputs', () => {
    const y = Float32Array.of(1, 2, 3, 4, 5, 6);
    expect(encodeTargets(y, 3, 'index', 2, 0)).toBe(y);
    expect(message(() => encodeTargets(y, 2, 'index', 2, 0))).toBe('The model predicts 2 value(s) per sample but the data has 3 target(s) per sample');
  });
});
