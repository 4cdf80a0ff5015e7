import { describe, expect, it } from 'vitest';
import { learningRateAt, scheduleUnit } from '../../../src/engine/schedules';
import type { ScheduleConfig } from '../../../src/shared/project-types';

const at = (s: ScheduleConfig | undefined, ts: number[]) => ts.map((t) => learningRateAt(s, 0.1, t));

function expectClose(actual: number[], expected: number[]): void {
  expected.forEach((e, i) => expect(actual[i], `t index ${i}`).toBeCloseTo(e, 12));
}

describe('learningRateAt', () => {
  it('is the base rate without a schedule or with constant', () => {
    expect(at(undefined, [0, 1, 100])).toEqual([0.1, 0.1, 0.1]);
    expect(at({ type: 'constant' }, [0, 7, 1000])).toEqual([0.1, 0.1, 0.1]);
  });
  it('step: η₀·γ^floor(t/stepSize)', () => {
    expectClose(at({ type: 'step', stepSize: 3, gamma: 0.5 }, [0, 2, 3, 5, 6, 10]), [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
  });
  it('exponential: η₀·γ^t', () => {
    expectClose(at({ type: 'exponential', gamma: 0.9 }, [0, 1, 2, 10]), [0.1, 0.09, 0.081, 0.1 * 0.9 ** 10]);
  });
  it('inverseTime: η₀/(1 + decay·t)', () => {
    expectClose(at({ type: 'inverseTime', decay: 0.5 }, [0, 1, 2, 18]), [0.1, 0.1 / 1.5, 0.05, 0.01]);
  });
  it('cosine: from η₀ down to ηmin over the period, then ηmin', () => {
    const s: ScheduleConfig = { type: 'cosine', period: 4, minLearningRate: 0.02 };
    const mid = 0.02 + 0.08 * (1 + Math.cos(Math.PI / 4)) / 2;
    expectClose(at(s, [0, 1, 2, 4, 5, 100]), [0.1, mid, 0.06, 0.02, 0.02, 0.02]);
  });
  it('cosine ends at 0 without minLearningRate', () => {
    expectClose(at({ type: 'cosine', period: 10 }, [0, 5, 10, 11]), [0.1, 0.05, 0, 0]);
  });
});

describe('scheduleUnit', () => {
  it('counts epochs unless per is step', () => {
    expect(scheduleUnit(undefined)).toBe('epoch');
    expect(scheduleUnit({ type: 'constant' })).toBe('epoch');
    expect(scheduleUnit({ type: 'exponential', gamma: 0.9, per: 'epoch' })).toBe('epoch');
    expect(scheduleUnit({ type: 'exponential', gamma: 0.9, per: 'step' })).toBe('step');
  });
});
