/**
 * Non-trainable buffers (Batch normalization's running statistics) are part of the model like
 * its params: saved, averaged by Polyak averaging, snapshot and restored by early stopping; but
 * the optimiser never sees them (no update, no weight decay, no L1) and only a forward pass in
 * training changes them.
 */
import { describe, expect, it } from 'vitest';
import { buildWorkload } from '../../src/cli/bench/workloads';
import { EarlyStopping } from '../../src/engine/early-stopping';
import { createOptimizer } from '../../src/engine/optim';
import { Trainer } from '../../src/engine/train';
import type { Param } from '../../src/engine/tensor';
import type { TrainingConfig } from '../../src/shared/project-types';
import { chain } from '../shared/graph-fixtures';

const graph = chain(
  ['x', 'input'], ['d', 'dense', { units: 6 }], ['bn', 'batchNorm', { momentum: 0.2 }], ['a', 'tanh'],
  ['o', 'dense', { units: 1 }], ['s', 'sigmoid'], ['L', 'binaryCrossEntropy'],
);

function trainer(overrides: Partial<TrainingConfig> = {}): Trainer {
  const w = buildWorkload('W1');
  return new Trainer(graph, w.data, { ...w.training, batchSize: 16, epochs: 50, ...overrides });
}

const valuesOf = (t: Trainer, name: string) => t.model.weights.find((w) => w.nodeId === 'bn' && w.name === name)!.data;

describe('buffers', () => {
  it('are the model’s weights but not its params: the optimiser updates γ and β and never the running statistics', () => {
    const t = trainer({ optimizer: { type: 'sgd', learningRate: 0.1, weightDecay: 0.5 }, l1: 0.1 });
    expect(t.model.params.map((p) => `${p.nodeId}.${p.name}`)).toEqual(['d.kernel', 'd.bias', 'bn.gamma', 'bn.beta', 'o.kernel', 'o.bias']);
    expect(t.model.buffers.map((b) => `${b.nodeId}.${b.name}`)).toEqual(['bn.runningMean', 'bn.runningVar']);
    expect(t.model.weights).toHaveLength(8);
    const model = t.model;
    const opt = createOptimizer({ type: 'sgd', learningRate: 0.1, weightDecay: 0.5 }, model.params, { l1: 0.1 });
    model.forward(t.data.train.x.subarray(0, 4 * model.featureSize), 4, Float32Array.of(0, 1, 1, 0), true);
    model.backward();
    const before = model.buffers.map((b) => b.data.slice());
    const gamma = valuesOf(t, 'gamma').slice();
    opt.step(0.1);
    model.buffers.forEach((b, i) => expect(b.data).toEqual(before[i]));
    expect(valuesOf(t, 'gamma')).not.toEqual(gamma);
    // a hand-made list with a buffer in it is refused
    expect(() => createOptimizer({ type: 'sgd', learningRate: 0.1 }, model.weights as Param[])).toThrow('bn.runningMean is a buffer, not a trainable param');
  });

  it('change only in training forward passes (evaluation reads them)', () => {
    const t = trainer();
    const before = valuesOf(t, 'runningMean').slice();
    t.evaluate(t.data.train);
    expect(valuesOf(t, 'runningMean')).toEqual(before);
    t.trainStep();
    expect(valuesOf(t, 'runningMean')).not.toEqual(before);
  });

  it('are not decayed: weight decay with a zero gradient leaves γ/β and the buffers alone and shrinks the Dense weights', () => {
    const t = trainer();
    const model = t.model;
    const opt = createOptimizer({ type: 'sgd', learningRate: 1, weightDecay: 0.5 }, model.params);
    for (const p of model.params) p.grad.fill(0);
    const kernel = model.params[0]!.data.slice();
    const gamma = valuesOf(t, 'gamma').slice();
    opt.step(1);
    expect(valuesOf(t, 'gamma')).toEqual(gamma);
    expect(Array.from(model.params[0]!.data)).toEqual(Array.from(kernel, (v) => Math.fround(v - 0.5 * v)));
  });

  it('are averaged by Polyak averaging, like the params', () => {
    const t = trainer({ averaging: true });
    const seen: Float32Array[] = [];
    for (let i = 0; i < 5; i++) {
      t.trainStep();
      seen.push(valuesOf(t, 'runningVar').slice());
    }
    const current = valuesOf(t, 'runningVar').slice();
    t.averager!.useAverage();
    const mean = current.map((_, j) => seen.reduce((s, v) => s + v[j]!, 0) / seen.length);
    valuesOf(t, 'runningVar').forEach((v, j) => expect(v).toBeCloseTo(mean[j]!, 5));
    t.averager!.useCurrent();
    expect(valuesOf(t, 'runningVar')).toEqual(current);
  });

  it('are snapshot and restored by early stopping, like the params', () => {
    const t = trainer();
    const early = new EarlyStopping({ patience: 1, restoreBest: true }, t.model.weights);
    t.trainStep();
    early.observe(1, 0.5);
    const best = valuesOf(t, 'runningMean').slice();
    for (let i = 0; i < 3; i++) t.trainStep();
    expect(valuesOf(t, 'runningMean')).not.toEqual(best);
    expect(early.observe(2, 0.9)).toBe(true);
    early.restore();
    expect(valuesOf(t, 'runningMean')).toEqual(best);
  });

  it('the trainer’s early stopping puts back the best epoch’s running statistics', () => {
    // minDelta so large that only the first epoch counts as an improvement: it stops after epoch 2, restoring epoch 1.
    const t = trainer({ earlyStopping: { patience: 1, minDelta: 1e6, restoreBest: true } });
    const atEpochEnd: Float32Array[] = [];
    while (!t.done) {
      t.trainStep();
      if (t.stepInEpoch === 0 && !t.done) atEpochEnd[t.epoch] = valuesOf(t, 'runningMean').slice();
    }
    expect(t.status).toBe('stoppedEarly');
    expect(t.stoppedAtBestEpoch).toBe(1);
    expect(t.epoch).toBe(2);
    expect(valuesOf(t, 'runningMean')).toEqual(atEpochEnd[1]);
  });
});
