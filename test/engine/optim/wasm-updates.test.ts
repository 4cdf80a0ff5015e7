/**
 * The optimisers' WebAssembly SIMD updates (backend/wasm/optim.wat) against their JS loops: the
 * same params, gradients and configuration through both, over several steps.
 *
 * The bound: the JS loops keep each step's intermediates (penalised gradient, moments, the
 * update) in float64 and round once when storing; the WebAssembly loops round every operation to
 * float32, as PyTorch does. That is a few float32 roundings (2⁻²⁴ ≈ 6e-8 each) per value and
 * step, which the moments carry over into later steps. Over these 17 configurations × 6 steps the
 * largest difference measured was 1.9e-7 of the largest magnitude (see worstRelative); the bound,
 * 2e-6, leaves a factor of 10 while still failing for any wrong term (a missing penalty, a dropped
 * dampening or bias correction changes values by 1e-3 or more here).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOptimizer, OptimizerBase } from '../../../src/engine/optim';
import { createParamArena } from '../../../src/engine/backend/wasm-optim';
import { setKernels, wasmKernelsAvailable } from '../../../src/engine/backend';
import type { OptimizerConfig } from '../../../src/shared/project-types';
import type { Param } from '../../../src/engine/tensor';
import { Rng } from '../../../src/engine/random';
import { Trainer } from '../../../src/engine/train';
import { buildWorkload } from '../../../src/cli/bench/workloads';

/** Lengths that are not (all) multiples of 4, so every export's tail path runs. */
const LENGTHS = [7, 16, 3, 1, 10];
const DECAY = [true, false, true, true, false];
const STEPS = 6;
const RELATIVE_BOUND = 2e-6;

function initialValues(seed: number): { data: Float32Array[]; grads: Float32Array[][] } {
  const rng = new Rng(seed);
  const values = (n: number) => Float32Array.from({ length: n }, (_, j) => (j % 5 === 0 ? 0 : rng.normal()));
  return {
    data: LENGTHS.map(values),
    grads: Array.from({ length: STEPS }, () => LENGTHS.map((n) => Float32Array.from({ length: n }, () => rng.normal()))),
  };
}

function param(i: number, data: Float32Array, grad: Float32Array): Param {
  return { nodeId: `n${i}`, name: 'kernel', shape: [data.length], data, grad, trainable: true, decay: DECAY[i] };
}

/** Params whose values and gradients live in a WebAssembly arena (as a compiled model's do). */
function arenaParams(start: Float32Array[]): Param[] {
  const arena = createParamArena(LENGTHS.reduce((a, b) => a + b, 0));
  if (arena === null) throw new Error('no WebAssembly SIMD in this runtime');
  return start.map((values, i) => {
    const { data, grad } = arena.allocate(values.length);
    data.set(values);
    return param(i, data, grad);
  });
}

function plainParams(start: Float32Array[]): Param[] {
  return start.map((values, i) => param(i, new Float32Array(values), new Float32Array(values.length)));
}

function asBase(o: unknown): OptimizerBase {
  if (!(o instanceof OptimizerBase)) throw new Error('not an OptimizerBase');
  return o;
}

/**
 * The largest error over two lists of arrays relative to the largest magnitude among all of
 * them (normwise): a value that nearly cancels (β·m + (1 − β)·g with opposite signs, or a weight
 * passing through zero) keeps the absolute rounding of its terms, so an element-wise relative
 * error would measure the cancellation, not the loops.
 */
function worstRelative(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let scale = 0;
  for (const values of b) values.forEach((r) => (scale = Math.max(scale, Math.abs(r))));
  let worst = 0;
  a.forEach((values, i) => {
    values.forEach((v, j) => {
      const r = b[i][j];
      const error = Number.isNaN(v) !== Number.isNaN(r) ? Infinity : v === r ? 0 : Math.abs(v - r) / scale;
      worst = Math.max(worst, error);
    });
  });
  return worst;
}

interface Case {
  name: string;
  cfg: OptimizerConfig;
  l1?: number;
}

