/** Learning-rate schedules: the rate to use at time t (an epoch index or a step count). */
import type { ScheduleConfig } from '../shared/project-types';

/** Whether t counts epochs (the default) or optimiser steps. */
export function scheduleUnit(schedule: ScheduleConfig | undefined): 'epoch' | 'step' {
  return schedule?.per === 'step' ? 'step' : 'epoch';
}

/**
 * The learning rate at time t ≥ 0 (from 0), for a base rate η₀. The caller passes the epoch
 * index, or the number of steps taken when `scheduleUnit(schedule) === 'step'`.
 * No schedule means a constant rate.
 */
export function learningRateAt(schedule: ScheduleConfig | undefined, baseLr: number, t: number): number {
  if (!schedule) return baseLr;
  switch (schedule.type) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * schedule.gamma ** Math.floor(t / schedule.stepSize);
    case 'exponential':
      return baseLr * schedule.gamma ** t;
    case 'inverseTime':
      return baseLr / (1 + schedule.decay * t);
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      if (t >= schedule.period) return min;
      return min + ((baseLr - min) * (1 + Math.cos((Math.PI * t) / schedule.period))) / 2;
    }
  }
}
