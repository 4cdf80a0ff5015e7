/**
 * The timing rules of paced training, apart from the host so they can be tested with fake
 * timers: how long to wait before the next step, and a single pending timer that a new pace,
 * a pause or a stop cancels (so two loops never run at once).
 */
import type { TrainingPace } from '../shared/protocol-pace';

/** Milliseconds between two steps at this pace; null for 'max' (slices of many steps) and 'step' (no loop). */
export function stepIntervalMs(pace: TrainingPace): number | null {
  return typeof pace === 'number' ? 1000 / pace : null;
}

export type TimerFn = (fn: () => void, ms: number) => unknown;
export type ClearTimerFn = (handle: unknown) => void;

/** At most one pending delayed call. */
export class PaceTimer {
  private handle: unknown = null;

  constructor(
    private readonly setTimer: TimerFn = (fn, ms) => setTimeout(fn, ms),
    private readonly clearTimer: ClearTimerFn = (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  ) {}

  get pending(): boolean {
    return this.handle !== null;
  }

  /** Runs `fn` after `ms`, replacing any call still pending. */
  after(ms: number, fn: () => void): void {
    this.cancel();
    this.handle = this.setTimer(() => {
      this.handle = null;
      fn();
    }, ms);
  }

  cancel(): void {
    if (this.handle === null) return;
    this.clearTimer(this.handle);
    this.handle = null;
  }
}