const CASES: Case[] = [
  { name: 'sgd', cfg: { type: 'sgd', learningRate: 0.1 } },
  { name: 'sgd, weight decay', cfg: { type: 'sgd', learningRate: 0.1, weightDecay: 0.05 } },
  { name: 'sgd, L1', cfg: { type: 'sgd', learningRate: 0.1 }, l1: 0.02 },
  { name: 'sgd, weight decay and L1', cfg: { type: 'sgd', learningRate: 0.1, weightDecay: 0.05 }, l1: 0.02 },
  { name: 'sgd momentum', cfg: { type: 'sgd', learningRate: 0.05, momentum: 0.9 } },
  { name: 'sgd momentum, dampening', cfg: { type: 'sgd', learningRate: 0.05, momentum: 0.9, dampening: 0.3 } },
  { name: 'sgd momentum, Nesterov', cfg: { type: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true } },
  { name: 'sgd momentum, Nesterov, penalties', cfg: { type: 'sgd', learningRate: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.01 }, l1: 0.01 },
  { name: 'sgd momentum, dampening, penalties', cfg: { type: 'sgd', learningRate: 0.05, momentum: 0.5, dampening: 0.5, weightDecay: 0.02 }, l1: 0.03 },
  { name: 'adam', cfg: { type: 'adam', learningRate: 0.01 } },
  { name: 'adam, betas and epsilon', cfg: { type: 'adam', learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 } },
  { name: 'adam, penalties', cfg: { type: 'adam', learningRate: 0.01, weightDecay: 0.1 }, l1: 0.05 },
  { name: 'rmsprop', cfg: { type: 'rmsprop', learningRate: 0.01 } },
  { name: 'rmsprop, momentum', cfg: { type: 'rmsprop', learningRate: 0.01, momentum: 0.9, rho: 0.95 } },
  { name: 'rmsprop, momentum, penalties', cfg: { type: 'rmsprop', learningRate: 0.01, momentum: 0.5, weightDecay: 0.05 }, l1: 0.01 },
  { name: 'adagrad', cfg: { type: 'adagrad', learningRate: 0.1 } },
  { name: 'adagrad, lr decay, epsilon, penalties', cfg: { type: 'adagrad', learningRate: 0.1, lrDecay: 0.2, epsilon: 1e-4, weightDecay: 0.05 }, l1: 0.02 },
];

afterEach(() => setKernels('wasm'));

