/**
 * GEMM micro-benchmark: GFLOPS of the kernels at the shapes the workloads use.
 *   npx tsx bench/gemm.ts [--kernels wasm-relaxed|wasm|js] [--reps 5] [--ms 300] [--only W1,W2,W3,W4,square] [--kc 256] [--nc 256]
 *                         [--baseline]   (also time a naive i-k-j loop for the NN shapes)
 *                         [--clock cpu]  (time with process CPU time instead of wall time: steadier
 *                                         when other processes share the 2 cores)
 *                         [--peak]       (first: the most fused multiply-adds of 4 floats one thread
 *                                         issues per second, a register-only loop; the ceiling of
 *                                         any 128-bit WebAssembly SIMD kernel on this machine)
 * Each figure is the median (and min–max) of `reps` bursts of about `ms` milliseconds.
 * Every kernel is first checked against a float64 triple loop.
 */
import '../src/cli/wasm-features'; // relaxed SIMD on, before any module is compiled
import { gemmTuning, jsKernels } from '../src/engine/backend/js-gemm';
import { createWasmKernels, DEFAULT_ROUTING } from '../src/engine/backend/wasm-gemm';
import createWabt from 'wabt';

type Variant = 'NN' | 'TN' | 'NT';
interface Shape { group: string; label: string; v: Variant; M: number; N: number; K: number }

const args = process.argv.slice(2);
function arg(name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
}
const reps = Number(arg('reps', '5'));
const burstMs = Number(arg('ms', '300'));
const only = arg('only', 'W1,W2,W3,W4,square').split(',');
const baseline = args.includes('--baseline');
const cpuClock = arg('clock', 'wall') === 'cpu';
/** Milliseconds, from the wall clock or from this process's CPU time. */
function now(): number {
  if (!cpuClock) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
gemmTuning.kc = Number(arg('kc', String(gemmTuning.kc)));
gemmTuning.nc = Number(arg('nc', String(gemmTuning.nc)));

const shapes: Shape[] = [
  { group: 'W1', label: 'fwd 2→8', v: 'NN', M: 10, N: 8, K: 2 },
  { group: 'W1', label: 'fwd 8→8', v: 'NN', M: 10, N: 8, K: 8 },
  { group: 'W1', label: 'dW 8→8', v: 'TN', M: 8, N: 8, K: 10 },
  { group: 'W1', label: 'dx 8→8', v: 'NT', M: 10, N: 8, K: 8 },
  { group: 'W2', label: 'fwd1 x·W1', v: 'NN', M: 32, N: 128, K: 784 },
  { group: 'W2', label: 'dW1 xᵀ·dy', v: 'TN', M: 784, N: 128, K: 32 },
  { group: 'W2', label: 'fwd2', v: 'NN', M: 32, N: 10, K: 128 },
  { group: 'W2', label: 'dW2', v: 'TN', M: 128, N: 10, K: 32 },
  { group: 'W2', label: 'dx2 dy·W2ᵀ', v: 'NT', M: 32, N: 128, K: 10 },
  { group: 'W3', label: 'fwd1', v: 'NN', M: 128, N: 512, K: 784 },
  { group: 'W3', label: 'fwd2', v: 'NN', M: 128, N: 256, K: 512 },
  { group: 'W3', label: 'fwd3', v: 'NN', M: 128, N: 10, K: 256 },
  { group: 'W3', label: 'dW1', v: 'TN', M: 784, N: 512, K: 128 },
  { group: 'W3', label: 'dW2', v: 'TN', M: 512, N: 256, K: 128 },
  { group: 'W3', label: 'dW3', v: 'TN', M: 256, N: 10, K: 128 },
  { group: 'W3', label: 'dx3', v: 'NT', M: 128, N: 256, K: 10 },
  { group: 'W3', label: 'dx2', v: 'NT', M: 128, N: 512, K: 256 },
  // W4: the conv layer as im2col + GEMM, per sample: 8 filters, 9 taps, 26·26 = 676 positions.
  { group: 'W4', label: 'conv fwd W·cols', v: 'NN', M: 8, N: 676, K: 9 },
  { group: 'W4', label: 'conv dW dy·colsᵀ', v: 'NT', M: 8, N: 9, K: 676 },
  { group: 'W4', label: 'conv dcols Wᵀ·dy', v: 'TN', M: 9, N: 676, K: 8 },
];
for (const n of [256, 512]) {
  for (const v of ['NN', 'TN', 'NT'] as Variant[]) shapes.push({ group: 'square', label: `${n}³`, v, M: n, N: n, K: n });
}

type Fn = (M: number, N: number, K: number, A: Float32Array, B: Float32Array, C: Float32Array, acc: boolean) => void;
const kernelsLabel = arg('kernels', 'wasm');
const chosen = kernelsLabel === 'js' ? jsKernels : createWasmKernels(DEFAULT_ROUTING, kernelsLabel === 'wasm-relaxed' ? 'relaxed' : 'simd');
if (!chosen) throw new Error(`this runtime has no WebAssembly ${kernelsLabel === 'wasm-relaxed' ? 'relaxed ' : ''}SIMD: use --kernels js`);
const kernels: Record<Variant, Fn> = {
  NN: (...a) => chosen.gemmNN(...a),
  TN: (...a) => chosen.gemmTN(...a),
  NT: (...a) => chosen.gemmNT(...a),
};

/** float64 reference, honouring each variant's storage layout. */
function reference(s: Shape, A: Float32Array, B: Float32Array): Float64Array {
  const { M, N, K, v } = s;
  const R = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) {
        const a = v === 'TN' ? A[k * M + i] : A[i * K + k];
        const b = v === 'NT' ? B[j * K + k] : B[k * N + j];
        acc += a * b;
      }
      R[i * N + j] = acc;
    }
  }
  return R;
}

