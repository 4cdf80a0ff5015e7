/**
 * Train / validation / test split. Classification is stratified: every class is split in the
 * same proportions, with the largest-remainder rule so the part sizes add up exactly.
 *
 * Small-data rules (classification):
 * - a held-out part (validation or test) gets round(fraction · rows) rows, but if that is
 *   fewer than the number of classes it cannot represent them all, so it is left EMPTY and
 *   its rows stay in training (the 4-point gates keep all four points for training);
 * - a class never gives up its last training row, so training always sees every class.
 * Regression: a plain shuffled split that keeps at least one training row.
 * Every adjustment is explained in `notes`. Indices in each part are sorted ascending, so
 * each part keeps the dataset's order.
 */
import type { SplitConfig } from '../../shared/project-types';
import { Rng, streamSeed } from '../random';
import { DataError, type Dataset } from './types';

export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** Why a part is smaller than asked (empty validation on tiny data, and so on). */
  notes: string[];
}

function checkSplit(ds: Dataset, split: SplitConfig): void {
  const { validation, test } = split;
  for (const [name, v] of [['validation', validation], ['test', test]] as const) {
    if (!Number.isFinite(v) || v < 0 || v >= 1) throw new DataError(`split: ${name} must be a fraction in [0, 1), got ${v}`);
  }
  if (ds.fixedTestStart === undefined && validation + test >= 1) {
    throw new DataError(`split: validation (${validation}) + test (${test}) must leave rows for training (sum below 1)`);
  }
  const f = ds.fixedTestStart;
  if (f !== undefined && (!Number.isInteger(f) || f < 1 || f > ds.n)) {
    throw new DataError(`${ds.name}: fixedTestStart ${f} must be a row index in 1..${ds.n}`);
  }
}

/** Distributes `total` over groups in proportion to `sizes`, never above `caps` (largest remainder). */
function allocate(total: number, sizes: number[], caps: number[]): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const ideal = sizes.map((s) => (sum > 0 ? (total * s) / sum : 0));
  const alloc = ideal.map((v, c) => Math.max(0, Math.min(Math.floor(v), caps[c])));
  let left = total - alloc.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let best = -1;
    for (let c = 0; c < sizes.length; c++) {
      if (alloc[c] < caps[c] && (best < 0 || ideal[c] - alloc[c] > ideal[best] - alloc[best])) best = c;
    }
    if (best < 0) break;
    alloc[best]++;
    left--;
  }
  return alloc;
}

const pct = (f: number): string => `${Math.round(f * 1000) / 10}%`;

function sorted(rows: number[]): Int32Array {
  return Int32Array.from(rows).sort();
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Classification labels must be class indices 0..classNames.length − 1. */
export function checkClassLabels(ds: Dataset): void {
  if (ds.task !== 'classification') return;
  const k = ds.classNames?.length ?? 0;
  if (k < 1) throw new DataError(`${ds.name}: a classification dataset needs class names`);
  for (let i = 0; i < ds.n; i++) {
    const c = ds.y[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new DataError(`${ds.name}: row ${i + 1} has label ${c}, not a class index 0..${k - 1}`);
    }
  }
}

export function splitIndices(ds: Dataset, split: SplitConfig, seed: number): SplitIndices {
  checkSplit(ds, split);
  checkClassLabels(ds);
  const rng = new Rng(streamSeed(seed, 'split'));
  const pool = ds.fixedTestStart ?? ds.n;
  const fixedTest = range(pool, ds.n);
  const testFraction = ds.fixedTestStart === undefined ? split.test : 0;
  const notes: string[] = [];
  const wanted = { test: Math.round(pool * testFraction), validation: Math.round(pool * split.validation) };

  if (ds.task === 'regression') {
    const order = Int32Array.from(range(0, pool));
    rng.shuffle(order);
    const nTest = Math.min(wanted.test, pool - 1);
    const nVal = Math.min(wanted.validation, pool - 1 - nTest);
    if (nTest < wanted.test || nVal < wanted.validation) notes.push(`Held-out parts were shrunk to keep at least one training row.`);
    const rows = Array.from(order);
    return {
      test: sorted([...rows.slice(0, nTest), ...fixedTest]),
      validation: sorted(rows.slice(nTest, nTest + nVal)),
      train: sorted(rows.slice(nTest + nVal)),
      notes,
    };
  }

  const members: number[][] = [];
  for (let i = 0; i < pool; i++) {
    const c = ds.y[i];
    (members[c] ??= []).push(i);
  }
  const sizes = Array.from({ length: members.length }, (_, c) => members[c]?.length ?? 0);
  const classCount = sizes.filter((s) => s > 0).length;
  const partSize = (part: 'test' | 'validation', fraction: number): number => {
    const want = wanted[part];
    if (want > 0 && want < classCount) {
      notes.push(
        `The ${part} set is empty: ${pct(fraction)} of ${pool} rows is ${want}, fewer than the ${classCount} classes, so those rows stay in training.`,
      );
      return 0;
    }
    return want;
  };
  const testWanted = partSize('test', testFraction);
  const testCounts = allocate(testWanted, sizes, sizes.map((s) => Math.max(0, s - 1)));
  const valWanted = partSize('validation', split.validation);
  const valCounts = allocate(valWanted, sizes, sizes.map((s, c) => Math.max(0, s - 1 - testCounts[c])));
  const totalTest = testCounts.reduce((a, b) => a + b, 0);
  const totalVal = valCounts.reduce((a, b) => a + b, 0);
  if (totalTest < testWanted) notes.push(`The test set has ${totalTest} rows instead of ${testWanted}, so every class keeps a training row.`);
  if (totalVal < valWanted) notes.push(`The validation set has ${totalVal} rows instead of ${valWanted}, so every class keeps a training row.`);

  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < members.length; c++) {
    const rows = Int32Array.from(members[c] ?? []);
    rng.shuffle(rows);
    rows.forEach((row, k) => {
      if (k < testCounts[c]) test.push(row);
      else if (k < testCounts[c] + valCounts[c]) validation.push(row);
      else train.push(row);
    });
  }
  return { train: sorted(train), validation: sorted(validation), test: sorted([...test, ...fixedTest]), notes };
}
