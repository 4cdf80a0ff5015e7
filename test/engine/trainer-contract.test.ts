/**
 * The Trainer's contract beyond "the loss falls": what each epoch record holds for each task,
 * evaluation and prediction in chunks of the model's batch, resuming (its checks and every
 * sampling mode), penalties and dropout reaching the step, and the errors it raises. Each test
 * here was written against a mutant of src/engine/train.ts that the other tests let through
 * (npm run test:mutation; docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { DivergenceError, Trainer } from '../../src/engine/train';
import type { DataPart, PreparedData } from '../../src/engine/data/types';
import type { Task, TrainingConfig } from '../../src/shared/project-types';
import { Rng } from '../../src/engine/random';
import { weightMapOf } from '../../src/engine/session';
import { chainGraph } from '../helpers/projects';

const empty = (): DataPart => ({ n: 0, x: new Float32Array(0), y: new Float32Array(0) });

/** n random rows of `features` features; targets: class indices (classification) or `targetSize` values. */
function randomPart(rng: Rng, n: number, features: number, task: Task, targetSize: number, classes: number): DataPart {
  const x = new Float32Array(n * features);
  for (let i = 0; i < x.length; i++) x[i] = rng.next() * 2 - 1;
  const y = new Float32Array(n * targetSize);
  for (let i = 0; i < y.length; i++) y[i] = task === 'classification' ? Math.floor(rng.next() * classes) : rng.next() * 2 - 1;
  return { n, x, y };
}

function prepared(task: Task, sizes: { train: number; validation?: number; test?: number }, features = 3, targetSize = 1, classes = 3): PreparedData {
  const rng = new Rng(7);
  const make = (n: number | undefined) => (n ? randomPart(rng, n, features, task, targetSize, classes) : empty());
  return {
    dataset: { name: 'hand-made', task, n: 0, x: new Float32Array(0), featureShape: [features], featureNames: [], y: new Float32Array(0), targetSize },
    train: make(sizes.train),
    validation: make(sizes.validation),
    test: make(sizes.test),
    normalizer: { mode: 'none', offset: new Float32Array(features), scale: new Float32Array(features).fill(1) },
    featureShape: [features],
    featureSize: features,
    task,
    numClasses: task === 'classification' ? classes : 0,
    targetSize,
  };
}

const classifier = chainGraph([['x', 'input'], ['h', 'dense', { units: 4 }], ['a', 'tanh'], ['out', 'dense', { units: 3 }], ['p', 'softmax'], ['loss', 'crossEntropy']]);
const regressor = (outputs: number) => chainGraph([['x', 'input'], ['h', 'dense', { units: 4 }], ['a', 'tanh'], ['out', 'dense', { units: outputs }], ['loss', 'mse']]);
const autoencoder = chainGraph([['x', 'input'], ['code', 'dense', { units: 2 }], ['a', 'tanh'], ['out', 'dense', { units: 3 }], ['loss', 'mse', { target: 'input' }]]);

function config(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 8, epochs: 2, seed: 3, sampling: 'shuffle', ...overrides };
}

const train = (t: Trainer) => {
  while (!t.done) t.trainStep();
  return t;
};
const weightsOf = (t: Trainer) => t.model.params.map((p) => Array.from(p.data));

describe('epoch records hold the metrics of their task, and only those', () => {
  it('classification: accuracy for training and validation, no regression metrics', () => {
    const t = train(new Trainer(classifier, prepared('classification', { train: 40, validation: 12 }), config()));
    const last = t.history[t.history.length - 1];
    expect(Object.keys(last).sort()).toEqual(['accuracy', 'epoch', 'learningRate', 'loss', 'valAccuracy', 'valLoss']);
    // The validation columns are the evaluation of the weights at the epoch's end.
    const v = t.evaluate(t.data.validation);
    expect(last.valLoss).toBe(v.loss);
    expect(last.valAccuracy).toBe(v.accuracy);
    expect(typeof last.accuracy).toBe('number');
  });

  it('regression with two outputs: MAE and R² for training and validation, no accuracy', () => {
    const t = train(new Trainer(regressor(2), prepared('regression', { train: 40, validation: 12 }, 3, 2), config()));
    const last = t.history[t.history.length - 1];
    expect(Object.keys(last).sort()).toEqual(['epoch', 'learningRate', 'loss', 'mae', 'r2', 'valLoss', 'valMae', 'valR2']);
    const v = t.evaluate(t.data.validation);
    expect(last.valMae).toBe(v.mae);
    expect(last.valR2).toBe(v.r2);
    expect(Number.isFinite(last.mae) && Number.isFinite(last.r2)).toBe(true);
  });

  it('an autoencoder on a labelled dataset reports no accuracy (its targets are its inputs)', () => {
    const t = train(new Trainer(autoencoder, prepared('classification', { train: 40, validation: 12 }), config()));
    const last = t.history[t.history.length - 1];
    expect(last.accuracy).toBeUndefined();
    expect(last.valAccuracy).toBeUndefined();
    expect(last.valLoss).toBeGreaterThan(0);
  });

  it('no validation split: no validation columns', () => {
    const t = train(new Trainer(classifier, prepared('classification', { train: 20 }), config()));
    expect(Object.keys(t.history[0]).sort()).toEqual(['accuracy', 'epoch', 'learningRate', 'loss']);
  });

  it('runEpoch returns the record it appended', () => {
    const t = new Trainer(classifier, prepared('classification', { train: 20 }), config());
    const record = t.runEpoch();
    expect(record).toBe(t.history[0]);
    expect(record.epoch).toBe(1);
  });
});