/** Naive i-k-j (what most hand-written JS does), NN only, for comparison. */
const naiveIkj: Fn = (M, N, K, A, B, C) => {
  C.fill(0, 0, M * N);
  for (let i = 0; i < M; i++) {
    for (let k = 0; k < K; k++) {
      const a = A[i * K + k], bk = k * N, ci = i * N;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j];
    }
  }
};

function rand(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    a[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return a;
}

function time(fn: Fn, s: Shape, A: Float32Array, B: Float32Array, C: Float32Array): number[] {
  const flop = 2 * s.M * s.N * s.K;
  // Read the clock once per batch of calls (reading CPU time is a syscall, ~1 µs).
  const t0 = performance.now();
  let probe = 0;
  do {
    fn(s.M, s.N, s.K, A, B, C, false);
    probe++;
  } while (performance.now() - t0 < 5);
  const inner = Math.max(1, Math.ceil(probe / 5));
  return bursts(() => {
    for (let i = 0; i < inner; i++) fn(s.M, s.N, s.K, A, B, C, false);
  }, inner * flop);
}

/** GFLOPS of `reps` bursts of about `burstMs`, each repeating `run` (which does `flopPerRun` flops) and reading the clock after each run. */
function bursts(run: () => void, flopPerRun: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    let runs = 0;
    const start = now();
    let t = 0;
    do {
      run();
      runs++;
      t = now() - start;
    } while (t < burstMs);
    out.push((runs * flopPerRun) / (t / 1000) / 1e9);
  }
  return out;
}

function fmt(g: number[], flop: number): string {
  const sorted = [...g].sort((a, b) => a - b);
  const med = sorted[sorted.length >> 1];
  const us = (flop / (med * 1e9)) * 1e6;
  return `${med.toFixed(2).padStart(6)} GFLOPS [${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}]  ${us.toFixed(us < 10 ? 2 : 0).padStart(7)} µs/call`;
}

/**
 * The peak: `chains` independent accumulators, each updated by one f32x4.relaxed_madd per
 * iteration (no loads, no stores, no dependency between the chains beyond their own), so the
 * loop runs at the core's multiply-add throughput for 128-bit vectors: 8 flops per madd.
 */
