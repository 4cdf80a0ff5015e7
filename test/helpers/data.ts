/** Small datasets and error helpers shared by the data tests (test/engine/data). */
import { expect } from 'vitest';
import { DataError, type Dataset } from '../../src/engine/data/types';

/** A classification dataset whose one feature is the row index, with the given labels. */
export function labelled(labels: number[], classes: number, extra: Partial<Dataset> = {}): Dataset {
  return {
    name: 'test',
    task: 'classification',
    n: labels.length,
    x: Float32Array.from(labels.keys()),
    featureShape: [1],
    featureNames: ['i'],
    y: Float32Array.from(labels),
    targetSize: 1,
    classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
    ...extra,
  };
}

/** A regression dataset of n rows, one zero feature and one zero target each. */
export function regression(n: number, extra: Partial<Dataset> = {}): Dataset {
  return { name: 'reg', task: 'regression', n, x: new Float32Array(n), featureShape: [1], featureNames: ['x'], y: new Float32Array(n), targetSize: 1, ...extra };
}

/** The message of the DataError that fn throws (the test fails if it throws nothing or something else). */
export function dataErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error('expected a DataError');
}

/** The message of the DataError that p rejects with. */
export async function rejectionMessage(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return (e as Error).message;
}