describe('evaluation and prediction run in chunks of the model batch', () => {
  // 600 validation rows: the model's batch is capped at 256 rows, so evaluation takes three chunks.
  const data = prepared('regression', { train: 16, validation: 600 }, 3, 2);
  const trainer = new Trainer(regressor(2), data, config({ batchSize: 4 }));

  it('caps the evaluation batch at 256 rows (memory), and at least the training batch', () => {
    expect(trainer.model.maxBatch).toBe(256);
    const small = new Trainer(regressor(2), prepared('regression', { train: 16, validation: 10, test: 30 }, 3, 2), config({ batchSize: 4 }));
    expect(small.model.maxBatch).toBe(30);
    const noHeldOut = new Trainer(regressor(2), prepared('regression', { train: 16 }, 3, 2), config({ batchSize: 4 }));
    expect(noHeldOut.model.maxBatch).toBe(4);
  });

  it('predict over many chunks equals predicting row by row', () => {
    const all = trainer.predict(data.validation.x, data.validation.n);
    expect(all.length).toBe(600 * 2);
    for (const row of [0, 1, 255, 256, 257, 511, 512, 599]) {
      const one = trainer.predict(data.validation.x.subarray(row * 3, row * 3 + 3), 1);
      expect(all[row * 2]).toBeCloseTo(one[0], 6);
      expect(all[row * 2 + 1]).toBeCloseTo(one[1], 6);
    }
  });

  it('evaluate over many chunks equals the metrics computed from the row-by-row predictions', () => {
    const pred = trainer.predict(data.validation.x, data.validation.n);
    const y = data.validation.y;
    let sq = 0, abs = 0;
    for (let i = 0; i < y.length; i++) {
      sq += (pred[i] - y[i]) ** 2;
      abs += Math.abs(pred[i] - y[i]);
    }
    const m = trainer.evaluate(data.validation);
    expect(m.loss).toBeCloseTo(sq / y.length, 5); // MSE: the mean over every output
    expect(m.mae).toBeCloseTo(abs / y.length, 5);
  });
});

