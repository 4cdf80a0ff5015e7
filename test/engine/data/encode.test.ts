import { describe, expect, it } from 'vitest';
import { encodeTargets } from '../../../src/engine/data/encode';
import { DataError } from '../../../src/engine/data/types';

const labels = new Float32Array([0, 2, 1]);
const binary = new Float32Array([1, 0, 0, 1]);

describe('encodeTargets', () => {
  it("'index' keeps the class indices when there is one output per class", () => {
    expect(Array.from(encodeTargets(labels, 3, 'index', 3, 3))).toEqual([0, 2, 1]);
    expect(Array.from(encodeTargets(new Float32Array([1, 0, 2, 2]), 2, 'index', 3, 3))).toEqual([1, 0]);
  });

  it("'binary': one output -> 0/1, one output per class -> one-hot", () => {
    expect(Array.from(encodeTargets(binary, 4, 'binary', 1, 2))).toEqual([1, 0, 0, 1]);
    expect(Array.from(encodeTargets(labels, 3, 'binary', 3, 3))).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
    expect(Array.from(encodeTargets(binary, 2, 'binary', 2, 2))).toEqual([0, 1, 1, 0]);
  });

  it("'signed': one output -> −1/+1, one output per class -> one-vs-rest ±1", () => {
    expect(Array.from(encodeTargets(binary, 4, 'signed', 1, 2))).toEqual([1, -1, -1, 1]);
    expect(Array.from(encodeTargets(labels, 3, 'signed', 3, 3))).toEqual([1, -1, -1, -1, -1, 1, -1, 1, -1]);
  });

  it('regression targets are returned as they are', () => {
    const y = new Float32Array([0.5, -2, 7, 1]);
    expect(encodeTargets(y, 2, 'binary', 2, 0)).toBe(y);
    expect(() => encodeTargets(y, 4, 'index', 2, 0)).toThrow('The model predicts 2 value(s) per sample but the data has 1 target(s) per sample');
  });

  it('errors explain the mismatch', () => {
    const cases: [() => unknown, string][] = [
      [() => encodeTargets(labels, 3, 'index', 1, 3), 'This loss compares one output per class with the class index: the model has 1 output(s) but the data has 3 classes'],
      [() => encodeTargets(labels, 3, 'binary', 1, 3), 'A single output can only separate 2 classes, but the data has 3: use 3 outputs (one per class)'],
      [() => encodeTargets(labels, 3, 'signed', 1, 3), 'A single output can only separate 2 classes, but the data has 3: use 3 outputs (one per class)'],
      [() => encodeTargets(labels, 3, 'binary', 4, 3), 'The model has 4 outputs but the data has 3 classes: use one output per class'],
      [() => encodeTargets(binary, 4, 'signed', 3, 2), 'The model has 3 outputs but the data has 2 classes: use one output per class or a single output'],
      [() => encodeTargets(labels, 3, 'binary', 2, 2), 'Sample 2 has label 2, not a class index 0..1'],
      [() => encodeTargets(labels, 5, 'index', 3, 3), 'encodeTargets: 5 samples but only 3 labels'],
    ];
    for (const [fn, message] of cases) {
      expect(fn).toThrow(DataError);
      expect(fn).toThrow(message);
    }
  });
});
