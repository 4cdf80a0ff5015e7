import { describe, expect, it } from 'vitest';
import { createOptimizer, OptimizerBase, OPTIMIZER_DEFAULTS, type Optimizer } from '../../../src/engine/optim';
import type { OptimizerConfig } from '../../../src/shared/project-types';
import type { Param } from '../../../src/engine/tensor';

/** One param [1, −2, 0] with a constant gradient [0.5, 0.25, −0.5]. */
function param(): Param {
  return { nodeId: 'd', name: 'kernel', shape: [3], data: Float32Array.of(1, -2, 0), grad: Float32Array.of(0.5, 0.25, -0.5), trainable: true, decay: true };
}

function run(cfg: OptimizerConfig, steps: number, lr = cfg.learningRate, l1?: number): number[] {
  const p = param();
  const opt = createOptimizer(cfg, [p], { l1 });
  for (let i = 0; i < steps; i++) opt.step(lr);
  return [...p.data];
}

function expectClose(actual: number[], expected: number[]): void {
  expected.forEach((e, i) => expect(actual[i], `element ${i}`).toBeCloseTo(e, 5));
}

const g = [0.5, 0.25, -0.5];
const p0 = [1, -2, 0];
const sgn = Math.sign;

describe('sgd', () => {
  it('steps against the gradient', () => {
    expectClose(run({ type: 'sgd', learningRate: 0.1 }, 1), p0.map((p, i) => p - 0.1 * g[i]));
  });
  it('starts the momentum buffer at the first gradient, then buf = μ·buf + g', () => {
    // step 1: buf = g; step 2: buf = 0.9g + g = 1.9g
    expectClose(run({ type: 'sgd', learningRate: 0.1, momentum: 0.9 }, 2), p0.map((p, i) => p - 0.1 * g[i] - 0.1 * 1.9 * g[i]));
  });
  it('dampens every step but the first', () => {
    // step 2: buf = 0.9g + (1 − 0.5)g = 1.4g
    expectClose(run({ type: 'sgd', learningRate: 0.1, momentum: 0.9, dampening: 0.5 }, 2), p0.map((p, i) => p - 0.1 * g[i] - 0.1 * 1.4 * g[i]));
  });
  it('nesterov steps along g + μ·buf', () => {
    // step 1: 1.9g; step 2: buf = 1.9g, d = g + 0.9·1.9g = 2.71g
    expectClose(run({ type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true }, 2), p0.map((p, i) => p - 0.1 * 1.9 * g[i] - 0.1 * 2.71 * g[i]));
  });
  it('adds weightDecay·p to the gradient', () => {
    expectClose(run({ type: 'sgd', learningRate: 0.1, weightDecay: 0.1 }, 1), p0.map((p, i) => p - 0.1 * (g[i] + 0.1 * p)));
  });
  it('adds l1·sign(p) to the gradient (nothing at p = 0)', () => {
    expectClose(run({ type: 'sgd', learningRate: 0.1 }, 1, 0.1, 0.2), p0.map((p, i) => p - 0.1 * (g[i] + 0.2 * sgn(p))));
  });
  it('uses the learning rate passed to step, not the config', () => {
    expectClose(run({ type: 'sgd', learningRate: 0.1 }, 1, 0.5), p0.map((p, i) => p - 0.5 * g[i]));
  });
});

describe('adam', () => {
  it('moves each element by lr·sign(g) per step under a constant gradient (bias correction)', () => {
    // m̂ = g and v̂ = g² exactly at every step, so the update is lr·g/(|g| + ε).
    expectClose(run({ type: 'adam', learningRate: 0.01 }, 3), p0.map((p, i) => p - 3 * 0.01 * sgn(g[i])));
  });
  it('matches a hand computation with other betas and weight decay', () => {
    const [b1, b2, eps, lr, wd] = [0.8, 0.9, 1e-3, 0.1, 0.1];
    const want = p0.map((p, i) => {
      const gi = g[i] + wd * p;
      const m = (1 - b1) * gi;
      const v = (1 - b2) * gi * gi;
      return p - ((lr / (1 - b1)) * m) / (Math.sqrt(v) / Math.sqrt(1 - b2) + eps);
    });
    expectClose(run({ type: 'adam', learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd }, 1), want);
  });
});

