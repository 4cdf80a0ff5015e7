/**
 * The split's rules at their edges: which fractions are refused, the fixed test set's bounds,
 * how the largest-remainder rule breaks ties, classes without rows, and each note a user reads.
 */
import { describe, expect, it } from 'vitest';
import { checkClassLabels, splitIndices } from '../../../src/engine/data/split';
import type { Dataset } from '../../../src/engine/data/types';
import { dataErrorMessage as message, labelled, regression } from '../../helpers/data';

const counts = (ds: Dataset, rows: Int32Array) => {
  const c = new Array<number>(ds.classNames!.length).fill(0);
  for (const r of rows) c[ds.y[r]]++;
  return c;
};


describe('split fractions', () => {
  const ds = labelled([0, 1, 0, 1, 0, 1], 2);

  it('each fraction must be finite and in [0, 1)', () => {
    expect(message(() => splitIndices(ds, { validation: 0, test: 1 }, 1))).toBe('split: test must be a fraction in [0, 1), got 1');
    expect(message(() => splitIndices(ds, { validation: 1, test: 0 }, 1))).toBe('split: validation must be a fraction in [0, 1), got 1');
    expect(message(() => splitIndices(ds, { validation: NaN, test: 0 }, 1))).toBe('split: validation must be a fraction in [0, 1), got NaN');
    expect(message(() => splitIndices(ds, { validation: 0, test: Infinity }, 1))).toBe('split: test must be a fraction in [0, 1), got Infinity');
    expect(message(() => splitIndices(ds, { validation: 0, test: -0.5 }, 1))).toBe('split: test must be a fraction in [0, 1), got -0.5');
  });

  it('together they must leave rows for training: a sum of exactly 1 is refused', () => {
    expect(message(() => splitIndices(ds, { validation: 0.5, test: 0.5 }, 1))).toBe(
      'split: validation (0.5) + test (0.5) must leave rows for training (sum below 1)',
    );
  });

  it('with a fixed test set the test fraction is ignored, so the sum may reach 1', () => {
    const fixed = labelled([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 2, { fixedTestStart: 10 });
    const s = splitIndices(fixed, { validation: 0.4, test: 0.9 }, 1);
    expect(Array.from(s.test)).toEqual([10, 11]);
    expect(s.validation.length).toBe(4);
    expect(s.train.length).toBe(6);
  });
});

describe('fixedTestStart bounds', () => {
  it('must be a whole row index in 1..n', () => {
    for (const f of [0, 7, 2.5, -1]) {
      expect(message(() => splitIndices(labelled([0, 1, 0, 1, 0, 1], 2, { fixedTestStart: f }), { validation: 0, test: 0 }, 1))).toBe(
        `test: fixedTestStart ${f} must be a row index in 1..6`,
      );
    }
  });

  it('1 leaves one row for training and validation; n means an empty fixed test set', () => {
    const first = splitIndices(regression(5, { fixedTestStart: 1 }), { validation: 0, test: 0 }, 1);
    expect([Array.from(first.train), Array.from(first.test)]).toEqual([[0], [1, 2, 3, 4]]);
    const last = splitIndices(regression(5, { fixedTestStart: 5 }), { validation: 0, test: 0.5 }, 1);
    expect([Array.from(last.train), Array.from(last.test)]).toEqual([[0, 1, 2, 3, 4], []]);
  });
});

describe('stratified allocation', () => {
  it('a tie in the remainders goes to the first class', () => {
    // Two classes of 5: 30% validation is 3 rows, ideally 1.5 per class.
    const ds = labelled([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], 2);
    const s = splitIndices(ds, { validation: 0.3, test: 0 }, 1);
    expect(counts(ds, s.validation)).toEqual([2, 1]);
    expect(counts(ds, s.train)).toEqual([3, 4]);
  });

  it('the largest remainder wins: 9 and 3 rows, 25% validation, ideally 2.25 and 0.75', () => {
    const ds = labelled([...new Array(9).fill(0), 1, 1, 1], 2);
    const s = splitIndices(ds, { validation: 0.25, test: 0 }, 1);
    expect(counts(ds, s.validation)).toEqual([2, 1]);
    const t = splitIndices(ds, { validation: 0, test: 0.25 }, 1);
    expect(counts(ds, t.test)).toEqual([2, 1]);
  });

  it('test and validation are drawn per class without overlap and keep a training row per class', () => {
    const ds = labelled([0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2], 3);
    const s = splitIndices(ds, { validation: 0.25, test: 0.25 }, 7);
    expect(counts(ds, s.test)).toEqual([1, 1, 1]);
    expect(counts(ds, s.validation)).toEqual([1, 1, 1]);
    expect(counts(ds, s.train)).toEqual([1, 1, 4]);
    expect(new Set([...s.train, ...s.validation, ...s.test]).size).toBe(12);
  });

  it('a class with no rows does not count: two present classes can share a 2-row validation set', () => {
    const ds = labelled([0, 0, 0, 0, 0, 2, 2, 2, 2, 2], 3);
    const s = splitIndices(ds, { validation: 0.2, test: 0 }, 1);
    expect(counts(ds, s.validation)).toEqual([1, 0, 1]);
    expect(s.notes).toEqual([]);
  });

  it('says when a part is smaller than asked because every class keeps a training row', () => {
    const ds = labelled([0, 0, 1, 1], 2);
    const v = splitIndices(ds, { validation: 0.75, test: 0 }, 1);
    expect(v.validation.length).toBe(2);
    expect(v.notes).toEqual(['The validation set has 2 rows instead of 3, so every class keeps a training row.']);
    const t = splitIndices(ds, { validation: 0, test: 0.75 }, 1);
    expect(t.test.length).toBe(2);
    expect(t.notes).toEqual(['The test set has 2 rows instead of 3, so every class keeps a training row.']);
    // Test first: validation only gets what test left.
    const both = splitIndices(labelled([0, 0, 0, 1, 1, 1], 2), { validation: 0.5, test: 0.4 }, 1);
    expect([both.test.length, both.validation.length, both.train.length]).toEqual([2, 2, 2]);
    expect(both.notes).toEqual(['The validation set has 2 rows instead of 3, so every class keeps a training row.']);
  });

  it('the empty-part note gives the fraction as a percentage with one decimal', () => {
    const ds = labelled([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 3);
    expect(splitIndices(ds, { validation: 0.125, test: 0 }, 1).notes).toEqual([
      'The validation set is empty: 12.5% of 18 rows is 2, fewer than the 3 classes, so those rows stay in training.',
    ]);
  });
});

describe('regression split', () => {
  it('shrinks the held-out parts to keep one training row, and says so', () => {
    const s = splitIndices(regression(2), { validation: 0.5, test: 0.4 }, 1);
    expect([s.test.length, s.validation.length, s.train.length]).toEqual([1, 0, 1]);
    expect(s.notes).toEqual(['Held-out parts were shrunk to keep at least one training row.']);
    const one = splitIndices(regression(1), { validation: 0.6, test: 0 }, 1);
    expect([Array.from(one.train), one.validation.length, one.notes.length]).toEqual([[0], 0, 1]);
    const testOnly = splitIndices(regression(1), { validation: 0, test: 0.6 }, 1);
    expect([Array.from(testOnly.train), testOnly.test.length, testOnly.notes]).toEqual([[0], 0, ['Held-out parts were shrunk to keep at least one training row.']]);
    expect(splitIndices(regression(10), { validation: 0.2, test: 0.2 }, 1).notes).toEqual([]);
  });
});

describe('checkClassLabels', () => {
  it('needs class names, and labels that are whole indices into them', () => {
    expect(message(() => checkClassLabels(labelled([0, 1], 0, { classNames: undefined })))).toBe('test: a classification dataset needs class names');
    expect(message(() => checkClassLabels(labelled([0, 1], 0)))).toBe('test: a classification dataset needs class names');
    expect(message(() => checkClassLabels(labelled([0, -1], 2)))).toBe('test: row 2 has label -1, not a class index 0..1');
    expect(message(() => checkClassLabels(labelled([0.5, 1], 2)))).toBe('test: row 1 has label 0.5, not a class index 0..1');
    expect(() => checkClassLabels(labelled([0], 1))).not.toThrow();
    expect(() => checkClassLabels(regression(3, { y: Float32Array.of(-1, 0.5, 7) }))).not.toThrow();
  });
});
