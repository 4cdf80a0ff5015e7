/** MetricAccumulator: R² against hand-computed values, accuracy for each way targets are read. */
import { describe, expect, it } from 'vitest';
import { MetricAccumulator } from '../../src/engine/metrics';
import { Trainer } from '../../src/engine/train';
import type { PreparedData } from '../../src/engine/data/types';
import { chainGraph } from '../helpers/projects';

const f32 = (values: number[]) => Float32Array.from(values);

function regression(outputs: number, batches: [number[], number[]][]) {
  const acc = new MetricAccumulator('regression', outputs, 'binary', true);
  for (const [pred, y] of batches) acc.add(0, f32(pred), f32(y), y.length / outputs);
  return acc.result();
}

describe('R²', () => {
  it('targets [1, 2, 3], predictions [1, 2, 4]: 1 − SSE/SST = 1 − 1/2 = 0.5', () => {
    expect(regression(1, [[[1, 2, 4], [1, 2, 3]]]).r2).toBeCloseTo(0.5, 12);
  });

  it('is the same when the rows come in several batches', () => {
    expect(regression(1, [[[1], [1]], [[2, 4], [2, 3]]]).r2).toBeCloseTo(0.5, 12);
  });

  it('predicting the mean gives 0; a perfect fit 1; worse than the mean is negative', () => {
    expect(regression(1, [[[2, 2, 2], [1, 2, 3]]]).r2).toBeCloseTo(0, 12);
    expect(regression(1, [[[1, 2, 3], [1, 2, 3]]]).r2).toBe(1);
    expect(regression(1, [[[3, 2, 1], [1, 2, 3]]]).r2).toBeCloseTo(1 - 8 / 2, 12);
  });

  it('multi-output R² is the mean of the outputs’ R² (here 0.5 and 0)', () => {
    // Rows (y1, y2): (1, 10), (2, 20), (3, 30); predictions (1, 20), (2, 20), (4, 20).
    const m = regression(2, [[[1, 20, 2, 20, 4, 20], [1, 10, 2, 20, 3, 30]]]);
    expect(m.r2).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(m.mae).toBeCloseTo((0 + 10 + 0 + 0 + 1 + 10) / 6, 12);
  });

  it('a constant target: 1 when predicted exactly, else 0 (no division by zero)', () => {
    expect(regression(1, [[[5, 5], [5, 5]]]).r2).toBe(1);
    expect(regression(1, [[[5, 6], [5, 5]]]).r2).toBe(0);
  });

  it('the loss is the sample-weighted mean of the batch losses', () => {
    const acc = new MetricAccumulator('regression', 1, 'binary', true);
    acc.add(1, f32([0]), f32([0]), 1);
    acc.add(4, f32([0, 0, 0]), f32([0, 0, 0]), 3);
    expect(acc.result().loss).toBeCloseTo((1 + 12) / 4, 12);
    acc.reset();
    expect(acc.result().loss).toBeNaN();
  });
});

describe('accuracy', () => {
  const accuracy = (classTargets: 'index' | 'binary' | 'signed', outputs: number, pred: number[], y: number[]) => {
    const acc = new MetricAccumulator('classification', outputs, classTargets, true);
    acc.add(0, f32(pred), f32(y), y.length);
    return acc.result().accuracy;
  };

  it('±1 targets (hinge) are read by sign: predictions [0.3, −0.2] with targets [1, −1] are both right', () => {
    expect(accuracy('signed', 1, [0.3, -0.2], [1, -1])).toBe(1);
    expect(accuracy('signed', 1, [-0.3, 0.2], [1, -1])).toBe(0);
  });

  it('one probability is thresholded at 0.5 (0.49 is class 0, 0.5 class 1)', () => {
    expect(accuracy('binary', 1, [0.3, 0.6, 0.5, 0.49], [0, 1, 1, 0])).toBe(1);
    expect(accuracy('binary', 1, [0.3, 0.6, 0.5, 0.49], [1, 0, 0, 1])).toBe(0);
  });

  it('several outputs take the argmax (the first of equal maxima)', () => {
    // Rows: max at 1, at 0, a tie of 0 and 1 (→ 0), max at 2 after a rising start, max at 2.
    const pred = [0.1, 0.7, 0.2, 0.5, 0.2, 0.3, 0.4, 0.4, 0.2, 0.1, 0.2, 0.7, 0.9, 0.0, 1.0];
    expect(accuracy('index', 3, pred, [1, 0, 0, 2, 2])).toBe(1);
    expect(accuracy('index', 3, pred, [1, 0, 1, 1, 0])).toBeCloseTo(2 / 5, 12);
    expect(accuracy('index', 3, [0.1, 0.2, 0.7], [2])).toBe(1); // the maximum last, in the first row
  });

  it('reads only the first `rows` rows of oversized batch buffers (the trainer’s are sized for the largest batch)', () => {
    const acc = new MetricAccumulator('classification', 3, 'index', true);
    acc.add(0, f32([0.1, 0.7, 0.2, 0.9, 0.0, 0.0]), f32([1, 0]), 1);
    expect(acc.result().accuracy).toBe(1);
    const reg = new MetricAccumulator('regression', 1, 'binary', true);
    reg.add(0, f32([1, 2, 4, 100]), f32([1, 2, 3, -100]), 3);
    expect(reg.result().r2).toBeCloseTo(0.5, 12);
  });

  it('no samples: the loss is NaN and there is no accuracy', () => {
    const acc = new MetricAccumulator('classification', 1, 'binary', true);
    expect(acc.result()).toEqual({ loss: NaN });
  });

  it('a reconstruction loss (no labels) reports no accuracy', () => {
    const acc = new MetricAccumulator('classification', 1, 'binary', false);
    acc.add(0.5, f32([1]), f32([1]), 1);
    expect(acc.result()).toEqual({ loss: 0.5 });
  });

  it('a trained hinge model’s accuracy is read by sign (the Trainer picks the signed threshold)', () => {
    // Two points with labels 1 and 0 (hinge reads them as +1 and −1). The model is fixed at
    // w = 0.5, b = 0 (learning rate 0): outputs 0.3 and −0.2, both on the right side of 0,
    // while a 0.5 threshold would call the first one wrong.
    const data: PreparedData = {
      dataset: { name: 'two points', task: 'classification', n: 2, x: f32([0.6, -0.4]), featureShape: [1], featureNames: ['x'], y: f32([1, 0]), targetSize: 1, classNames: ['no', 'yes'] },
      train: { n: 2, x: f32([0.6, -0.4]), y: f32([1, 0]) },
      validation: { n: 0, x: f32([]), y: f32([]) },
      test: { n: 0, x: f32([]), y: f32([]) },
      normalizer: { mode: 'none', offset: f32([0]), scale: f32([1]) },
      featureShape: [1],
      featureSize: 1,
      task: 'classification',
      numClasses: 2,
      targetSize: 1,
    };
    const weights = { out: { kernel: { shape: [1, 1], data: f32([0.5]) }, bias: { shape: [1], data: f32([0]) } } };
    const graph = chainGraph([['x', 'input'], ['out', 'dense', { units: 1 }], ['loss', 'hinge']]);
    const trainer = new Trainer(graph, data, { optimizer: { type: 'sgd', learningRate: 0 }, batchSize: 2, epochs: 1, seed: 1 }, weights);
    expect(Array.from(trainer.predict(data.train.x, 2))).toEqual([expect.closeTo(0.3, 6), expect.closeTo(-0.2, 6)]);
    expect(trainer.evaluate(data.train).accuracy).toBe(1);
  });
});
