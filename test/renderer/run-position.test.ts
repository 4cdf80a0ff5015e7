/**
 * Epochs and steps are counted one way everywhere (issue 10, item 7): the divergence message
 * and the status line name the same epoch and step, 1-based, for the step that failed, and an
 * ended run drops "step 0/N".
 */
import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../src/engine/train';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import { lastStepPosition } from '../../src/shared/run-position';
import type { TrainingState } from '../../src/shared/protocol';
import { statusLine } from '../../src/renderer/src/training/format';
import { findTemplate } from '../../src/shared/templates';

const state = (over: Partial<TrainingState>): TrainingState => ({
  status: 'training', epoch: 0, totalEpochs: 100, stepInEpoch: 0, stepsPerEpoch: 13, globalStep: 0, learningRate: 0.1, samplesPerSecond: 0, elapsedMs: 1000, ...over,
});

describe('one way to count epochs and steps', () => {
  it('names the last step taken, 1-based', () => {
    expect(lastStepPosition(0, 0, 13)).toBeNull();
    expect(lastStepPosition(0, 1, 13)).toEqual({ epoch: 1, step: 1 });
    expect(lastStepPosition(1, 5, 13)).toEqual({ epoch: 2, step: 5 });
    expect(lastStepPosition(2, 0, 13)).toEqual({ epoch: 2, step: 13 });
  });

  it('the status line: in progress, at an epoch boundary, ended, before any step', () => {
    expect(statusLine(state({ epoch: 1, stepInEpoch: 5, globalStep: 18 }))).toMatch(/^Training · epoch 2\/100 · step 5\/13 · /);
    expect(statusLine(state({ status: 'paused', epoch: 1, stepInEpoch: 0, globalStep: 13 }))).toMatch(/^Paused · epoch 1\/100 · step 13\/13 · /);
    expect(statusLine(state({ status: 'finished', epoch: 100, stepInEpoch: 0, globalStep: 1300 }))).toBe('Finished · epoch 100/100 · 1.0 s elapsed');
    expect(statusLine(state({ status: 'stoppedEarly', epoch: 40, stepInEpoch: 0, globalStep: 520 }))).toBe('Stopped early · epoch 40/100 · 1.0 s elapsed');
    expect(statusLine(state({ status: 'stopped', epoch: 3, stepInEpoch: 4, globalStep: 43 }))).toBe('Stopped · epoch 4/100 · step 4/13 · 1.0 s elapsed');
    expect(statusLine(state({ status: 'idle', elapsedMs: 0 }))).toBe('Ready · epoch 0/100');
  });

  it('a diverged run: the message and the status line name the same epoch and step', async () => {
    const template = findTemplate('linear-regression')!.build();
    const project = { ...template, training: { ...template.training, optimizer: { type: 'sgd' as const, learningRate: 100 }, epochs: 100 } };
    const data = await prepareProjectData(project, { readText: async () => '', readBytes: async () => new Uint8Array() });
    const trainer = createTrainer(project, data);
    let error: DivergenceError | null = null;
    try {
      while (!trainer.done) trainer.trainStep();
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      error = e;
    }
    expect(error).not.toBeNull();
    const [, epoch, step] = /at epoch (\d+), step (\d+)/.exec(error!.message)!;
    const line = statusLine(state({ status: 'diverged', epoch: trainer.epoch, stepInEpoch: trainer.stepInEpoch, stepsPerEpoch: trainer.stepsPerEpoch, globalStep: trainer.globalStep }));
    expect(line).toContain(`epoch ${epoch}/100 · step ${step}/${trainer.stepsPerEpoch}`);
    expect(line).toMatch(/^Diverged · /);
    expect(Number(step)).toBeGreaterThanOrEqual(1);
  });
});
