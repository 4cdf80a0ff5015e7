/** Goal evaluation: each kind against runs, test metrics, parameter counts and engine values. */
import { describe, expect, it } from 'vitest';
import { answerMatches, describeGoal, evaluateGoal, type GoalInputs } from '../../src/shared/lesson-goals';
import type { LessonGoal } from '../../src/shared/lesson-types';
import type { RunEpoch } from '../../src/shared/project-types';

const epoch = (n: number, loss: number, extra: Partial<RunEpoch> = {}): RunEpoch => ({ epoch: n, loss, learningRate: 0.1, ...extra });
const inputs = (over: Partial<GoalInputs> = {}): GoalInputs => ({ epochs: [], test: null, parameters: null, ...over });

describe('metric goals', () => {
  const testAccuracy: LessonGoal = { kind: 'metric', metric: 'accuracy', split: 'test', atLeast: 0.9 };
  it('needs a run; the test split waits for the end of the run', () => {
    expect(evaluateGoal(testAccuracy, inputs())).toEqual({ passed: false, detail: 'not reached yet: train the network to check' });
    expect(evaluateGoal(testAccuracy, inputs({ epochs: [epoch(1, 0.5)] })).detail).toBe('the test metrics come when the run ends');
  });
  it('passes at the threshold and fails just below it', () => {
    expect(evaluateGoal(testAccuracy, inputs({ test: { loss: 0.2, accuracy: 0.9 } }))).toEqual({ passed: true, detail: 'now 90 %' });
    expect(evaluateGoal(testAccuracy, inputs({ test: { loss: 0.2, accuracy: 0.8999 } })).passed).toBe(false);
  });
  it('reads the last epoch for training and validation metrics', () => {
    const epochs = [epoch(1, 0.9, { accuracy: 0.5, valAccuracy: 0.95, valLoss: 0.3 }), epoch(2, 0.4, { accuracy: 0.97, valAccuracy: 0.85, valLoss: 0.2 })];
    expect(evaluateGoal({ kind: 'metric', metric: 'accuracy', split: 'train', atLeast: 0.95 }, inputs({ epochs })).passed).toBe(true);
    expect(evaluateGoal({ kind: 'metric', metric: 'accuracy', split: 'validation', atLeast: 0.9 }, inputs({ epochs })).passed).toBe(false);
    expect(evaluateGoal({ kind: 'metric', metric: 'loss', split: 'validation', atMost: 0.2 }, inputs({ epochs })).passed).toBe(true);
    expect(evaluateGoal({ kind: 'metric', metric: 'loss', split: 'validation', atMost: 0.19 }, inputs({ epochs })).passed).toBe(false);
  });
  it('says when the run has no such metric (no validation split)', () => {
    expect(evaluateGoal({ kind: 'metric', metric: 'accuracy', split: 'validation', atLeast: 0.9 }, inputs({ epochs: [epoch(1, 0.1, { accuracy: 1 })] })))
      .toEqual({ passed: false, detail: 'this run has no validation accuracy' });
  });
});

describe('parameter budget', () => {
  const goal: LessonGoal = { kind: 'parameters', atMost: 20 };
  it('compares the count, inclusive', () => {
    expect(evaluateGoal(goal, inputs({ parameters: 20 }))).toEqual({ passed: true, detail: 'now 20' });
    expect(evaluateGoal(goal, inputs({ parameters: 21 })).passed).toBe(false);
    expect(evaluateGoal(goal, inputs({ parameters: null })).passed).toBe(false);
  });
});

describe('loss within N epochs', () => {
  const goal: LessonGoal = { kind: 'lossWithin', below: 0.05, epochs: 3 };
  it('passes at the first epoch below the bound, if it is within the limit', () => {
    const r = evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.5), epoch(2, 0.049), epoch(3, 0.01)] }));
    expect(r).toEqual({ passed: true, detail: '0.049 at epoch 2' });
  });
  it('fails when the bound is reached only after the limit', () => {
    const r = evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.5), epoch(2, 0.2), epoch(3, 0.06), epoch(4, 0.01)] }));
    expect(r).toEqual({ passed: false, detail: 'lowest 0.06 in 3 epochs' });
  });
  it('reports progress while the run is shorter than the limit', () => {
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.5)] })).detail).toBe('lowest 0.5 after 1 of 3 epochs');
  });
  it('uses the validation loss when asked', () => {
    const g: LessonGoal = { kind: 'lossWithin', below: 0.05, epochs: 3, split: 'validation' };
    expect(evaluateGoal(g, inputs({ epochs: [epoch(1, 0.01, { valLoss: 0.3 })] })).passed).toBe(false);
    expect(evaluateGoal(g, inputs({ epochs: [epoch(1, 0.3, { valLoss: 0.01 })] })).passed).toBe(true);
  });
  it('skips non-finite losses (a diverged run)', () => {
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, Number.NaN)] })).detail).toBe('no finite loss after 1 of 3 epochs');
  });
});

describe('answer goals', () => {
  const goal = (answer?: number, relative?: boolean): LessonGoal => ({
    kind: 'answer', prompt: 'δ?', quantity: { kind: 'gradient', node: 'o', param: 'bias', index: 0 }, tolerance: 0.001,
    ...(relative ? { relative } : {}), ...(answer === undefined ? {} : { answer }),
  });
  it('compares within the absolute tolerance, and shows the engine value only when right', () => {
    expect(evaluateGoal(goal(-0.1256), inputs(), { value: -0.125565 })).toEqual({ passed: true, detail: 'the engine computes -0.1256' });
    expect(evaluateGoal(goal(-0.124), inputs(), { value: -0.125565 })).toEqual({ passed: false, detail: '-0.124 is not it yet' });
  });
  it('relative tolerance scales with the value', () => {
    expect(answerMatches({ tolerance: 0.01, relative: true }, 1005, 1000)).toBe(true);
    expect(answerMatches({ tolerance: 0.01, relative: true }, 1011, 1000)).toBe(false);
    expect(answerMatches({ tolerance: 0.01 }, 1005, 1000)).toBe(false);
  });
  it('waits for an answer and for the engine, and says why it cannot check', () => {
    expect(evaluateGoal(goal(), inputs(), { value: 1 }).detail).toBe('no answer yet');
    expect(evaluateGoal(goal(1), inputs(), null).detail).toBe('checking with the engine…');
    expect(evaluateGoal(goal(1), inputs(), { error: 'no model' })).toEqual({ passed: false, detail: 'cannot be checked: no model' });
  });
});

describe('describeGoal', () => {
  it.each([
    [{ kind: 'metric', metric: 'accuracy', split: 'test', atLeast: 0.95 }, 'Test accuracy ≥ 95 %'],
    [{ kind: 'metric', metric: 'loss', split: 'train', atMost: 0.05 }, 'Training loss ≤ 0.05'],
    [{ kind: 'parameters', atMost: 1200 }, 'At most 1,200 trainable parameters'],
    [{ kind: 'lossWithin', below: 0.05, epochs: 200 }, 'Loss below 0.05 within 200 epochs'],
    [{ kind: 'answer', prompt: 'p', tolerance: 0, quantity: { kind: 'gradient', node: 'h', param: 'kernel', index: 3 } }, "Answer: ∂L/∂kernel[3] of 'h'"],
    [{ kind: 'parameters', atMost: 5, label: 'Tiny!' }, 'Tiny!'],
  ] as [LessonGoal, string][])('%j', (goal, text) => {
    expect(describeGoal(goal)).toBe(text);
  });
});
