/** Goal evaluation: each kind against runs, test metrics, parameter counts and engine values. */
import { describe, expect, it } from 'vitest';
import { answerMatches, describeGoal, evaluateGoal, formatNumber, type GoalInputs } from '../../src/shared/lesson-goals';
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

describe('goal details in words', () => {
  it('formats numbers: 4 significant digits, exponents below 1e-3, non-finite as is', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1234567)).toBe('1235000');
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(0.00012345)).toBe('1.23e-4');
    expect(formatNumber(-0.00012345)).toBe('-1.23e-4');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it.each([
    [{ kind: 'metric', metric: 'mae', split: 'validation', atMost: 0.5 }, 'Validation mean absolute error ≤ 0.5'],
    [{ kind: 'metric', metric: 'r2', split: 'train', atLeast: 0.9 }, 'Training R² ≥ 0.9'],
    [{ kind: 'metric', metric: 'accuracy', split: 'validation', atMost: 0.12345 }, 'Validation accuracy ≤ 12.35 %'],
    [{ kind: 'lossWithin', below: 0.0001, epochs: 5, split: 'validation' }, 'Validation loss below 1.00e-4 within 5 epochs'],
    [{ kind: 'lossWithin', below: 0.5, epochs: 5, split: 'train' }, 'Loss below 0.5 within 5 epochs'],
    [{ kind: 'answer', prompt: 'p', tolerance: 0, quantity: { kind: 'loss', split: 'validation' } }, 'Answer: the validation loss'],
    [{ kind: 'answer', prompt: 'p', tolerance: 0, quantity: { kind: 'output', input: [1, -2.5] } }, 'Answer: output 0 for input (1, -2.5)'],
    [{ kind: 'answer', prompt: 'p', tolerance: 0, quantity: { kind: 'output', input: [3], index: 2 } }, 'Answer: output 2 for input (3)'],
    [{ kind: 'answer', prompt: 'p', tolerance: 0, quantity: { kind: 'partial', variable: 'w1' } }, 'Answer: ∂g/∂w1'],
  ] as [LessonGoal, string][])('%j', (goal, text) => {
    expect(describeGoal(goal)).toBe(text);
  });
});

describe('metric goals on every metric and split', () => {
  const epochs = [epoch(1, 0.9, { mae: 0.4, r2: 0.5, valMae: 0.6, valR2: 0.3, valLoss: 0.8 })];
  it.each([
    [{ kind: 'metric', metric: 'mae', split: 'train', atMost: 0.4 }, true, 'now 0.4'],
    [{ kind: 'metric', metric: 'mae', split: 'validation', atMost: 0.59 }, false, 'now 0.6'],
    [{ kind: 'metric', metric: 'r2', split: 'train', atLeast: 0.5 }, true, 'now 0.5'],
    [{ kind: 'metric', metric: 'r2', split: 'validation', atLeast: 0.31 }, false, 'now 0.3'],
    [{ kind: 'metric', metric: 'loss', split: 'train', atMost: 0.9 }, true, 'now 0.9'],
    [{ kind: 'metric', metric: 'loss', split: 'validation', atMost: 0.8 }, true, 'now 0.8'],
  ] as [LessonGoal, boolean, string][])('%j', (goal, passed, detail) => {
    expect(evaluateGoal(goal, inputs({ epochs }))).toEqual({ passed, detail });
  });

  it('reads the test metrics once the run has ended, and refuses a non-finite value', () => {
    const goal: LessonGoal = { kind: 'metric', metric: 'r2', split: 'test', atLeast: 0.5 };
    expect(evaluateGoal(goal, inputs({ test: { loss: 1, r2: 0.5 } }))).toEqual({ passed: true, detail: 'now 0.5' });
    expect(evaluateGoal(goal, inputs({ test: { loss: 1 } }))).toEqual({ passed: false, detail: 'this run has no test R²' });
    const loss: LessonGoal = { kind: 'metric', metric: 'loss', split: 'train', atMost: 1 };
    expect(evaluateGoal(loss, inputs({ epochs: [epoch(1, Number.NaN)] }))).toEqual({ passed: false, detail: 'this run has no training loss' });
  });

  it('an atMost accuracy goal passes at the bound', () => {
    const goal: LessonGoal = { kind: 'metric', metric: 'accuracy', split: 'train', atMost: 0.5 };
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 1, { accuracy: 0.5 })] }))).toEqual({ passed: true, detail: 'now 50 %' });
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 1, { accuracy: 0.5001 })] }))).toEqual({ passed: false, detail: 'now 50.01 %' });
  });
});

