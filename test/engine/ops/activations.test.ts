import { describe, expect, it } from 'vitest';
import { Act, activationBackward, activationForward, sigmoid, type ActName } from '../../../src/engine/ops/activations';
import { denseBackward, denseForward } from '../../../src/engine/ops/dense';
import { mse, mseBackward } from '../../../src/engine/ops/losses';
import { awayFromZero, gradcheck, projection, randomArray } from '../../helpers/gradcheck';
import { lossOf } from '../../helpers/loss-value';

const ALPHA = 0.3;
const names = Object.keys(Act) as ActName[];

function forward(name: ActName, xs: number[], alpha = ALPHA): number[] {
  const x = Float32Array.from(xs);
  const y = new Float32Array(x.length);
  activationForward(Act[name], x, y, x.length, alpha);
  return Array.from(y);
}

/** Analytic gradient of Σ f(x)·w, i.e. backward with dy = w. */
function backward(name: ActName, x: Float32Array, w: Float32Array, alpha = ALPHA): Float32Array {
  const y = new Float32Array(x.length);
  activationForward(Act[name], x, y, x.length, alpha);
  const dx = new Float32Array(x.length);
  activationBackward(Act[name], x, y, w, dx, x.length, alpha);
  return dx;
}

describe('activations', () => {
  const smooth: ActName[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'softplus'];
  it.each(smooth)('%s passes a finite-difference check (inputs away from kinks)', (name) => {
    const n = 40;
    // Spread over ±4.1 but never within 0.1 of 0 (relu/leakyRelu/elu kinks).
    const x = awayFromZero(n, 5);
    for (let i = 0; i < n; i++) x[i] *= 4;
    const w = randomArray(n, 6);
    const y = new Float32Array(n);
    const loss = (): number => {
      activationForward(Act[name], x, y, n, ALPHA);
      return projection(y, w);
    };
    gradcheck({ x }, loss, { x: backward(name, x, w) }, { name });
  });

  it('softplus is checked on both sides of its threshold', () => {
    const x = Float32Array.from([-30, -5, 0.5, 19.5, 20.5, 25]);
    const w = randomArray(x.length, 3);
    const y = new Float32Array(x.length);
    const loss = (): number => {
      activationForward(Act.softplus, x, y, x.length, 0);
      return projection(y, w);
    };
    gradcheck({ x }, loss, { x: backward('softplus', x, w) }, { name: 'softplus', eps: 1e-4 });
  });

  it.each(['step', 'sign'] as ActName[])('%s passes the gradient straight through (dx += dy)', (name) => {
    const x = Float32Array.from([-2, -0.5, 0, 0.5, 3]);
    const w = Float32Array.from([0.1, -0.2, 0.3, -0.4, 0.5]);
    expect(Array.from(backward(name, x, w))).toEqual(Array.from(w));
  });

  it('step + MSE on one dense layer gives Rosenblatt’s rule: dW = (2/n)·Σ (y − t)·x', () => {
    const n = 6, inF = 3;
    const x = randomArray(n * inF, 40), W = randomArray(inF, 41), t = Float32Array.from([1, 0, 1, 1, 0, 0]);
    const z = new Float32Array(n), y = new Float32Array(n);
    denseForward(x, W, null, z, n, inF, 1);
    activationForward(Act.step, z, y, n, 0);
    expect(lossOf((o) => mse(y, t, n, 1, o))).toBeGreaterThan(0); // some samples are misclassified
    const dy = new Float32Array(n), dz = new Float32Array(n), dW = new Float32Array(inF);
    mseBackward(y, t, dy, n, 1);
    activationBackward(Act.step, z, y, dy, dz, n, 0);
    denseBackward(x, W, dz, null, dW, null, n, inF, 1);
    for (let k = 0; k < inF; k++) {
      let want = 0;
      for (let i = 0; i < n; i++) want += (2 / n) * (y[i] - t[i]) * x[i * inF + k];
      expect(dW[k]).toBeCloseTo(want, 6);
    }
  });

  it('computes the documented values', () => {
    expect(forward('step', [-1, -0, 0, 2])).toEqual([0, 1, 1, 1]);
    expect(forward('sign', [-1, 0, 2])).toEqual([-1, 1, 1]);
    expect(forward('relu', [-1, 0, 2])).toEqual([0, 0, 2]);
    expect(forward('leakyRelu', [-2, 0, 2], 0.1)).toEqual([Math.fround(-0.2), 0, 2]);
    expect(forward('elu', [-1, 2], 1)[0]).toBeCloseTo(Math.expm1(-1), 7);
    expect(forward('tanh', [0.5])[0]).toBeCloseTo(Math.tanh(0.5), 7);
    expect(forward('identity', [-3, 4])).toEqual([-3, 4]);
  });

  it('sigmoid is stable for huge inputs', () => {
    expect(forward('sigmoid', [-1000, -100, 0, 100, 1000])).toEqual([0, Math.fround(sigmoid(-100)), 0.5, 1, 1]);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-100)).toBeGreaterThan(0);
  });

  it('softplus matches PyTorch, including the threshold 20', () => {
    const y = forward('softplus', [-1000, -20, 0, 1, 19.5, 20, 20.5, 1000]);
    expect(y[0]).toBe(0);
    expect(y[1]).toBeCloseTo(Math.log1p(Math.exp(-20)), 12);
    expect(y[2]).toBeCloseTo(Math.LN2, 7);
    expect(y[3]).toBeCloseTo(1.3132616875182228, 6);
    expect(y[4]).toBe(Math.fround(19.5 + Math.log1p(Math.exp(-19.5))));
    expect(y[5]).toBe(Math.fround(20 + Math.log1p(Math.exp(-20)))); // not above the threshold
    expect(y[6]).toBe(20.5); // above it: x itself
    expect(y[7]).toBe(1000);
    const dx = backward('softplus', Float32Array.from([20.5, 0]), Float32Array.from([1, 1]));
    expect(Array.from(dx)).toEqual([1, 0.5]);
  });

  it('relu handles ±∞, −0 and non-finite gradients like PyTorch', () => {
    expect(forward('relu', [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -0, 1e-40])).toEqual([0, Number.POSITIVE_INFINITY, 0, Math.fround(1e-40)]);
    const x = Float32Array.from([-1, 2, Number.NaN, -3]);
    const dy = Float32Array.from([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5, Number.NaN]);
    expect(Array.from(backward('relu', x, dy))).toEqual([0, Number.NEGATIVE_INFINITY, 5, 0]);
  });

  it('relu and leakyRelu gradients at 0 follow PyTorch (0 and α)', () => {
    const x = Float32Array.from([0]), w = Float32Array.from([1]);
    expect(backward('relu', x, w)[0]).toBe(0);
    expect(backward('leakyRelu', x, w, 0.25)[0]).toBe(0.25);
  });

  it.each(names)('%s turns a NaN input into a NaN output', (name) => {
    const y = forward(name, [1, Number.NaN, -1]);
    expect(y[1]).toBeNaN();
    expect(Number.isNaN(y[0]) || Number.isNaN(y[2])).toBe(false);
  });

  it.each(names)('%s backward accumulates (twice = double)', (name) => {
    const n = 12;
    const x = awayFromZero(n, 8);
    const y = new Float32Array(n);
    activationForward(Act[name], x, y, n, ALPHA);
    const dy = randomArray(n, 9);
    const once = new Float32Array(n), twice = new Float32Array(n);
    activationBackward(Act[name], x, y, dy, once, n, ALPHA);
    activationBackward(Act[name], x, y, dy, twice, n, ALPHA);
    activationBackward(Act[name], x, y, dy, twice, n, ALPHA);
    for (let i = 0; i < n; i++) expect(twice[i]).toBeCloseTo(2 * once[i], 6);
  });

  it('forward works in place and respects len', () => {
    const x = Float32Array.from([-1, 2, -3, 4]);
    activationForward(Act.relu, x, x, 3, 0);
    expect(Array.from(x)).toEqual([0, 2, 0, 4]);
  });

  it('rejects an unknown kind', () => {
    const a = new Float32Array(1);
    expect(() => activationForward(99, a, a, 1, 0)).toThrow(/unknown activation kind 99/);
    expect(() => activationBackward(99, a, a, a, a, 1, 0)).toThrow(/unknown activation kind 99/);
  });
});
