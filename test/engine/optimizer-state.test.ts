/** Saving the optimiser's state with the weights: a resumed run is the uninterrupted run, step for step. */
import { describe, expect, it } from 'vitest';
import { createTrainer, prepareProjectData, weightsToProject } from '../../src/engine/session';
import { optimizerStateToProject, resumeFromProject } from '../../src/engine/optimizer-state';
import { projectDataSource } from '../../src/cli/project-file';
import { parseProject, serializeProject } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import { chainGraph, makeProject, repoRoot } from '../helpers/projects';

const circleMlp = (training: Partial<Project['training']>) =>
  makeProject(
    chainGraph([['x', 'input'], ['h', 'dense', { units: 5 }], ['a', 'tanh'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
    { dataset: 'circle', options: { n: 120, noise: 0.1 }, split: { validation: 0.25, test: 0 } },
    { batchSize: 16, epochs: 6, seed: 5, ...training },
  );

const prepare = (project: Project) => prepareProjectData(project, projectDataSource(`${repoRoot}/examples/x.bprop`));

/** Trains `steps` steps, saves to JSON text and reads it back (the file round trip). */
async function saveAfter(project: Project, steps: number): Promise<Project> {
  const trainer = createTrainer(project, await prepare(project));
  for (let s = 0; s < steps; s++) trainer.trainStep();
  const saved = { ...project, weights: weightsToProject(trainer.model), optimizerState: optimizerStateToProject(trainer) };
  return parseProject(serializeProject(saved), 'saved.bprop');
}

async function runToEnd(project: Project) {
  const trainer = createTrainer(project, await prepare(project));
  const notice = resumeFromProject(trainer, project.optimizerState);
  while (!trainer.done) trainer.trainStep();
  return { trainer, notice, weights: weightsToProject(trainer.model) };
}

const cases: [string, Partial<Project['training']>][] = [
  ['Adam with a step schedule', { optimizer: { type: 'adam', learningRate: 0.05 }, schedule: { type: 'step', stepSize: 2, gamma: 0.5 } }],
  ['SGD with Nesterov momentum and dampening', { optimizer: { type: 'sgd', learningRate: 0.2, momentum: 0.9, nesterov: true } }],
  ['SGD with momentum, sampling with replacement', { optimizer: { type: 'sgd', learningRate: 0.2, momentum: 0.8, dampening: 0.1 }, sampling: 'replacement' }],
  ['RMSprop with momentum', { optimizer: { type: 'rmsprop', learningRate: 0.01, momentum: 0.5 } }],
  ['Adagrad with lrDecay, per-step cosine schedule', { optimizer: { type: 'adagrad', learningRate: 0.1, lrDecay: 0.01 }, schedule: { type: 'cosine', period: 30 } }],
];

describe('optimizerState: resuming a saved run', () => {
  for (const [name, training] of cases) {
    it(`${name}: saved mid-epoch and resumed gives exactly the uninterrupted run's weights`, async () => {
      const project = circleMlp(training);
      const uninterrupted = await runToEnd(project);
      const stepsPerEpoch = uninterrupted.trainer.stepsPerEpoch;
      const saved = await saveAfter(project, 2 * stepsPerEpoch + 3);
      expect(saved.optimizerState).toMatchObject({ type: training.optimizer!.type, epoch: 2, stepInEpoch: 3, step: 2 * stepsPerEpoch + 3 });
      const resumed = await runToEnd(saved);
      expect(resumed.notice).toBeNull();
      expect(resumed.weights).toEqual(uninterrupted.weights);
      // The epochs continue: the resumed run records epochs 3..6, as the uninterrupted one did.
      expect(resumed.trainer.history.map((h) => h.epoch)).toEqual([3, 4, 5, 6]);
      expect(resumed.trainer.history.at(-1)!.learningRate).toBe(uninterrupted.trainer.history.at(-1)!.learningRate);
      expect(resumed.trainer.globalStep).toBe(uninterrupted.trainer.globalStep);
    });
  }

  it('the state is what the optimiser holds: Adam keeps expAvg and expAvgSq for every trainable param', async () => {
    const saved = await saveAfter(circleMlp({ optimizer: { type: 'adam', learningRate: 0.05 } }), 4);
    const state = saved.optimizerState!;
    expect(Object.keys(state.slots)).toEqual(['expAvg', 'expAvgSq']);
    expect(Object.keys(state.slots.expAvg)).toEqual(['h', 'o']);
    expect(state.slots.expAvgSq.h.kernel.shape).toEqual(saved.weights!.h.kernel.shape);
    expect(state.slots.expAvgSq.h.kernel.data).not.toBe(state.slots.expAvg.h.kernel.data);
  });

  it('plain SGD keeps no slots, only the position (the epochs and the schedule continue)', async () => {
    const project = circleMlp({ optimizer: { type: 'sgd', learningRate: 0.3 }, schedule: { type: 'exponential', gamma: 0.7 } });
    const uninterrupted = await runToEnd(project);
    const saved = await saveAfter(project, uninterrupted.trainer.stepsPerEpoch * 3);
    expect(saved.optimizerState!.slots).toEqual({});
    const resumed = await runToEnd(saved);
    expect(resumed.weights).toEqual(uninterrupted.weights);
  });

  it('writes no state before the first step (after Reset): the optimiser is fresh anyway', async () => {
    const project = circleMlp({ optimizer: { type: 'adam', learningRate: 0.05 } });
    expect(optimizerStateToProject(createTrainer(project, await prepare(project)))).toBeUndefined();
  });

  it('writes no state when early stopping restored an earlier epoch (the moments belong to later weights)', async () => {
    const project = circleMlp({ optimizer: { type: 'adam', learningRate: 0.5 }, epochs: 200, earlyStopping: { patience: 1, restoreBest: true } });
    const { trainer } = await runToEnd(project);
    expect(trainer.status).toBe('stoppedEarly');
    expect(optimizerStateToProject(trainer)).toBeUndefined();
  });
});

describe('optimizerState that does not fit is ignored with a notice', () => {
  it('a changed optimizer type: fresh optimizer at epoch 0, the weights still load', async () => {
    const saved = await saveAfter(circleMlp({ optimizer: { type: 'adam', learningRate: 0.05 } }), 10);
    const changed = { ...saved, training: { ...saved.training, optimizer: { type: 'rmsprop' as const, learningRate: 0.01 } } };
    const trainer = createTrainer(changed, await prepare(changed));
    const notice = resumeFromProject(trainer, changed.optimizerState);
    expect(notice).toBe(
      'optimizerState: it belongs to adam, but the project trains with rmsprop; it was ignored, so training starts at epoch 0 with a fresh optimizer (the weights are loaded)',
    );
    expect(trainer.epoch).toBe(0);
    expect(trainer.optimizerInUse.getState().step).toBe(0);
    expect(weightsToProject(trainer.model)).toEqual(saved.weights);
  });

  it('momentum switched off: the saved momentum buffer has no place', async () => {
    const saved = await saveAfter(circleMlp({ optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9 } }), 5);
    const changed = { ...saved, training: { ...saved.training, optimizer: { type: 'sgd' as const, learningRate: 0.1 } } };
    const trainer = createTrainer(changed, await prepare(changed));
    expect(resumeFromProject(trainer, changed.optimizerState)).toMatch(/^optimizerState: it keeps momentumBuffer, but sgd with these settings keeps no slots;/);
  });

  it("a slot whose shape is not the param's, or a missing tensor, is named; nothing is loaded in part", async () => {
    const saved = await saveAfter(circleMlp({ optimizer: { type: 'adam', learningRate: 0.05 } }), 5);
    const wrongShape = structuredClone(saved);
    wrongShape.optimizerState!.slots.expAvgSq.o.kernel = saved.optimizerState!.slots.expAvgSq.o.bias;
    let trainer = createTrainer(wrongShape, await prepare(wrongShape));
    expect(resumeFromProject(trainer, wrongShape.optimizerState)).toMatch(/^optimizerState: slots\.expAvgSq\.o\.kernel has shape \[1\], the param has \[5, 1\];/);
    expect(trainer.optimizerInUse.getState().slots[0].every((v) => v === 0)).toBe(true);
    expect(trainer.globalStep).toBe(0);
    const missing = structuredClone(saved);
    delete (missing.optimizerState!.slots.expAvg.h as Record<string, unknown>).bias;
    trainer = createTrainer(missing, await prepare(missing));
    expect(resumeFromProject(trainer, missing.optimizerState)).toMatch(/^optimizerState: slots\.expAvg\.h\.bias is missing;/);
  });

  it('a step count that does not match the position is refused as a whole', async () => {
    const saved = await saveAfter(circleMlp({ optimizer: { type: 'adam', learningRate: 0.05 } }), 5);
    const off = structuredClone(saved);
    off.optimizerState!.step = 4;
    const trainer = createTrainer(off, await prepare(off));
    expect(resumeFromProject(trainer, off.optimizerState)).toMatch(/the optimizer took 4 steps, but epoch 0 and step 5 mean 5/);
    expect(trainer.globalStep).toBe(0);
  });
});

describe('optimizerState in the file: malformed state is refused, naming the field', () => {
  const base = async () => JSON.parse(serializeProject(await saveAfter(circleMlp({ optimizer: { type: 'adam', learningRate: 0.05 } }), 3)));
  const read = (raw: unknown) => () => parseProject(JSON.stringify(raw), 'p.bprop');

  it('corrupted data, an unknown type, a negative epoch, no weights', async () => {
    const corrupted = await base();
    corrupted.optimizerState.slots.expAvg.h.kernel.data = 'AAAAAA==';
    expect(read(corrupted)).toThrow('p.bprop: optimizerState.slots.expAvg.h.kernel.data: holds 1 value but the shape [2, 5] needs 10');
    const badType = await base();
    badType.optimizerState.type = 'lbfgs';
    expect(read(badType)).toThrow(/optimizerState\.type: must be one of 'sgd', 'adam', 'rmsprop', 'adagrad'/);
    const negative = await base();
    negative.optimizerState.epoch = -1;
    expect(read(negative)).toThrow(/optimizerState\.epoch/);
    const noWeights = await base();
    delete noWeights.weights;
    expect(read(noWeights)).toThrow(/optimizerState: is only meaningful with the weights/);
  });

  it('serialises after the weights, in a fixed key order', async () => {
    const text = serializeProject(await saveAfter(circleMlp({ optimizerState: undefined, optimizer: { type: 'adam', learningRate: 0.05 } } as never), 3));
    const keys = Object.keys(JSON.parse(text));
    expect(keys.slice(-2)).toEqual(['weights', 'optimizerState']);
    expect(Object.keys(JSON.parse(text).optimizerState)).toEqual(['type', 'epoch', 'stepInEpoch', 'step', 'slots']);
  });
});