describe('loss within N epochs, edges', () => {
  it('a loss equal to the bound is not below it; epochs after the limit are not read', () => {
    const goal: LessonGoal = { kind: 'lossWithin', below: 0.1, epochs: 2 };
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.1), epoch(2, 0.2)] }))).toEqual({ passed: false, detail: 'lowest 0.1 in 2 epochs' });
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.3), epoch(2, 0.2), epoch(3, 0.05)] }))).toEqual({ passed: false, detail: 'lowest 0.2 in 2 epochs' });
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.3), epoch(2, 0.09)] }))).toEqual({ passed: true, detail: '0.09 at epoch 2' });
    expect(evaluateGoal(goal, inputs())).toEqual({ passed: false, detail: 'not reached yet: train the network to check' });
  });

  it('without a validation loss in the run, says so', () => {
    const goal: LessonGoal = { kind: 'lossWithin', below: 0.1, epochs: 2, split: 'validation' };
    expect(evaluateGoal(goal, inputs({ epochs: [epoch(1, 0.01), epoch(2, 0.01)] }))).toEqual({ passed: false, detail: 'no finite loss in 2 epochs' });
  });
});

describe('answer tolerance', () => {
  it('is inclusive, and relative to the size of the engine value', () => {
    expect(answerMatches({ tolerance: 0.5 }, 1.5, 1)).toBe(true);
    expect(answerMatches({ tolerance: 0.5 }, 1.5001, 1)).toBe(false);
    expect(answerMatches({ tolerance: 0.5 }, 0.5, 1)).toBe(true);
    expect(answerMatches({ tolerance: 0.1, relative: true }, -110, -100)).toBe(true);
    expect(answerMatches({ tolerance: 0.1, relative: true }, -111, -100)).toBe(false);
    expect(answerMatches({ tolerance: 0.1, relative: false }, 105, 100)).toBe(false);
  });

  it('allows a float32 rounding hair beyond a zero tolerance, scaled by the value', () => {
    expect(answerMatches({ tolerance: 0 }, 0.1, 0.1 + 1e-13)).toBe(true);
    expect(answerMatches({ tolerance: 0 }, 0.1, 0.1 + 1e-11)).toBe(false);
    expect(answerMatches({ tolerance: 0 }, 1e6, 1e6 + 1e-7)).toBe(true);
    expect(answerMatches({ tolerance: 0 }, 1e6, 1e6 + 1e-5)).toBe(false);
    // Exactly at the limit, slack included (1 + (1 + 1e-12) − 1 is exact in doubles): still a match.
    expect(answerMatches({ tolerance: 1 }, 1 + (1 + 1e-12), 1)).toBe(true);
  });
});

describe('goals not reached yet', () => {
  it('fail with the reason while there is nothing to judge', () => {
    const train: LessonGoal = { kind: 'metric', metric: 'loss', split: 'train', atMost: 1 };
    expect(evaluateGoal(train, inputs())).toEqual({ passed: false, detail: 'not reached yet: train the network to check' });
    expect(evaluateGoal({ kind: 'parameters', atMost: 5 }, inputs())).toEqual({
      passed: false,
      detail: 'the parameter count is unknown until the network is complete',
    });
    const answer: LessonGoal = { kind: 'answer', prompt: 'p', quantity: { kind: 'loss', split: 'train' }, tolerance: 1 };
    expect(evaluateGoal(answer, inputs(), { value: 1 })).toEqual({ passed: false, detail: 'no answer yet' });
    expect(evaluateGoal({ ...answer, answer: 1 }, inputs(), null)).toEqual({ passed: false, detail: 'checking with the engine…' });
  });
});
