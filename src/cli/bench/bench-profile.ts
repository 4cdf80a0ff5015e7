/**
 * `bprop bench --profile`: after a workload's unprofiled repeats, the same repeats again with the
 * engine's step profiler on (src/engine/profile.ts), giving the share of the timed training loop
 * each op kind takes and its milliseconds per step. The profile is always timed on the wall clock
 * (performance.now(), the only clock cheap enough to read at every layer); its rows add up to the
 * wall time of the profiled loops (`timedMsPerStep`), which the report prints beside them.
 */
import { profileRowLabel, profileRows, stepProfile, type ProfileRow } from '../../engine/profile';
import { Trainer } from '../../engine/train';
import type { Workload } from './workloads';

export interface BenchProfile {
  /** Steps profiled, over all repeats. */
  steps: number;
  /** The rows' sum per step: the profiled time. */
  msPerStep: number;
  /** Wall time of the profiled training loops per step, measured around them (the rows must add up to it). */
  timedMsPerStep: number;
  /** Median samples/s of the profiled repeats, on the bench's clock (compare with the unprofiled figure). */
  samplesPerSecond: number;
  /** The profiled runs' last epoch loss (profiling changes no arithmetic: the unprofiled one). */
  finalLoss: number;
  ops: ProfileRow[];
}

/**
 * Runs `reps` profiled repeats of `w` (after a profiled warm-up: turning the timing points on
 * makes V8 compile the paths they take). `seconds` is the bench's clock.
 */
export function profileWorkload(w: Workload, reps: number, seconds: () => number): BenchProfile {
  const warm = new Trainer(w.graph, w.data, w.training);
  stepProfile.start();
  for (let i = 0; i < 20 && !warm.done; i++) warm.trainStep();
  stepProfile.stop();
  stepProfile.reset();
  const rates: number[] = [];
  let steps = 0;
  let wallMs = 0;
  let finalLoss = NaN;
  for (let r = 0; r < reps; r++) {
    const trainer = new Trainer(w.graph, w.data, w.training);
    const t0 = seconds();
    const wall0 = performance.now();
    stepProfile.start();
    while (!trainer.done) trainer.trainStep();
    stepProfile.stop();
    wallMs += performance.now() - wall0;
    rates.push((w.data.train.n * w.training.epochs) / (seconds() - t0));
    steps += trainer.globalStep;
    finalLoss = trainer.history[trainer.history.length - 1].loss;
  }
  const ops = profileRows(stepProfile.cells(), steps);
  stepProfile.reset();
  let msPerStep = 0;
  for (const row of ops) msPerStep += row.msPerStep;
  return { steps, msPerStep, timedMsPerStep: wallMs / steps, samplesPerSecond: median(rates), finalLoss, ops };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The text table of one workload's profile (rows without time left out). */
export function formatProfile(p: BenchProfile, unprofiledSamplesPerSecond: number): string {
  const change = 100 * (1 - p.samplesPerSecond / unprofiledSamplesPerSecond);
  const cost = `${Math.abs(change).toFixed(0)} % ${change >= 0 ? 'slower' : 'faster'}`;
  const lines = [
    `  profile (wall clock, ${p.steps} steps): ${p.msPerStep.toFixed(3)} ms/step in the rows, ${p.timedMsPerStep.toFixed(3)} timed around the loop; ` +
      `profiled ${Math.round(p.samplesPerSecond)} samples/s, ${cost} than without`,
    `    ${'op'.padEnd(46)}${'ms/step'.padStart(10)}${'share'.padStart(9)}`,
  ];
  for (const row of p.ops) {
    if (row.msPerStep <= 0) continue;
    lines.push(`    ${profileRowLabel(row.op).padEnd(46)}${row.msPerStep.toFixed(4).padStart(10)}${(100 * row.share).toFixed(1).padStart(7)} %`);
  }
  return lines.join('\n') + '\n';
}
