/**
 * Paced training (watch it learn): how fast the engine host runs training steps, and whether a
 * run ignores its epoch limit. Part of the renderer ↔ engine protocol (protocol.ts joins it into
 * EngineCommands); handled by src/engine/host.ts with the timing rules of src/engine/host-pace.ts.
 */

/**
 * 'step': one step per Train/Resume, then paused (a student presses Resume for the next one);
 * a number: that many steps per second, each followed by a progress message and a probe frame
 * (the decision boundary and network view redraw after every step); 'max': as fast as possible.
 */
export type TrainingPace = 'step' | 'max' | number;

/** The paces the speed control offers, slowest first. */
export const PACE_CHOICES: readonly TrainingPace[] = ['step', 1, 5, 20, 'max'];

/** Slowest and fastest numeric pace the engine accepts (steps per second). */
export const MIN_STEPS_PER_SECOND = 0.1;
export const MAX_STEPS_PER_SECOND = 200;

/** The pace command (protocol.ts joins it into EngineCommands). */
export interface PaceCommands {
  /** How fast to train from the next step on, and whether to ignore the epoch limit. */
  setPace: {
    pace: TrainingPace;
    /** Train until stopped: no epoch limit (the run ends only on Stop, early stopping or divergence). */
    untilStopped: boolean;
  };
}

/** Why a pace is not acceptable, or null when it is. */
export function paceProblem(pace: unknown): string | null {
  if (pace === 'step' || pace === 'max') return null;
  if (typeof pace !== 'number' || !Number.isFinite(pace)) return `pace must be 'step', 'max' or a number of steps per second (got ${JSON.stringify(pace)})`;
  if (pace < MIN_STEPS_PER_SECOND || pace > MAX_STEPS_PER_SECOND) return `pace must be between ${MIN_STEPS_PER_SECOND} and ${MAX_STEPS_PER_SECOND} steps per second (got ${pace})`;
  return null;
}

/** "One step at a time", "5 steps/s", "As fast as possible". */
export function paceLabel(pace: TrainingPace): string {
  if (pace === 'step') return 'One step at a time';
  if (pace === 'max') return 'As fast as possible';
  return `${pace} step${pace === 1 ? '' : 's'}/s`;
}
