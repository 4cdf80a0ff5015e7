/**
 * Kernel threads (src/engine/backend/threads): N threads give bitwise the results of one (each
 * element of C is computed by one thread, in the same order), training is unchanged, threads end
 * on dispose and never keep the process alive, and a failed or dead thread makes the call throw
 * instead of hanging.
 */
import '../../../src/cli/wasm-features';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { kernelThreadPool, kernelThreads, kernelsName, setKernels, setKernelThreads, setKernelThreadSpawner, type Kernels } from '../../../src/engine/backend';
import type { ConvGeometry } from '../../../src/engine/ops/im2col';
import { DEFAULT_THREAD_OPTIONS, KernelThreadError } from '../../../src/engine/backend/threads/pool';
import { createThreadedWasmKernels, createWasmKernels, type ThreadedWasmKernels } from '../../../src/engine/backend/wasm-gemm';
import { Trainer } from '../../../src/engine/train';
import { buildWorkload } from '../../../src/cli/bench/workloads';
import { nodeKernelThreadSpawner } from '../../../src/node/kernel-threads';
import { randomArray } from '../../helpers/gradcheck';

const ALL_WASM = { smallWork: 0, narrow: 0 };
/** Every product split, however small. */
const SPLIT_ALL = { minWork: 0, spinMicros: 50, timeoutMs: 10_000 };

const pools: ThreadedWasmKernels[] = [];
async function threaded(threads: number, flavour: 'simd' | 'relaxed' = 'simd', spawner = nodeKernelThreadSpawner()): Promise<ThreadedWasmKernels> {
  const made = createThreadedWasmKernels(threads, spawner, flavour, ALL_WASM, SPLIT_ALL);
  expect(made).not.toBeNull(); // Node 20 has shared memory, SIMD and worker_threads
  pools.push(made!);
  await made!.pool.whenReady();
  return made!;
}

afterAll(() => {
  for (const p of pools) p.pool.dispose();
});

function expectBitwiseEqual(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== e[i]) differing++;
  expect(differing).toBe(0);
}

type Variant = 'gemmNN' | 'gemmTN' | 'gemmNT';

describe('N-thread GEMM', () => {
  it.each([
    ['simd', 2], ['relaxed', 2], ['simd', 3], ['relaxed', 4],
  ] as const)('%s kernel on %i threads: bitwise equal to one thread, every variant, edges and accumulation included', async (flavour, threads) => {
    const one = createWasmKernels(ALL_WASM, flavour)!;
    const many = await threaded(threads, flavour);
    const before = many.pool.splitJobs;
    const beforeColumns = many.pool.columnJobs;
    const shapes: [number, number, number][] = [[64, 128, 784], [33, 17, 9], [13, 70, 40], [8, 8, 1], [130, 9, 300], [5, 3, 2]];
    let seed = 1;
    let splittable = 0;
    let byColumns = 0;
    for (const [M, N, K] of shapes) {
      if (Math.ceil(M / 4) >= 2) splittable += 3 * 2; // at least two 4-row panels to share
      if (Math.ceil(N / 8) >= 4 * threads) byColumns += 3 * 2; // four 8-column panels per thread: B packed by the threads
      for (const v of ['gemmNN', 'gemmTN', 'gemmNT'] as Variant[]) {
        const A = randomArray(M * K, seed++);
        const B = randomArray(K * N, seed++);
        for (const accumulate of [false, true]) {
          const start = randomArray(M * N, seed++);
          const expected = start.slice();
          const actual = start.slice();
          one[v](M, N, K, A, B, expected, accumulate);
          many.kernels[v](M, N, K, A, B, actual, accumulate);
          expectBitwiseEqual(actual, expected);
        }
      }
    }
    // Every product with at least `threads` row panels went through the threads.
    expect(splittable).toBe(shapes.length * 3 * 2);
    expect(many.pool.splitJobs - before).toBe(splittable);
    // 128 columns (16 panels) on 2–4 threads, and 70 (9 panels, the last one partial) on 2.
    expect(byColumns).toBe(threads === 2 ? 12 : 6);
    expect(many.pool.columnJobs - beforeColumns).toBe(byColumns);
  });
});

