/**
 * `bprop bench [--json] [--workloads W1,W2,W3,W4] [--reps N]`: training throughput on the peer
 * workloads. Timed: the whole training loop (shuffling, batching, forward, backward, update,
 * reading the loss), as the peers do; excluded: data generation, compiling, one 20-batch warm-up.
 */
import { Trainer } from '../../engine/train';
import { checkFlags, intFlag, parseArgs, stringFlag, UsageError } from '../args';
import { buildWorkload, WORKLOAD_IDS, type Workload } from './workloads';

export interface BenchResult {
  workload: string;
  samplesPerSecond: number;
  finalLoss: number;
  minSamplesPerSecond: number;
  maxSamplesPerSecond: number;
  reps: number;
}

export async function benchCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json']);
  checkFlags(args, ['json', 'workloads', 'reps']);
  const reps = intFlag(args, 'reps', 1, 100) ?? 3;
  const ids = (stringFlag(args, 'workloads') ?? WORKLOAD_IDS.join(',')).split(',').map((s) => s.trim().toUpperCase());
  for (const id of ids) {
    if (!(WORKLOAD_IDS as readonly string[]).includes(id)) throw new UsageError(`unknown workload '${id}' (expected ${WORKLOAD_IDS.join(', ')})`);
  }
  const json = args.flags.has('json');
  if (!json) process.stdout.write(`workload          samples/s [min-max]        final loss   (median of ${reps})\n`);
  for (const id of ids) {
    const r = runWorkload(buildWorkload(id), reps);
    if (json) process.stdout.write(JSON.stringify({ workload: r.workload, samplesPerSecond: Math.round(r.samplesPerSecond), finalLoss: r.finalLoss }) + '\n');
    else {
      const range = `[${Math.round(r.minSamplesPerSecond)}-${Math.round(r.maxSamplesPerSecond)}]`;
      process.stdout.write(`${id.padEnd(18)}${String(Math.round(r.samplesPerSecond)).padStart(9)} ${range.padEnd(18)}${r.finalLoss.toFixed(4).padStart(10)}\n`);
    }
  }
}

export function runWorkload(w: Workload, reps: number): BenchResult {
  const warm = new Trainer(w.graph, w.data, w.training);
  for (let i = 0; i < 20; i++) warm.trainStep();
  const rates: number[] = [];
  let finalLoss = NaN;
  for (let r = 0; r < reps; r++) {
    const trainer = new Trainer(w.graph, w.data, w.training); // same seed: the same initial weights every repeat
    const t0 = performance.now();
    while (!trainer.done) trainer.trainStep();
    const seconds = (performance.now() - t0) / 1000;
    rates.push((w.data.train.n * w.training.epochs) / seconds);
    finalLoss = trainer.history[trainer.history.length - 1].loss;
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { workload: w.id, samplesPerSecond: median, finalLoss, minSamplesPerSecond: sorted[0], maxSamplesPerSecond: sorted[sorted.length - 1], reps };
}