async function simdPeak(chains = 12): Promise<number[]> {
  const locals = Array.from({ length: chains }, (_, i) => `(local $c${i} v128)`).join(' ');
  const body = Array.from({ length: chains }, (_, i) => `(local.set $c${i} (f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c${i})))`).join('\n');
  const sum = Array.from({ length: chains }, (_, i) => `(local.get $c${i})`).reduce((acc, c) => `(f32x4.add ${acc} ${c})`);
  const wat = `(module (func (export "peak") (param $n i32) (result f32) (local $a v128) (local $b v128) ${locals}
    (local.set $a (f32x4.splat (f32.const 0.999))) (local.set $b (f32x4.splat (f32.const 0.001)))
    (loop $l ${body} (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (f32x4.extract_lane 0 ${sum})))`;
  const wabt = await createWabt();
  const parsed = wabt.parseWat('peak.wat', wat, { simd: true, relaxed_simd: true });
  const { buffer } = parsed.toBinary({});
  parsed.destroy();
  const instance = new WebAssembly.Instance(new WebAssembly.Module(buffer), {});
  const peak = instance.exports.peak as (n: number) => number;
  const iterations = 2_000_000;
  peak(iterations); // compiled and warm
  return bursts(() => peak(iterations), iterations * chains * 8);
}
if (args.includes('--peak')) {
  const g = [...(await simdPeak())].sort((a, b) => a - b);
  console.log(`128-bit SIMD peak, one thread (12 chains of f32x4.relaxed_madd): ${g[g.length >> 1]!.toFixed(1)} GFLOPS [${g[0]!.toFixed(1)}–${g[g.length - 1]!.toFixed(1)}]`);
}

const tuning = kernelsLabel === 'js' ? `kc=${gemmTuning.kc} nc=${gemmTuning.nc} smallWork=${gemmTuning.smallWork}` : `4×8 f32x4 micro-kernel, JS below M·N·K = ${DEFAULT_ROUTING.smallWork} or N, K < ${DEFAULT_ROUTING.narrow}`;
console.log(`${kernelsLabel} GEMM, Node ${process.version}, ${tuning}, median of ${reps}×${burstMs} ms (${cpuClock ? 'CPU' : 'wall'} time)`);
const totals = new Map<string, number>();
for (const s of shapes) {
  if (!only.includes(s.group)) continue;
  const A = rand(s.M * s.K, 1), B = rand(s.K * s.N, 2), C = new Float32Array(s.M * s.N);
  const R = reference(s, A, B);
  const fn = kernels[s.v];
  fn(s.M, s.N, s.K, A, B, C, false);
  for (let i = 0; i < R.length; i++) {
    if (Math.abs(C[i] - R[i]) > 1e-4 * (1 + Math.abs(R[i]))) throw new Error(`${s.v} ${s.M}×${s.N}×${s.K} wrong at ${i}: ${C[i]} vs ${R[i]}`);
  }
  const flop = 2 * s.M * s.N * s.K;
  const g = time(fn, s, A, B, C);
  const name = `${s.group} ${s.label} gemm${s.v}(${s.M},${s.N},${s.K})`;
  console.log(`${name.padEnd(40)} ${fmt(g, flop)}`);
  const med = [...g].sort((a, b) => a - b)[g.length >> 1];
  totals.set(s.group, (totals.get(s.group) ?? 0) + flop / (med * 1e9));
  if (baseline && s.v === 'NN') console.log(`${'  naive i-k-j'.padEnd(40)} ${fmt(time(naiveIkj, s, A, B, C), flop)}`);
}
for (const [group, sec] of totals) {
  if (group === 'square') continue;
  // W4's conv GEMMs run once per sample; the others once per batch.
  const batch = group === 'W1' ? 10 : group === 'W2' ? 32 : group === 'W3' ? 128 : 1;
  const what = group === 'W4' ? 'one sample (conv layer only)' : 'one training step';
  console.log(`${group}: GEMMs of ${what} take ${(sec * 1e6).toFixed(1)} µs → ≤ ${Math.round(batch / sec)} samples/s from GEMM alone`);
}
