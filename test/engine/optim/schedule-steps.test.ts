/**
 * The learning rate the optimiser actually receives at every step, through the Trainer, for every
 * schedule kind per step and per epoch, across two epoch boundaries — against the rates
 * torch.optim.lr_scheduler hands torch's optimiser (test/fixtures/golden/schedules.json, made by
 * tools/golden/golden_schedules.py). PyTorch's convention: a step uses the current rate, then the
 * schedule advances, so the first step always uses the base rate.
 *
 * The received rate is read off the weights: plain SGD (no momentum, no decay) moves a bias by
 * exactly −lr·grad, so lr = (before − after) / grad for the bias with the largest gradient.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrainer, prepareProjectData } from '../../../src/engine/session';
import { projectDataSource } from '../../../src/cli/project-file';
import type { Trainer } from '../../../src/engine/train';
import type { ScheduleConfig } from '../../../src/shared/project-types';
import { chainGraph, makeProject, repoRoot } from '../../helpers/projects';

interface ScheduleFixture {
  baseLearningRate: number;
  stepsPerEpoch: number;
  epochs: number;
  cases: { schedule: ScheduleConfig; rates: number[] }[];
}

const fixture: ScheduleFixture = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/golden/schedules.json'), 'utf8'));
const BATCH = 10;

async function linearTrainer(schedule: ScheduleConfig): Promise<Trainer> {
  const project = makeProject(
    chainGraph([['x', 'input'], ['out', 'dense', { units: 1 }], ['loss', 'mse']]),
    { dataset: 'linear', options: { n: BATCH * fixture.stepsPerEpoch, noise: 0 }, split: { validation: 0, test: 0 } },
    { optimizer: { type: 'sgd', learningRate: fixture.baseLearningRate }, schedule, batchSize: BATCH, sampling: 'sequential', epochs: fixture.epochs },
  );
  const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
  return createTrainer(project, data);
}

/** Takes one step; returns the rate the trainer announced before it and the rate the optimiser applied. */
function observedStep(trainer: Trainer): { announced: number; applied: number } {
  const bias = trainer.model.params.find((p) => p.name === 'bias')!;
  const announced = trainer.learningRate;
  const before = bias.data[0];
  trainer.trainStep();
  const grad = bias.grad[0];
  expect(Math.abs(grad), 'the bias gradient is large enough to read the rate off').toBeGreaterThan(0.5);
  return { announced, applied: (before - bias.data[0]) / grad };
}

describe('per-step and per-epoch schedules give the optimiser the rates torch.optim.lr_scheduler gives', () => {
  it('the fixture covers every schedule kind, per step and per epoch, over three epochs', () => {
    const kinds = (per: string) => fixture.cases.filter((c) => c.schedule.per === per).map((c) => c.schedule.type).sort();
    const all = ['constant', 'cosine', 'exponential', 'inverseTime', 'step'];
    expect(kinds('step')).toEqual(all);
    expect(kinds('epoch')).toEqual(all);
    expect(fixture.epochs).toBeGreaterThanOrEqual(3);
    for (const c of fixture.cases) expect(c.rates).toHaveLength(fixture.stepsPerEpoch * fixture.epochs);
  });

  it.each(fixture.cases.map((c) => [`${c.schedule.type} per ${c.schedule.per}`, c] as const))('%s', async (_name, c) => {
    const trainer = await linearTrainer(c.schedule);
    expect(trainer.stepsPerEpoch).toBe(fixture.stepsPerEpoch);
    const announced: number[] = [];
    const applied: number[] = [];
    for (let s = 0; s < c.rates.length; s++) {
      const o = observedStep(trainer);
      announced.push(o.announced);
      applied.push(o.applied);
    }
    // What the trainer announces (the UI's live rate) is the rate the step then uses…
    c.rates.forEach((r, s) => expect(announced[s], `announced rate at step ${s + 1}`).toBeCloseTo(r, 12));
    // …and the one the optimiser applies (read off float32 weights: relative 1e-3).
    c.rates.forEach((r, s) => expect(Math.abs(applied[s] - r) / r, `applied rate at step ${s + 1}: ${applied[s]} vs ${r}`).toBeLessThan(1e-3));
    // Each epoch's record holds the rate of its last step.
    const last = (e: number) => c.rates[(e + 1) * fixture.stepsPerEpoch - 1];
    expect(trainer.history.map((h) => h.learningRate)).toEqual(trainer.history.map((_, e) => expect.closeTo(last(e), 12)));
  });
});