describe('products below the split threshold stay off the shared memory', () => {
  it('a small product runs on the single-thread instance (the shared memory does not grow), a big one on the threads; both bitwise equal', async () => {
    const minWork = 50_000;
    const made = createThreadedWasmKernels(2, nodeKernelThreadSpawner(), 'relaxed', ALL_WASM, { ...SPLIT_ALL, minWork })!;
    pools.push(made);
    await made.pool.whenReady();
    const one = createWasmKernels(ALL_WASM, 'relaxed')!;
    const sharedBytes = made.pool.memoryBytes();
    // 2×2000×8 = 32,000 multiply-adds, below minWork, but its operands (about 0.2 MB packed and
    // copied) would not fit the shared memory's first page: growing it would show it went there.
    const check = (M: number, N: number, K: number, seed: number) => {
      const A = randomArray(M * K, seed);
      const B = randomArray(K * N, seed + 1);
      for (const v of ['gemmNN', 'gemmTN', 'gemmNT'] as Variant[]) {
        const expected = new Float32Array(M * N);
        const actual = new Float32Array(M * N);
        one[v](M, N, K, A, B, expected, false);
        made.kernels[v](M, N, K, A, B, actual, false);
        expectBitwiseEqual(actual, expected);
      }
    };
    check(2, 2000, 8, 1);
    expect(made.pool.memoryBytes()).toBe(sharedBytes);
    expect(made.pool.splitJobs).toBe(0);
    check(64, 128, 64, 3); // 524,288 multiply-adds: split
    expect(made.pool.splitJobs).toBe(3);
    expect(made.pool.memoryBytes()).toBeGreaterThan(sharedBytes);
  });

  it('a convolution goes by the size of its per-sample products: small ones stay off the threads', async () => {
    const made = createThreadedWasmKernels(2, nodeKernelThreadSpawner(), 'relaxed', ALL_WASM, { ...SPLIT_ALL, minWork: 20_000 })!;
    pools.push(made);
    await made.pool.whenReady();
    const one = createWasmKernels(ALL_WASM, 'relaxed')!;
    const sharedBytes = made.pool.memoryBytes();
    // One 1×1 filter over 64×64 positions: 4,096 multiply-adds per sample, one thread; its
    // batch (4 × 16 KB in, as much out) would not fit the shared memory's first page.
    const small: ConvGeometry = { C: 1, H: 64, W: 64, F: 1, KH: 1, KW: 1, stride: 1, padTop: 0, padLeft: 0, OH: 64, OW: 64 };
    // 16 filters × 27 taps × 100 positions = 43,200: split.
    const big: ConvGeometry = { C: 3, H: 10, W: 10, F: 16, KH: 3, KW: 3, stride: 1, padTop: 1, padLeft: 1, OH: 10, OW: 10 };
    const run = (k: Kernels, g: ConvGeometry) => {
      const rows = 4;
      const x = randomArray(rows * g.C * g.H * g.W, 21);
      const kernel = randomArray(g.F * g.C * g.KH * g.KW, 22);
      const y = new Float32Array(rows * g.F * g.OH * g.OW);
      const dW = new Float32Array(kernel.length);
      const dx = new Float32Array(x.length);
      k.conv!.forward(x, kernel, null, y, rows, g);
      k.conv!.backward(x, kernel, y, dW, null, dx, rows, g);
      return [y, dW, dx];
    };
    const expectedSmall = run(one, small);
    const actualSmall = run(made.kernels, small);
    for (let i = 0; i < 3; i++) expectBitwiseEqual(actualSmall[i]!, expectedSmall[i]!);
    expect(made.pool.splitJobs).toBe(0);
    expect(made.pool.memoryBytes()).toBe(sharedBytes);
    const expectedBig = run(one, big);
    const actualBig = run(made.kernels, big);
    for (let i = 0; i < 3; i++) expectBitwiseEqual(actualBig[i]!, expectedBig[i]!);
    expect(made.pool.splitJobs).toBeGreaterThanOrEqual(4 * 3); // forward, weights, inputs per sample
  });
});