describe.skipIf(!wasmKernelsAvailable())('optimiser updates in WebAssembly', () => {
  it.each(CASES)('$name: the same values and state as the JS loops, step after step', ({ cfg, l1 }) => {
    const { data, grads } = initialValues(17);
    const wasmParams = arenaParams(data);
    const jsParams = plainParams(data);
    const wasm = asBase(createOptimizer(cfg, wasmParams, { l1 }));
    const js = asBase(createOptimizer(cfg, jsParams, { l1 }));
    expect(wasm.updatesInWasm).toBe(true);
    expect(js.updatesInWasm).toBe(false);
    for (let step = 0; step < STEPS; step++) {
      grads[step].forEach((g, i) => {
        wasmParams[i].grad.set(g);
        jsParams[i].grad.set(g);
      });
      const lr = cfg.learningRate * (1 - 0.1 * step); // a schedule: the rate reaches the kernels every step
      wasm.step(lr);
      js.step(lr);
      const values = worstRelative(wasmParams.map((p) => p.data), jsParams.map((p) => p.data));
      expect(values, `values after step ${step + 1}`).toBeLessThan(RELATIVE_BOUND);
      const state = worstRelative(wasm.slots, js.slots);
      expect(state, `state after step ${step + 1}`).toBeLessThan(RELATIVE_BOUND);
    }
    // The params moved: the comparison above is not between two untouched copies.
    expect(worstRelative(wasmParams.map((p) => p.data), data)).toBeGreaterThan(1e-3);
    // The gradients are read, never written.
    wasmParams.forEach((p, i) => expect([...p.grad]).toEqual([...grads[STEPS - 1][i]]));
  });

  it('a compiled model keeps its params in one arena, so the trainer\'s optimiser updates there', () => {
    const w = buildWorkload('W1');
    const trainer = new Trainer(w.graph, w.data, { ...w.training, epochs: 1 });
    const params = trainer.optimizerInUse.params;
    expect(params.length).toBeGreaterThan(1);
    expect(new Set(params.flatMap((p) => [p.data.buffer, p.grad.buffer])).size).toBe(1);
    expect(asBase(trainer.optimizerInUse).updatesInWasm).toBe(true);
    const before = params.map((p) => new Float32Array(p.data));
    trainer.trainStep();
    expect(params.some((p, i) => p.data.some((v, j) => v !== before[i][j]))).toBe(true);
  });

  it('a param without decay gets no penalty, one with decay gets it (per param, as PyTorch param groups)', () => {
    const data = [Float32Array.of(1, -2, 3), Float32Array.of(1, -2, 3)];
    const params = arenaParams([...data, new Float32Array(1), new Float32Array(1), new Float32Array(10)]).slice(0, 2);
    params[0] = { ...params[0], decay: true };
    params[1] = { ...params[1], decay: false };
    const opt = asBase(createOptimizer({ type: 'sgd', learningRate: 1, weightDecay: 0.5 }, params, { l1: 0.25 }));
    opt.step(1);
    expect([...params[0].data]).toEqual([1 - 0.5 - 0.25, -2 + 1 + 0.25, 3 - 1.5 - 0.25]);
    expect([...params[1].data]).toEqual([1, -2, 3]);
  });

  it('with the JS kernels chosen, the same optimiser updates with the JS loops', () => {
    const { data, grads } = initialValues(3);
    const params = arenaParams(data);
    const opt = asBase(createOptimizer({ type: 'adam', learningRate: 0.01 }, params));
    setKernels('js');
    expect(opt.updatesInWasm).toBe(false);
    params.forEach((p, i) => p.grad.set(grads[0][i]));
    opt.step(0.01);
    const reference = plainParams(data);
    reference.forEach((p, i) => p.grad.set(grads[0][i]));
    createOptimizer({ type: 'adam', learningRate: 0.01 }, reference).step(0.01);
    // The JS loops on both: the very same numbers.
    params.forEach((p, i) => expect([...p.data]).toEqual([...reference[i].data]));
  });

  it('an optimiser built later on the same params takes the state memory over; the earlier one keeps a copy of its state and goes on in JS', () => {
    const { data, grads } = initialValues(5);
    const params = arenaParams(data);
    const first = asBase(createOptimizer({ type: 'sgd', learningRate: 0.1, momentum: 0.9 }, params));
    params.forEach((p, i) => p.grad.set(grads[0][i]));
    first.step(0.1);
    const state = first.getState();
    const second = asBase(createOptimizer({ type: 'adam', learningRate: 0.1 }, params));
    expect(second.updatesInWasm).toBe(true);
    expect(first.updatesInWasm).toBe(false);
    expect(first.getState()).toEqual(state);
    second.step(0.1); // writes the arena's slots
    expect(first.getState()).toEqual(state);
    // The second starts from zeroed moments, not the first's momentum buffer: m = (1 − β₁)·g.
    const expAvg = grads[0].map((g) => g.map((v) => 0.1 * v));
    let at = 0;
    expect(worstRelative(expAvg.map((m) => second.slots[0].subarray(at, (at += m.length))), expAvg)).toBeLessThan(1e-6);
    const referenceParams = plainParams(data);
    referenceParams.forEach((p, i) => p.grad.set(grads[0][i]));
    const reference = asBase(createOptimizer({ type: 'sgd', learningRate: 0.1, momentum: 0.9 }, referenceParams));
    reference.setState(state);
    first.step(0.1);
    reference.step(0.1);
    expect(worstRelative(first.slots, reference.slots)).toBe(0);
  });
});
