/**
 * `bprop bench --profile`: after a workload's unprofiled repeats, the same repeats again with the
 * engine's step profiler on (src/engine/profile.ts), giving the share of the timed training loop
 * each op kind takes and its milliseconds per step. The profile is always timed on the wall clock
 * (performance.now(), the only clock cheap enough to read at every layer); its rows add up to the
 * wall time of the profiled loops (`timedMsPerStep`), which the report prints beside them, and the
 * table shows the quieter half of the steps (see profileWorkload).
 */
import { profileRowLabel, profileRows, stepProfile, type ProfileRow } from '../../engine/profile';
import { Trainer } from '../../engine/train';
import type { Workload } from './workloads';

export interface BenchProfile {
  /** Steps profiled, over all repeats. */
  steps: number;
  /** Wall time of the profiled training loops per step, measured around them. */
  timedMsPerStep: number;
  /** All rows of all steps, per step: what the timing points saw of `timedMsPerStep` (they must add up to it). */
  profiledMsPerStep: number;
  /** Steps in the quieter half of the chunks, which `ops` describes. */
  quietSteps: number;
  /** The rows' sum: per step, over the quieter half of the chunks. */
  msPerStep: number;
  /** Median samples/s of the profiled repeats, on the bench's clock (compare with the unprofiled figure). */
  samplesPerSecond: number;
  /** The profiled runs' last epoch loss (profiling changes no arithmetic: the unprofiled one). */
  finalLoss: number;
  ops: ProfileRow[];
}

/** Chunks per repeat: enough that a few of them escape a busy machine's preemptions. */
const CHUNKS_PER_REPEAT = 16;

/**
 * Runs `reps` profiled repeats of `w` (after a profiled warm-up: turning the timing points on
 * makes V8 compile the paths they take). `seconds` is the bench's clock.
 * The profile is on the wall clock, so on a machine other jobs share, a step the scheduler
 * preempts charges the wait to whatever op was running. Each repeat therefore runs in chunks of
 * steps, and `ops` is the profile of the quieter half of them (lowest wall time per step), as a
 * benchmark keeps its fastest repeats; `profiledMsPerStep` still counts every step.
 */
export function profileWorkload(w: Workload, reps: number, seconds: () => number): BenchProfile {
  const warm = new Trainer(w.graph, w.data, w.training);
  stepProfile.start();
  for (let i = 0; i < 20 && !warm.done; i++) warm.trainStep();
  stepProfile.stop();
  stepProfile.reset();
  const rates: number[] = [];
  const chunks: { steps: number; cells: Float64Array; ms: number }[] = [];
  let steps = 0;
  let wallMs = 0;
  let finalLoss = NaN;
  let before = stepProfile.cells();
  for (let r = 0; r < reps; r++) {
    const trainer = new Trainer(w.graph, w.data, w.training);
    const chunkSteps = Math.ceil((trainer.stepsPerEpoch * w.training.epochs) / CHUNKS_PER_REPEAT);
    const t0 = seconds();
    while (!trainer.done) {
      const wall0 = performance.now();
      stepProfile.start();
      let n = 0;
      for (; n < chunkSteps && !trainer.done; n++) trainer.trainStep();
      stepProfile.stop();
      wallMs += performance.now() - wall0;
      const after = stepProfile.cells();
      const cells = after.map((v, i) => v - before[i]!);
      chunks.push({ steps: n, cells, ms: cells.reduce((a, b) => a + b, 0) });
      before = after;
      steps += n;
    }
    rates.push((w.data.train.n * w.training.epochs) / (seconds() - t0));
    finalLoss = trainer.history[trainer.history.length - 1].loss;
  }
  stepProfile.reset();
  let profiledMs = 0;
  for (const c of chunks) profiledMs += c.ms;
  const quiet = [...chunks].sort((a, b) => a.ms / a.steps - b.ms / b.steps).slice(0, Math.ceil(chunks.length / 2));
  const quietCells = new Float64Array(before.length);
  let quietSteps = 0;
  for (const c of quiet) {
    quietSteps += c.steps;
    for (let i = 0; i < quietCells.length; i++) quietCells[i] += c.cells[i]!;
  }
  const ops = profileRows(quietCells, quietSteps);
  let msPerStep = 0;
  for (const row of ops) msPerStep += row.msPerStep;
  return {
    steps, timedMsPerStep: wallMs / steps, profiledMsPerStep: profiledMs / steps, quietSteps, msPerStep,
    samplesPerSecond: Math.round(median(rates)), finalLoss, ops,
  };
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
    `  profile (wall clock): the quieter ${p.quietSteps} of ${p.steps} steps, ${p.msPerStep.toFixed(3)} ms/step ` +
      `(all steps: ${p.profiledMsPerStep.toFixed(3)} in the rows, ${p.timedMsPerStep.toFixed(3)} timed around them); ` +
      `profiled ${Math.round(p.samplesPerSecond)} samples/s, ${cost} than without`,
    `    ${'op'.padEnd(46)}${'ms/step'.padStart(10)}${'share'.padStart(9)}`,
  ];
  for (const row of p.ops) {
    if (row.msPerStep <= 0) continue;
    lines.push(`    ${profileRowLabel(row.op).padEnd(46)}${row.msPerStep.toFixed(4).padStart(10)}${(100 * row.share).toFixed(1).padStart(7)} %`);
  }
  return lines.join('\n') + '\n';
}
