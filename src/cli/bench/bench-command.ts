/**
 * `bprop bench [--json] [--workloads W1,…,W6] [--reps N] [--kernels wasm-relaxed|wasm|js] [--threads N] [--clock cpu] [--profile]`: training
 * throughput on the peer workloads, with the WebAssembly SIMD kernels (the default where the
 * runtime has them) or the pure-JS ones. Each workload runs in a fresh process (as each project
 * trains in its own engine process): in one process, the JIT state one workload leaves behind
 * moves the next one's figure by up to 20 % (measured: W4 after W2/W3). `--in-process` skips that.
 * Timed: the whole training loop (shuffling, batching, forward, backward, update, reading the
 * loss), as the peers do; excluded: data generation, compiling, one 20-batch warm-up.
 * `--clock cpu` times with this process's CPU time (process.cpuUsage: user + system, all its
 * threads, GC included) instead of the wall clock: steadier on a machine other jobs share, where
 * wall time counts the time the process waited for a core.
 * `--profile` then repeats each workload with the step profiler on and prints where the time of
 * a step goes, op kind by op kind (bench-profile.ts).
 * `--threads N`: the WebAssembly kernels split their products across N threads (default: every
 * core; see ../threads-flag.ts); the count in use is printed beside the kernels' name.
 */
import { spawnSync } from 'node:child_process';
import { KERNELS_NAMES, kernelsName, setKernels, wasmKernelsAvailable, type KernelsName } from '../../engine/backend';
import { Trainer } from '../../engine/train';
import { checkFlags, intFlag, parseArgs, stringFlag, UsageError } from '../args';
import { formatProfile, median, profileWorkload, type BenchProfile } from './bench-profile';
import { applyThreadsFlag } from '../threads-flag';
import { buildWorkload, WORKLOAD_IDS, type Workload } from './workloads';

export interface BenchResult {
  workload: string;
  samplesPerSecond: number;
  finalLoss: number;
  minSamplesPerSecond: number;
  maxSamplesPerSecond: number;
  reps: number;
  /** With --profile. */
  profile?: BenchProfile;
}

export async function benchCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['json', 'in-process', 'profile']);
  checkFlags(args, ['json', 'workloads', 'reps', 'kernels', 'in-process', 'clock', 'profile', 'threads']);
  const reps = intFlag(args, 'reps', 1, 100) ?? 3;
  const kernels = (stringFlag(args, 'kernels') ?? kernelsName()) as KernelsName;
  if (!KERNELS_NAMES.includes(kernels)) throw new UsageError(`--kernels must be ${KERNELS_NAMES.join(', ')} (got '${kernels}')`);
  if (!wasmKernelsAvailable(kernels)) throw new UsageError(`--kernels ${kernels}: this runtime has no WebAssembly ${kernels === 'wasm' ? 'SIMD' : 'relaxed SIMD'}`);
  setKernels(kernels);
  const threads = await applyThreadsFlag(args);
  const clock = stringFlag(args, 'clock') ?? 'wall';
  if (clock !== 'wall' && clock !== 'cpu') throw new UsageError(`--clock must be wall or cpu (got '${clock}')`);
  const ids = (stringFlag(args, 'workloads') ?? WORKLOAD_IDS.join(',')).split(',').map((s) => s.trim().toUpperCase());
  for (const id of ids) {
    if (!(WORKLOAD_IDS as readonly string[]).includes(id)) throw new UsageError(`unknown workload '${id}' (expected ${WORKLOAD_IDS.join(', ')})`);
  }
  const json = args.flags.has('json');
  const profile = args.flags.has('profile');
  if (!json) process.stdout.write(`workload          samples/s [min-max]        final loss   (median of ${reps}, ${kernels} kernels, ${threads} thread${threads === 1 ? '' : 's'}, ${clock} clock)\n`);
  const isolate = ids.length > 1 && !args.flags.has('in-process');
  for (const id of ids) {
    const r = isolate ? runInChildProcess(id, reps, kernels, threads, clock, profile) : runWorkload(buildWorkload(id), reps, clock, profile);
    if (json) {
      const line = { workload: r.workload, samplesPerSecond: Math.round(r.samplesPerSecond), finalLoss: r.finalLoss, kernels, threads, clock, minSamplesPerSecond: Math.round(r.minSamplesPerSecond), maxSamplesPerSecond: Math.round(r.maxSamplesPerSecond) };
      process.stdout.write(JSON.stringify(r.profile ? { ...line, profile: r.profile } : line) + '\n');
    } else {
      const range = `[${Math.round(r.minSamplesPerSecond)}-${Math.round(r.maxSamplesPerSecond)}]`;
      process.stdout.write(`${id.padEnd(18)}${String(Math.round(r.samplesPerSecond)).padStart(9)} ${range.padEnd(18)}${r.finalLoss.toFixed(4).padStart(10)}\n`);
      if (r.profile) process.stdout.write(formatProfile(r.profile, r.samplesPerSecond));
    }
  }
}

/** One workload in a fresh Node process running this same CLI (same loader flags, e.g. tsx's). */
function runInChildProcess(id: string, reps: number, kernels: string, threads: number, clock: Clock, profile: boolean): BenchResult {
  const script = process.argv[1];
  if (!script) throw new Error('bench: cannot tell which script to run for a fresh process');
  const flags = ['--json', '--workloads', id, '--reps', String(reps), '--kernels', kernels, '--threads', String(threads), '--clock', clock, ...(profile ? ['--profile'] : [])];
  const child = spawnSync(process.execPath, [...process.execArgv, script, 'bench', ...flags], { encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`bench ${id} failed in its own process (exit ${child.status}): ${child.stderr.trim() || line}`);
  return { ...(JSON.parse(line) as Omit<BenchResult, 'reps'>), reps };
}

export type Clock = 'wall' | 'cpu';

/** Seconds, from the wall clock or from this process's CPU time. */
function seconds(clock: Clock): number {
  if (clock === 'wall') return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** `profile`: then the same repeats again with the step profiler on (bench-profile.ts). */
export function runWorkload(w: Workload, reps: number, clock: Clock = 'wall', profile = false): BenchResult {
  const warm = new Trainer(w.graph, w.data, w.training);
  for (let i = 0; i < 20; i++) warm.trainStep();
  const rates: number[] = [];
  let finalLoss = NaN;
  for (let r = 0; r < reps; r++) {
    const trainer = new Trainer(w.graph, w.data, w.training); // same seed: the same initial weights every repeat
    const t0 = seconds(clock);
    while (!trainer.done) trainer.trainStep();
    const elapsed = seconds(clock) - t0;
    rates.push((w.data.train.n * w.training.epochs) / elapsed);
    finalLoss = trainer.history[trainer.history.length - 1].loss;
  }
  const result: BenchResult = { workload: w.id, samplesPerSecond: median(rates), finalLoss, minSamplesPerSecond: Math.min(...rates), maxSamplesPerSecond: Math.max(...rates), reps };
  if (profile) result.profile = profileWorkload(w, reps, () => seconds(clock));
  return result;
}