describe('N-thread convolutions (the whole-batch im2col products)', () => {
  const geometries: [string, ConvGeometry][] = [
    ['stride 1, same padding', { C: 3, H: 10, W: 10, F: 16, KH: 3, KW: 3, stride: 1, padTop: 1, padLeft: 1, OH: 10, OW: 10 }],
    ['stride 1, 5×5, valid', { C: 2, H: 12, W: 11, F: 6, KH: 5, KW: 5, stride: 1, padTop: 0, padLeft: 0, OH: 8, OW: 7 }],
    ['stride 2', { C: 4, H: 9, W: 9, F: 8, KH: 3, KW: 3, stride: 2, padTop: 0, padLeft: 0, OH: 4, OW: 4 }],
  ];
  it.each(geometries)('%s: forward and backward bitwise equal to one thread', async (_, g) => {
    const one = createWasmKernels(ALL_WASM, 'relaxed')!;
    const many = await threaded(2, 'relaxed');
    const rows = 3;
    const inSize = g.C * g.H * g.W;
    const outSize = g.F * g.OH * g.OW;
    const x = randomArray(rows * inSize, 11);
    const kernel = randomArray(g.F * g.C * g.KH * g.KW, 12);
    const bias = randomArray(g.F, 13);
    const dy = randomArray(rows * outSize, 14);
    const run = (k: Kernels) => {
      const y = new Float32Array(rows * outSize);
      const dW = randomArray(kernel.length, 15);
      const db = randomArray(g.F, 16);
      const dx = randomArray(rows * inSize, 17);
      k.conv!.forward(x, kernel, bias, y, rows, g);
      k.conv!.backward(x, kernel, dy, dW, db, dx, rows, g);
      return { y, dW, db, dx };
    };
    const before = many.pool.splitJobs;
    const expected = run(one);
    const actual = run(many.kernels);
    expectBitwiseEqual(actual.y, expected.y);
    expectBitwiseEqual(actual.dW, expected.dW);
    expectBitwiseEqual(actual.db, expected.db);
    expectBitwiseEqual(actual.dx, expected.dx);
    expect(many.pool.splitJobs - before).toBeGreaterThanOrEqual(rows * 3); // forward, weights, inputs per sample
  });
});

describe('training with kernel threads (setKernelThreads)', () => {
  afterEach(() => {
    setKernelThreads(1);
    setKernels('wasm-relaxed');
  });

  it.each([
    ['W2: MNIST-sized MLP (784-128-64-10, relu, softmax + CE)', 'W2'],
    ['W6: CNN with two 3×3 same convolutions (16 and 32 filters), pooling, Adam, batch 8', 'W6'],
  ])('%s: 100 steps on 2 threads give the same losses as on 1', async (_, id) => {
    const w = buildWorkload(id);
    const batchSize = id === 'W6' ? 8 : w.training.batchSize;
    const losses = (steps: number) => {
      const trainer = new Trainer(w.graph, w.data, { ...w.training, batchSize, epochs: 1000 });
      const out: number[] = [];
      for (let i = 0; i < steps; i++) out.push(trainer.trainStep());
      return out;
    };
    setKernelThreads(1);
    expect(kernelThreads()).toBe(1);
    const single = losses(100);
    setKernelThreadSpawner(nodeKernelThreadSpawner());
    // W6's per-sample convolution products (at most 0.9 M multiply-adds) are below the default
    // threshold, so they would all run on one thread: split them here.
    const options = id === 'W6' ? { ...DEFAULT_THREAD_OPTIONS, minWork: 100_000 } : DEFAULT_THREAD_OPTIONS;
    expect(setKernelThreads(2, options)).toBe(2);
    const pool = kernelThreadPool()!;
    await pool.whenReady();
    expect(kernelsName()).toBe('wasm-relaxed');
    const two = losses(100);
    expect(pool.splitJobs).toBeGreaterThan(100); // the products really were split
    expect(two).toEqual(single);
  });

  it('switching kernels or back to one thread stops the threads', async () => {
    const spawner = nodeKernelThreadSpawner();
    setKernelThreadSpawner(spawner);
    setKernelThreads(2);
    await kernelThreadPool()!.whenReady();
    setKernels('wasm');
    expect(kernelThreads()).toBe(2); // the new kernels are threaded too (a new pool)
    await kernelThreadPool()!.whenReady();
    setKernels('js');
    expect(kernelThreads()).toBe(1); // the JS kernels have no threads
    expect(kernelThreadPool()).toBeNull();
    await Promise.all(spawner.spawned.map((t) => t.exited));
    expect(spawner.spawned.map((t) => t.alive)).toEqual([false, false]);
  });

  it('without a spawner (or shared memory), setKernelThreads silently keeps one thread', () => {
    setKernelThreadSpawner(null);
    expect(setKernelThreads(4)).toBe(1);
    expect(kernelThreads()).toBe(1);
    expect(() => setKernelThreads(0)).toThrow(/threads must be a whole number ≥ 1/);
  });
});

