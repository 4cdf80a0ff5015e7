/**
 * Kernel-thread benchmark (not a test: timings):
 *   npx tsx bench/threads.ts [--threads 2] [--reps 5] [--spin 200]
 * 1. Wake-up: the round trip of an empty job (1×1 panels, depth 1, split across the threads):
 *    the caller publishes it, every worker runs its (empty) slice and counts itself done, the
 *    caller sees the count. Median and quartiles over many jobs, back to back and after idling
 *    (workers asleep in Atomics.wait).
 * 2. The micro-kernel alone, one thread against split, at the training workloads' shapes (in
 *    multiply-adds; the pool's minWork threshold comes from where splitting starts to pay).
 */
import '../src/cli/wasm-features';
import { createThreadedWasmKernels, createWasmKernels } from '../src/engine/backend/wasm-gemm';
import { nodeKernelThreadSpawner } from '../src/node/kernel-threads';

const args = process.argv.slice(2);
function arg(name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : def;
}
const threads = Number(arg('threads', '2'));
const reps = Number(arg('reps', '5'));
const spinMicros = Number(arg('spin', '200'));

const threaded = createThreadedWasmKernels(threads, nodeKernelThreadSpawner(), 'relaxed', { smallWork: 0, narrow: 0 }, { minWork: 0, spinMicros, timeoutMs: 10_000 });
if (!threaded) throw new Error('no threaded WebAssembly kernels in this runtime');
const { pool } = threaded;
await pool.whenReady();

function quantiles(xs: number[]): { q1: number; median: number; q3: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

// 1. Wake-up. Memory: nothing to read beyond a few floats at 0.
function roundTrips(jobs: number, idleMs: number): number[] {
  const times: number[] = [];
  for (let j = 0; j < jobs; j++) {
    if (idleMs > 0) {
      const until = performance.now() + idleMs;
      while (performance.now() < until) { /* idle: the workers stop spinning and sleep */ }
    }
    const t0 = performance.now();
    pool.split(0, 1024, 2048, threads, 1, 1);
    times.push((performance.now() - t0) * 1000);
  }
  return times;
}
roundTrips(2000, 0); // warm-up
const hot = quantiles(roundTrips(20_000, 0));
const cold = quantiles(roundTrips(200, 2));
const f = (x: number) => x.toFixed(1).padStart(6);
console.log(`empty job round trip, ${threads} threads, spin ${spinMicros} µs (µs: q1 median q3)`);
console.log(`  back to back        ${f(hot.q1)} ${f(hot.median)} ${f(hot.q3)}`);
console.log(`  after 2 ms idle     ${f(cold.q1)} ${f(cold.median)} ${f(cold.q3)}   (workers asleep in Atomics.wait)`);

// 2. The kernel on one thread vs split, at the workloads' shapes (gemmNN of M×K by K×N).
const single = createWasmKernels({ smallWork: 0, narrow: 0 }, 'relaxed')!;
const shapes: [string, number, number, number][] = [
  ['W2 fwd 784→128, batch 32', 32, 128, 784],
  ['W2 dW 784→128', 784, 128, 32],
  ['W2 fwd 128→64', 32, 64, 128],
  ['W3 fwd 1024→1024, batch 64', 64, 1024, 1024],
  ['W5 fwd 256→256, batch 64', 64, 256, 256],
  ['W6 conv fwd 16 filters, 9 taps, 840 positions', 16, 840, 9],
  ['W6 conv fwd 32 filters, 144 taps, 224 positions', 32, 224, 144],
  ['small 16×32×64', 16, 32, 64],
  ['small 32×64×64', 32, 64, 64],
  ['small 32×64×128', 32, 64, 128],
];
console.log('\nmicro-kernel through the GEMM (packing on the caller included), µs per product, median of reps');
console.log('shape                                              MACs      1 thread   split   speed-up');
for (const [label, M, N, K] of shapes) {
  const A = Float32Array.from({ length: M * K }, (_, i) => ((i * 7919) % 13) / 13 - 0.5);
  const B = Float32Array.from({ length: K * N }, (_, i) => ((i * 104729) % 17) / 17 - 0.5);
  const C = new Float32Array(M * N);
  const time = (run: () => void): number => {
    const meds: number[] = [];
    for (let r = 0; r < reps; r++) {
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 150) { run(); n++; }
      meds.push(((performance.now() - t0) * 1000) / n);
    }
    return quantiles(meds).median;
  };
  const one = time(() => single.gemmNN(M, N, K, A, B, C, false));
  const split = time(() => threaded.kernels.gemmNN(M, N, K, A, B, C, false));
  console.log(`${label.padEnd(48)} ${String(M * N * K).padStart(9)} ${f(one)}    ${f(split)}   ${(one / split).toFixed(2)}×`);
}
pool.dispose();