describe('rmsprop', () => {
  it('divides by the root of the running mean square', () => {
    // step 1: sq = 0.01g², step 2: sq = 0.0199g²
    const want = p0.map((p, i) => p - (0.01 * g[i]) / (Math.sqrt(0.01) * Math.abs(g[i]) + 1e-8) - (0.01 * g[i]) / (Math.sqrt(0.0199) * Math.abs(g[i]) + 1e-8));
    expectClose(run({ type: 'rmsprop', learningRate: 0.01 }, 2), want);
  });
  it('accumulates g/avg in a momentum buffer', () => {
    const b1 = 1 / Math.sqrt(0.1); // rho 0.9: sq = 0.1g², buf = g/(√0.1|g|)
    const b2 = 0.5 * b1 + 1 / Math.sqrt(0.19);
    const want = p0.map((p, i) => p - 0.01 * sgn(g[i]) * (b1 + b2));
    expectClose(run({ type: 'rmsprop', learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 0 }, 2), want);
  });
});

describe('adagrad', () => {
  it('divides by the root of the summed squares', () => {
    expectClose(run({ type: 'adagrad', learningRate: 0.1 }, 2), p0.map((p, i) => p - 0.1 * sgn(g[i]) - (0.1 * sgn(g[i])) / Math.SQRT2));
  });
  it('decays the rate as lr / (1 + (t − 1)·lrDecay)', () => {
    expectClose(run({ type: 'adagrad', learningRate: 0.1, lrDecay: 0.5 }, 2), p0.map((p, i) => p - 0.1 * sgn(g[i]) - (0.1 / 1.5) * sgn(g[i]) / Math.SQRT2));
  });
});

const ALL: OptimizerConfig[] = [
  { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true },
  { type: 'adam', learningRate: 0.01 },
  { type: 'rmsprop', learningRate: 0.01, momentum: 0.5 },
  { type: 'adagrad', learningRate: 0.1 },
];

function base(opt: Optimizer): OptimizerBase {
  if (!(opt instanceof OptimizerBase)) throw new Error('createOptimizer returned something else');
  return opt;
}

describe.each(ALL)('$type: state', (cfg) => {
  it('reports its type', () => {
    expect(createOptimizer(cfg, [param()]).type).toBe(cfg.type);
  });
  it('keeps the same state buffers across 100 steps (step allocates nothing)', () => {
    const opt = base(createOptimizer(cfg, [param(), { ...param(), name: 'bias' }]));
    const before = [...opt.slots];
    expect(before.length).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) opt.step(cfg.learningRate);
    expect(opt.slots.length).toBe(before.length);
    opt.slots.forEach((s, i) => expect(s).toBe(before[i]));
    expect(opt.stepCount).toBe(100);
  });
  it('reset() forgets everything: the next steps match a fresh optimiser', () => {
    const p = param();
    const opt = base(createOptimizer(cfg, [p]));
    for (let i = 0; i < 5; i++) opt.step(cfg.learningRate);
    opt.reset();
    expect(opt.stepCount).toBe(0);
    for (const s of opt.slots) expect([...s].every((v) => v === 0)).toBe(true);
    p.data.set([1, -2, 0]);
    opt.step(cfg.learningRate);
    opt.step(cfg.learningRate);
    expect([...p.data]).toEqual(run(cfg, 2));
  });
});

describe('createOptimizer', () => {
  it('rejects a param whose gradient has the wrong length', () => {
    const p = { ...param(), grad: new Float32Array(2) };
    expect(() => createOptimizer({ type: 'sgd', learningRate: 1 }, [p])).toThrow(/d\.kernel has 3 values but 2 gradients/);
  });
  it('keeps PyTorch 1.13 defaults in one table', () => {
    expect(OPTIMIZER_DEFAULTS.adam).toEqual({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 });
    expect(OPTIMIZER_DEFAULTS.rmsprop).toEqual({ rho: 0.99, epsilon: 1e-8, momentum: 0, weightDecay: 0 });
    expect(OPTIMIZER_DEFAULTS.adagrad).toEqual({ epsilon: 1e-10, lrDecay: 0, weightDecay: 0 });
    expect(OPTIMIZER_DEFAULTS.sgd).toEqual({ momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 });
  });
  it('plain sgd keeps no state', () => {
    expect(base(createOptimizer({ type: 'sgd', learningRate: 1 }, [param()])).slots).toHaveLength(0);
  });
});
