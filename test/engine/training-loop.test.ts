/**
 * Training-loop behaviours a user would feel if they broke, each pinned on hand-made data so the
 * expected numbers follow from the setup: early stopping watches the validation loss, Polyak
 * averaging averages the iterates after each step, sampling with replacement reaches every row.
 * (The learning rate per step is in optim/schedule-steps.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../../src/engine/train';
import type { DataPart, PreparedData } from '../../src/engine/data/types';
import type { TrainingConfig } from '../../src/shared/project-types';
import { chainGraph } from '../helpers/projects';

const part = (x: number[], y: number[]): DataPart => ({ n: x.length, x: Float32Array.from(x), y: Float32Array.from(y) });

/** Regression data with one feature, already "prepared" (no normalisation). */
function prepared(train: DataPart, validation: DataPart = part([], [])): PreparedData {
  return {
    dataset: { name: 'hand-made', task: 'regression', n: train.n + validation.n, x: new Float32Array(0), featureShape: [1], featureNames: ['x'], y: new Float32Array(0), targetSize: 1 },
    train,
    validation,
    test: part([], []),
    normalizer: { mode: 'none', offset: new Float32Array([0]), scale: new Float32Array([1]) },
    featureShape: [1],
    featureSize: 1,
    task: 'regression',
    numClasses: 0,
    targetSize: 1,
  };
}

/** x → Dense(1) → MSE, starting from w = 0, b = 0. */
const line = chainGraph([['x', 'input'], ['out', 'dense', { units: 1 }], ['loss', 'mse']]);
const zeroWeights = { out: { kernel: { shape: [1, 1], data: new Float32Array([0]) }, bias: { shape: [1], data: new Float32Array([0]) } } };

function config(overrides: Partial<TrainingConfig>): TrainingConfig {
  return { optimizer: { type: 'sgd', learningRate: 0.05 }, batchSize: 4, epochs: 50, seed: 1, sampling: 'sequential', ...overrides };
}

const snapshot = (t: Trainer) => t.model.params.map((p) => Array.from(p.data));

describe('early stopping monitors the validation loss', () => {
  // Training targets are 2, validation targets 1, for the same input: the prediction climbs from 0
  // towards 2, so the training loss falls every epoch while the validation loss falls until the
  // prediction passes 1, then rises.
  const data = prepared(part([1, 1, 1, 1], [2, 2, 2, 2]), part([1, 1], [1, 1]));

  it('stops `patience` epochs after the validation minimum and restores that epoch', () => {
    const trainer = new Trainer(line, data, config({ earlyStopping: { patience: 3, minDelta: 0, restoreBest: true } }), zeroWeights);
    while (!trainer.done) trainer.trainStep();
    const h = trainer.history;
    // The setup does what it says: training loss strictly falling throughout…
    h.slice(1).forEach((e, i) => expect(e.loss).toBeLessThan(h[i].loss));
    const valLosses = h.map((e) => e.valLoss!);
    const best = valLosses.indexOf(Math.min(...valLosses)) + 1;
    // …and a validation minimum well before the end.
    expect(best).toBeGreaterThan(1);
    expect(best).toBeLessThan(h.length);
    expect(trainer.status).toBe('stoppedEarly');
    expect(trainer.stoppedAtBestEpoch).toBe(best);
    expect(trainer.epoch).toBe(best + 3);
    expect(trainer.evaluate(data.validation).loss).toBeCloseTo(valLosses[best - 1], 6);
  });

  it('watches the training loss only when there is no validation split', () => {
    const noValidation = prepared(data.train);
    const trainer = new Trainer(line, noValidation, config({ epochs: 30, earlyStopping: { patience: 3, minDelta: 0 } }), zeroWeights);
    while (!trainer.done) trainer.trainStep();
    // The training loss never stops falling: the run goes to the end.
    expect(trainer.status).toBe('finished');
    expect(trainer.epoch).toBe(30);
  });
});

describe('Polyak averaging', () => {
  it('evaluates with the mean of the weights after each step, without the initial weights (torch AveragedModel)', () => {
    const data = prepared(part([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 11]));
    const trainer = new Trainer(line, data, config({ batchSize: 2, epochs: 2, averaging: true }), zeroWeights);
    const iterates: number[][][] = [];
    while (!trainer.done) {
      trainer.trainStep();
      iterates.push(snapshot(trainer));
    }
    expect(iterates).toHaveLength(6);
    const mean = iterates[0].map((values, i) => values.map((_, j) => iterates.reduce((s, it) => s + it[i][j], 0) / iterates.length));
    const current = snapshot(trainer);
    trainer.averager!.useAverage();
    const averaged = snapshot(trainer);
    trainer.averager!.useCurrent();
    averaged.forEach((values, i) => values.forEach((v, j) => expect(v, `param ${i}[${j}]`).toBeCloseTo(mean[i][j], 6)));
    expect(snapshot(trainer)).toEqual(current);
    // Evaluation uses the average: the loss of the mean weights, not of the current ones.
    const evalLoss = trainer.evaluate(data.train).loss;
    const [[w], [b]] = mean;
    const meanLoss = [0, 1, 2, 3, 4, 5].reduce((s, x, i) => s + (w * x + b - data.train.y[i]) ** 2, 0) / 6;
    expect(evalLoss).toBeCloseTo(meanLoss, 4);
  });
});

describe('sampling with replacement', () => {
  it('draws every row 0..n−1 with binomial frequencies (the 4-point gates train on all four points)', () => {
    const n = 4;
    // The feature is the row index, so the input buffer shows which rows a batch drew.
    const data = prepared(part([0, 1, 2, 3], [0, 0, 0, 0]));
    const steps = 1000;
    const trainer = new Trainer(line, data, config({ sampling: 'replacement', batchSize: n, epochs: steps, optimizer: { type: 'sgd', learningRate: 0 } }), zeroWeights);
    const counts = new Array<number>(n).fill(0);
    let batchesWithRepeats = 0;
    for (let s = 0; s < steps; s++) {
      trainer.trainStep();
      const rows = Array.from(trainer.model.inputBuffer.subarray(0, n));
      rows.forEach((row) => counts[row]++);
      if (new Set(rows).size < n) batchesWithRepeats++;
    }
    const draws = steps * n;
    const sd = Math.sqrt(draws * (1 / n) * (1 - 1 / n));
    counts.forEach((c, row) => expect(Math.abs(c - draws / n), `row ${row} drawn ${c} times of ${draws}`).toBeLessThan(5 * sd));
    // With replacement, not a permutation: most batches of 4 repeat a row (all distinct: 4!/4⁴ ≈ 9 %).
    expect(batchesWithRepeats).toBeGreaterThan(steps / 2);
  });
});