describe('kernel thread lifecycle and failures', () => {
  it('dispose ends every thread (their exit events fire)', async () => {
    const spawner = nodeKernelThreadSpawner();
    const made = await threaded(3, 'simd', spawner);
    expect(spawner.spawned).toHaveLength(2);
    expect(spawner.spawned.every((t) => t.alive)).toBe(true);
    made.pool.dispose();
    const codes = await Promise.all(spawner.spawned.map((t) => t.exited));
    expect(codes).toHaveLength(2);
    expect(spawner.spawned.every((t) => !t.alive)).toBe(true);
    expect(() => made.pool.run(0, 0, 0, 4, 1, 1)).toThrow(KernelThreadError);
  });

  it('a process that never disposes its threads still exits (they do not keep it alive)', () => {
    const script = fileURLToPath(new URL('./fixtures/threads-left-running.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.error).toBeUndefined(); // no timeout
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('2 threads ready, product split');
    expect(child.status).toBe(0);
  });

  it('a product whose part traps (in a worker or the caller) throws an engine error, and so does every later call', async () => {
    const made = await threaded(2);
    const heapBytes = made.pool.memoryBytes();
    // 4 row panels at depth 1, one per chunk: the first two are the last 32 bytes of memory, the
    // others lie past its end (whichever thread claims them traps).
    const ap = heapBytes - 32;
    const failed = /engine: (kernel thread 1|the calling thread's part of a threaded product) failed: RuntimeError: memory access out of bounds/;
    expect(() => made.pool.split(ap, 0, 1024, 4, 1, 1)).toThrow(failed);
    expect(() => made.pool.run(0, 0, 1024, 4, 1, 1)).toThrow(failed);
    expect(() => made.pool.split(0, 0, 1024, 4, 1, 1)).toThrow(KernelThreadError);
  });

  it('a worker that fails to start makes the next kernel call throw, not run without it', async () => {
    // A module that cannot be instantiated (it imports a function nobody provides): every
    // worker fails at start, and records why.
    const unlinkable = new (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object } }).WebAssembly.Module(
      Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, 9, 1, 3, 0x65, 0x6e, 0x76, 1, 0x66, 0, 0]),
    );
    const base = nodeKernelThreadSpawner();
    const made = createThreadedWasmKernels(2, { spawn: (init) => base.spawn({ ...init, module: unlinkable }) }, 'simd', ALL_WASM, SPLIT_ALL)!;
    pools.push(made);
    await expect(made.pool.whenReady()).rejects.toThrow(/engine: kernel thread 1 failed: LinkError/);
    const M = 32, N = 32, K = 32;
    expect(() => made.kernels.gemmNN(M, N, K, new Float32Array(M * K), new Float32Array(K * N), new Float32Array(M * N), false)).toThrow(/kernel thread 1 failed: LinkError/);
  });

  it('a worker that died makes the next call throw, not hang', async () => {
    const spawner = nodeKernelThreadSpawner();
    const made = await threaded(2, 'simd', spawner);
    made.pool.split(0, 1024, 2048, 2, 1, 1); // working
    spawner.spawned[0]!.terminate();
    await spawner.spawned[0]!.exited;
    expect(() => made.pool.split(0, 1024, 2048, 2, 1, 1)).toThrow(/engine: kernel thread 1 stopped: exited/);
  });
});
