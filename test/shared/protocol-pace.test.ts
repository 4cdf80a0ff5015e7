/** The paced-training vocabulary shared by the speed control and the engine host: which paces are valid and how they read. */
import { describe, expect, it } from 'vitest';
import { MAX_STEPS_PER_SECOND, MIN_STEPS_PER_SECOND, PACE_CHOICES, paceLabel, paceProblem } from '../../src/shared/protocol-pace';

describe('paceProblem', () => {
  it('accepts step, max and every number from the slowest to the fastest pace, both ends included', () => {
    for (const pace of ['step', 'max', MIN_STEPS_PER_SECOND, 1, 5, 20, MAX_STEPS_PER_SECOND]) expect(paceProblem(pace)).toBeNull();
    expect([MIN_STEPS_PER_SECOND, MAX_STEPS_PER_SECOND]).toEqual([0.1, 200]);
  });

  it('refuses a number just outside either end, naming the range and the value', () => {
    expect(paceProblem(0.09)).toBe('pace must be between 0.1 and 200 steps per second (got 0.09)');
    expect(paceProblem(200.5)).toBe('pace must be between 0.1 and 200 steps per second (got 200.5)');
    expect(paceProblem(0)).toBe('pace must be between 0.1 and 200 steps per second (got 0)');
    expect(paceProblem(-5)).toBe('pace must be between 0.1 and 200 steps per second (got -5)');
  });

  it('refuses what is not step, max or a finite number', () => {
    const what = "pace must be 'step', 'max' or a number of steps per second";
    expect(paceProblem('fast')).toBe(`${what} (got "fast")`);
    expect(paceProblem('5')).toBe(`${what} (got "5")`);
    expect(paceProblem(null)).toBe(`${what} (got null)`);
    expect(paceProblem(Infinity)).toBe(`${what} (got null)`); // JSON.stringify(Infinity)
    expect(paceProblem(NaN)).toBe(`${what} (got null)`);
    expect(paceProblem(undefined)).toBe(`${what} (got undefined)`);
  });
});

describe('paceLabel and the choices offered', () => {
  it('reads each pace as words, with the plural right', () => {
    expect(paceLabel('step')).toBe('One step at a time');
    expect(paceLabel('max')).toBe('As fast as possible');
    expect(paceLabel(1)).toBe('1 step/s');
    expect(paceLabel(5)).toBe('5 steps/s');
    expect(paceLabel(0.5)).toBe('0.5 steps/s');
  });

  it('offers valid paces only, slowest first', () => {
    expect(PACE_CHOICES).toEqual(['step', 1, 5, 20, 'max']);
    for (const pace of PACE_CHOICES) expect(paceProblem(pace)).toBeNull();
  });
});