describe('the step itself', () => {
  it('a training step runs in training mode: dropout changes the batch loss, evaluation does not drop', () => {
    const withDropout = chainGraph([['x', 'input'], ['h', 'dense', { units: 16 }], ['d', 'dropout', { rate: 0.5 }], ['out', 'dense', { units: 2 }], ['loss', 'mse']]);
    const data = prepared('regression', { train: 8 }, 3, 2);
    const t = new Trainer(withDropout, data, config({ batchSize: 8, optimizer: { type: 'sgd', learningRate: 0 } }));
    const evalLoss = t.evaluate(data.train).loss;
    const stepLoss = t.trainStep(); // learning rate 0: the weights do not move
    expect(t.evaluate(data.train).loss).toBe(evalLoss);
    expect(Math.abs(stepLoss - evalLoss)).toBeGreaterThan(1e-4);
  });

  it('L1 reaches the optimiser: one plain SGD step moves each weight by −lr·(g + l1·sign(w))', () => {
    const data = prepared('regression', { train: 8 }, 3, 2);
    const plain = new Trainer(regressor(2), data, config({ batchSize: 8, sampling: 'sequential' }));
    const l1 = new Trainer(regressor(2), data, config({ batchSize: 8, sampling: 'sequential', l1: 0.5 }));
    const before = weightsOf(l1);
    plain.trainStep();
    l1.trainStep();
    const afterPlain = weightsOf(plain);
    const afterL1 = weightsOf(l1);
    l1.model.params.forEach((p, i) => {
      if (!p.decay) return;
      for (let j = 0; j < before[i].length; j++) {
        // The L1 run differs from the plain one by exactly −lr·l1·sign(w) (same gradient: same start).
        expect(afterL1[i][j] - afterPlain[i][j]).toBeCloseTo(-0.1 * 0.5 * Math.sign(before[i][j]), 5);
      }
    });
  });

  it('an empty training split is refused with what to do', () => {
    expect(() => new Trainer(classifier, prepared('classification', { train: 0, validation: 5 }), config())).toThrow(/training split is empty/);
  });

  it('a divergence is a DivergenceError that names the first layer gone non-finite', () => {
    const data = prepared('regression', { train: 8 }, 3, 2);
    const linear = chainGraph([['x', 'input'], ['out', 'dense', { units: 2 }], ['loss', 'mse']]);
    const t = new Trainer(linear, data, config({ epochs: 50, optimizer: { type: 'sgd', learningRate: 1e20 } }));
    let error: unknown;
    try {
      train(t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergenceError);
    const d = error as DivergenceError;
    expect(d.name).toBe('DivergenceError');
    expect(d.message).toMatch(/^The loss became NaN or infinite at epoch \d+, step \d+/);
    expect(d.message).toContain(`node '${d.nodeId}'`);
    expect(d.message).toContain('lower the learning rate');
  });
});

describe('resuming', () => {
  const data = prepared('classification', { train: 20 }); // batch 8: steps of 8, 8 and 4 rows
  const stepsPerEpoch = 3;

  function uninterruptedAndResumed(cfg: TrainingConfig, epoch: number, stepInEpoch: number) {
    const whole = new Trainer(classifier, data, cfg);
    for (let s = 0; s < epoch * stepsPerEpoch + stepInEpoch; s++) whole.trainStep();
    const resumed = new Trainer(classifier, data, cfg, weightMapOf(whole.model));
    resumed.resumeAt({ epoch, stepInEpoch }, whole.optimizerInUse.getState());
    for (let s = 0; s < 4; s++) {
      whole.trainStep();
      resumed.trainStep();
    }
    return { whole, resumed };
  }

  for (const sampling of ['shuffle', 'sequential', 'replacement'] as const) {
    it(`continues exactly as the uninterrupted run, sampling '${sampling}', mid-epoch and at an epoch boundary`, () => {
      for (const [epoch, step] of [[1, 1], [2, 0], [0, 2]]) {
        const { whole, resumed } = uninterruptedAndResumed(config({ sampling, epochs: 10 }), epoch, step);
        expect(weightsOf(resumed)).toEqual(weightsOf(whole));
        expect(resumed.globalStep).toBe(whole.globalStep);
      }
    });
  }

  it('refuses a position that does not fit the epoch, naming it', () => {
    const fresh = () => new Trainer(classifier, data, config());
    const state = (step: number) => ({ step, slots: [] });
    for (const [epoch, stepInEpoch] of [[-1, 0], [1.5, 0], [0, -1], [0, 0.5], [0, stepsPerEpoch]]) {
      expect(() => fresh().resumeAt({ epoch, stepInEpoch }, state(0)), `${epoch}, ${stepInEpoch}`).toThrow(`resumeAt: position epoch ${epoch}, step ${stepInEpoch} does not fit 3 steps per epoch`);
    }
    // The last step of an epoch fits.
    expect(() => fresh().resumeAt({ epoch: 0, stepInEpoch: stepsPerEpoch - 1 }, state(stepsPerEpoch - 1))).not.toThrow();
    expect(() => fresh().resumeAt({ epoch: 1, stepInEpoch: 1 }, state(3))).toThrow('the optimizer took 3 steps, but epoch 1 and step 1 mean 4');
    const started = fresh();
    started.trainStep();
    expect(() => started.resumeAt({ epoch: 0, stepInEpoch: 1 }, state(1))).toThrow('resumeAt: the trainer has already taken steps');
  });

  it('a run resumed at its last epoch is finished, unless it trains until stopped', () => {
    const done = new Trainer(classifier, data, config({ epochs: 2 }));
    done.resumeAt({ epoch: 2, stepInEpoch: 0 }, { step: 6, slots: [] });
    expect(done.status).toBe('finished');
    const before = new Trainer(classifier, data, config({ epochs: 2 }));
    before.resumeAt({ epoch: 1, stepInEpoch: 0 }, { step: 3, slots: [] });
    expect(before.status).toBe('ready');
    const endless = new Trainer(classifier, data, config({ epochs: 2 }));
    endless.untilStopped = true;
    endless.resumeAt({ epoch: 2, stepInEpoch: 0 }, { step: 6, slots: [] });
    expect(endless.status).toBe('ready');
  });
});
