/**
 * Shared settings of the property tests (fast-check). Runs are modest so each property takes a
 * few seconds. CI (CI=true) always uses one fixed seed, so a red CI run reproduces exactly; a
 * developer's run draws a fresh seed each time and so explores further. A failure prints its
 * seed and the shrunk counterexample: rerun with FC_SEED=<seed> to reproduce it. FC_RUNS_SCALE=10
 * runs ten times as many cases (a bug hunt, not for CI).
 */
import type { Parameters } from 'fast-check';

const FIXED_SEED = 20_251_204;

function seed(): number | undefined {
  if (process.env.FC_SEED) return Number(process.env.FC_SEED);
  return process.env.CI ? FIXED_SEED : undefined;
}

export function propertyRuns<T>(numRuns: number): Parameters<T> {
  const s = seed();
  const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), ...(s !== undefined ? { seed: s } : {}) };
}
