/** The training loop: batching, sampling, epoch loss, determinism, early stopping, NaN, weights. */
import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../src/engine/train';
import { createTrainer, prepareProjectData, weightsToProject } from '../../src/engine/session';
import { projectDataSource } from '../../src/cli/project-file';
import { chainGraph, loadExample, makeProject, repoRoot, trainProject } from '../helpers/projects';
import type { Project } from '../../src/shared/project-types';

const circleMlp = (training: Partial<Project['training']> = {}, options = { n: 200, noise: 0 }) =>
  makeProject(
    chainGraph([['x', 'input'], ['h', 'dense', { units: 6 }], ['a', 'tanh'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
    { dataset: 'circle', options, split: { validation: 0.25, test: 0 } },
    { optimizer: { type: 'sgd', learningRate: 0.3 }, batchSize: 16, epochs: 5, seed: 3, ...training },
  );

async function setup(project: Project) {
  const data = await prepareProjectData(project, projectDataSource(`${repoRoot}/examples/x.bprop`));
  return { data, trainer: createTrainer(project, data) };
}

describe('Trainer', () => {
  it('epoch loss is the sample-weighted mean of the batch losses of that epoch (last batch smaller)', async () => {
    const { trainer, data } = await setup(circleMlp({ batchSize: 16 }));
    expect(data.train.n).toBe(150);
    expect(trainer.stepsPerEpoch).toBe(10); // 9 × 16 + 6
    let weighted = 0;
    for (let s = 0; s < trainer.stepsPerEpoch; s++) {
      const rows = s < 9 ? 16 : 6;
      weighted += trainer.trainStep() * rows;
    }
    expect(trainer.epoch).toBe(1);
    expect(trainer.history[0].loss).toBeCloseTo(weighted / 150, 6);
    expect(trainer.history[0].valLoss).toBeGreaterThan(0);
  });

  it('batch size ≥ the training set is full-batch gradient descent: one step per epoch', async () => {
    const { trainer } = await setup(circleMlp({ batchSize: 10_000 }));
    expect(trainer.stepsPerEpoch).toBe(1);
    trainer.runEpoch();
    expect(trainer.globalStep).toBe(1);
  });

  it('batch size 1 is stochastic gradient descent: one step per sample', async () => {
    const { trainer, data } = await setup(circleMlp({ batchSize: 1 }));
    expect(trainer.stepsPerEpoch).toBe(data.train.n);
  });

  it('is deterministic: same project and seed give identical numbers, another seed differs', async () => {
    const a = await trainProject(circleMlp());
    const b = await trainProject(circleMlp());
    const c = await trainProject(circleMlp({ seed: 4 }));
    expect(b.trainer.history).toEqual(a.trainer.history);
    expect(a.trainer.model.params.map((p) => Array.from(p.data))).toEqual(b.trainer.model.params.map((p) => Array.from(p.data)));
    expect(c.trainer.history[0].loss).not.toBe(a.trainer.history[0].loss);
  });

  it.each(['shuffle', 'sequential', 'replacement'] as const)('trains with %s sampling', async (sampling) => {
    const { trainer } = await trainProject(circleMlp({ sampling, epochs: 30 }));
    const h = trainer.history;
    expect(h).toHaveLength(30);
    expect(h.at(-1)!.loss).toBeLessThan(h[0].loss);
  });

  it('sequential sampling visits the rows in order; shuffle permutes them', async () => {
    const { trainer: seq } = await setup(circleMlp({ sampling: 'sequential', batchSize: 16 }));
    seq.trainStep();
    const { trainer: shuf, data } = await setup(circleMlp({ sampling: 'shuffle', batchSize: 16 }));
    shuf.trainStep();
    const firstSeq = Array.from(seq.model.inputBuffer.subarray(0, 4));
    expect(firstSeq).toEqual(Array.from(data.train.x.subarray(0, 4)));
    expect(Array.from(shuf.model.inputBuffer.subarray(0, 4))).not.toEqual(firstSeq);
  });

  it('early stopping stops when the validation loss stops improving and restores the best weights', async () => {
    const project = circleMlp({ epochs: 400, optimizer: { type: 'adam', learningRate: 0.05 }, earlyStopping: { patience: 5, minDelta: 0.01, restoreBest: true } });
    const { trainer, data } = await trainProject(project);
    expect(trainer.status).toBe('stoppedEarly');
    expect(trainer.epoch).toBeLessThan(400);
    const best = trainer.stoppedAtBestEpoch!;
    expect(trainer.epoch - best).toBe(5);
    const bestVal = trainer.history[best - 1].valLoss!;
    expect(trainer.evaluate(data.validation).loss).toBeCloseTo(bestVal, 5);
  });

  it('a diverging run stops with a message naming the first non-finite layer', async () => {
    const project = makeProject(
      chainGraph([['x', 'input'], ['h', 'dense', { units: 8 }], ['a', 'relu'], ['out', 'dense', { units: 1 }], ['loss', 'mse']]),
      { dataset: 'linear', options: { n: 200, noise: 0.1 }, normalize: 'none' },
      { optimizer: { type: 'sgd', learningRate: 100 }, batchSize: 20, epochs: 50 },
    );
    const { trainer } = await setup(project);
    let error: unknown;
    try {
      while (!trainer.done) trainer.trainStep();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergenceError);
    const d = error as DivergenceError;
    expect(['h', 'a', 'out']).toContain(d.nodeId);
    expect(d.message).toMatch(/^The loss became NaN or infinite at epoch \d+, step \d+: the first non-finite values appear in node '(h|a|out)'\. help: lower the learning rate/);
    expect(trainer.status).toBe('diverged');
    expect(() => trainer.trainStep()).toThrow(/training is diverged/);
  });

  it('starts from the weights saved in the project', async () => {
    const first = await trainProject(loadExample('xor-mlp'));
    const saved = { ...loadExample('xor-mlp'), weights: weightsToProject(first.trainer.model) };
    const { trainer, data } = await setup(saved);
    const metrics = trainer.evaluate(data.train);
    expect(metrics.accuracy).toBe(1);
    expect(metrics.loss).toBeCloseTo(first.trainer.evaluate(first.data.train).loss, 6);
  });

  it('learning-rate override and schedule set the rate of the next step', async () => {
    const { trainer } = await setup(circleMlp({ schedule: { type: 'step', stepSize: 2, gamma: 0.5 }, epochs: 5 }));
    expect(trainer.learningRate).toBeCloseTo(0.3);
    trainer.runEpoch();
    trainer.runEpoch();
    expect(trainer.learningRate).toBeCloseTo(0.15);
    trainer.learningRateOverride = 1;
    expect(trainer.learningRate).toBeCloseTo(0.5);
    expect(trainer.history.map((h) => h.learningRate)).toEqual([0.3, 0.3]);
  });

  it('Polyak averaging evaluates with the running mean of the weights', async () => {
    const plain = await trainProject(circleMlp({ epochs: 3 }));
    const averaged = await trainProject(circleMlp({ epochs: 3, averaging: true }));
    // Same trajectory of the raw weights (averaging only changes evaluation)…
    expect(averaged.trainer.history.map((h) => h.loss)).toEqual(plain.trainer.history.map((h) => h.loss));
    // …but a different validation loss.
    expect(averaged.trainer.history.at(-1)!.valLoss).not.toBe(plain.trainer.history.at(-1)!.valLoss);
  });

  it('evaluation keeps the last training batch visible (what "inside a node" shows)', async () => {
    const { trainer, data } = await setup(circleMlp({ batchSize: 16 }));
    for (let s = 0; s < 9; s++) trainer.trainStep();
    const snapshot = () => trainer.model.nodes.map((n) => Array.from(n.output.subarray(0, trainer.model.rows * n.size)));
    const before = snapshot();
    trainer.evaluate(data.validation);
    trainer.predict(data.validation.x, 5);
    expect(trainer.model.rows).toBe(16);
    expect(snapshot()).toEqual(before);
    trainer.trainStep(); // the epoch's last (6-row) batch, then validation at the epoch's end
    expect(trainer.epoch).toBe(1);
    expect(trainer.model.rows).toBe(6);
  });
});
