import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import { splitIndices } from '../../../src/engine/data/split';
import { DataError, type Dataset } from '../../../src/engine/data/types';
import { labelled, regression } from '../../helpers/data';
import { nodeDatasetIO } from '../../../src/node/datasets';

function countBy(ds: Dataset, rows: Int32Array): number[] {
  const counts = new Array<number>(ds.classNames!.length).fill(0);
  for (const r of rows) counts[ds.y[r]]++;
  return counts;
}

function expectPartition(parts: { train: Int32Array; validation: Int32Array; test: Int32Array }, n: number): void {
  const all = [...parts.train, ...parts.validation, ...parts.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  for (const p of [parts.train, parts.validation, parts.test]) expect(Array.from(p)).toEqual(Array.from(p).sort((a, b) => a - b));
}

describe('splitIndices', () => {
  it('is stratified: iris 60/20/20 gives 30/10/10 of each species', async () => {
    const iris = await loadBuiltinDataset('iris', undefined, nodeDatasetIO, 1);
    const s = splitIndices(iris, { validation: 0.2, test: 0.2 }, 5);
    expectPartition(s, 150);
    expect(countBy(iris, s.train)).toEqual([30, 30, 30]);
    expect(countBy(iris, s.validation)).toEqual([10, 10, 10]);
    expect(countBy(iris, s.test)).toEqual([10, 10, 10]);
    expect(s.notes).toEqual([]);
  });

  it('rounds per class so the totals match round(n · fraction)', () => {
    const ds = labelled([...Array(7).fill(0), ...Array(13).fill(1), ...Array(3).fill(2)], 3);
    const s = splitIndices(ds, { validation: 0.25, test: 0.15 }, 3);
    expectPartition(s, 23);
    expect(s.validation.length).toBe(Math.round(23 * 0.25));
    expect(s.test.length).toBe(Math.round(23 * 0.15));
    expect(countBy(ds, s.test)).toEqual([1, 2, 0]);
    const val = countBy(ds, s.validation);
    [7, 13, 3].forEach((size, c) => expect(Math.abs(val[c] - size * 0.25)).toBeLessThan(1));
    // 10% of 23 is 2 rows, fewer than the 3 classes: no test set at all.
    const small = splitIndices(ds, { validation: 0.25, test: 0.1 }, 3);
    expect(small.test.length).toBe(0);
    expect(small.notes).toEqual(['The test set is empty: 10% of 23 rows is 2, fewer than the 3 classes, so those rows stay in training.']);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const ds = labelled(Array.from({ length: 100 }, (_, i) => i % 2), 2);
    const a = splitIndices(ds, { validation: 0.3, test: 0 }, 11);
    expect(splitIndices(ds, { validation: 0.3, test: 0 }, 11)).toEqual(a);
    expect(splitIndices(ds, { validation: 0.3, test: 0 }, 12).validation).not.toEqual(a.validation);
  });

  it('regression: a plain shuffled split', () => {
    const s = splitIndices(regression(50), { validation: 0.2, test: 0.1 }, 1);
    expectPartition(s, 50);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([35, 10, 5]);
  });

  it('regression: the seed shuffles the rows; no part is a contiguous block of rows', () => {
    const isBlock = (rows: Int32Array) => rows.length > 1 && rows[rows.length - 1] - rows[0] === rows.length - 1;
    const validations = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const s = splitIndices(regression(50), { validation: 0.2, test: 0.1 }, seed);
      expectPartition(s, 50);
      for (const [name, rows] of Object.entries({ train: s.train, validation: s.validation, test: s.test })) {
        expect(isBlock(rows), `seed ${seed}: ${name} is rows ${rows[0]}..${rows[rows.length - 1]}`).toBe(false);
      }
      validations.add(Array.from(s.validation).join(','));
    }
    expect(validations.size).toBe(6);
  });

  it('fixedTestStart: those rows are the test set, validation comes from the rest, split.test is ignored', () => {
    const labels = Array.from({ length: 120 }, (_, i) => i % 3);
    const ds = labelled(labels, 3, { fixedTestStart: 100 });
    const s = splitIndices(ds, { validation: 0.2, test: 0.5 }, 2);
    expectPartition(s, 120);
    expect(Array.from(s.test)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(s.validation.length).toBe(20);
    expect(Math.max(...s.validation, ...s.train)).toBeLessThan(100);
    const r = splitIndices({ ...regression(30), fixedTestStart: 20 }, { validation: 0.5, test: 0.3 }, 2);
    expect(Array.from(r.test)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    expect(r.validation.length).toBe(10);
  });

  it('tiny data (the gates): a validation part smaller than the number of classes stays in training', () => {
    for (const labels of [[0, 1, 1, 0], [0, 0, 0, 1]]) {
      const ds = labelled(labels, 2);
      const s = splitIndices(ds, { validation: 0.2, test: 0 }, 1);
      expect(Array.from(s.train)).toEqual([0, 1, 2, 3]);
      expect(s.validation.length).toBe(0);
      expect(s.notes).toEqual(['The validation set is empty: 20% of 4 rows is 1, fewer than the 2 classes, so those rows stay in training.']);
    }
  });

  it('a class never loses its last training row', () => {
    const ds = labelled([0, 0, 0, 0, 0, 1], 2);
    const s = splitIndices(ds, { validation: 0.5, test: 0 }, 4);
    expect(countBy(ds, s.train)[1]).toBe(1);
    expect(s.validation.length).toBe(3);
    expect(countBy(ds, s.validation)).toEqual([3, 0]);
    const all = splitIndices(labelled([0, 1, 2], 3), { validation: 0.5, test: 0.4 }, 1);
    expect(Array.from(all.train)).toEqual([0, 1, 2]);
    expect(all.notes).toHaveLength(2);
  });

  it('rejects bad fractions and labels', () => {
    const ds = labelled([0, 1, 0, 1], 2);
    expect(() => splitIndices(ds, { validation: 0.6, test: 0.4 }, 1)).toThrow(
      'split: validation (0.6) + test (0.4) must leave rows for training (sum below 1)',
    );
    expect(() => splitIndices(ds, { validation: -0.1, test: 0 }, 1)).toThrow('split: validation must be a fraction in [0, 1), got -0.1');
    expect(() => splitIndices(labelled([0, 2], 2), { validation: 0, test: 0 }, 1)).toThrow(DataError);
    expect(() => splitIndices(labelled([0, 2], 2), { validation: 0, test: 0 }, 1)).toThrow('test: row 2 has label 2, not a class index 0..1');
  });
});
