// The update rule the step-through shows for each optimiser: the exact text, so a wrong symbol,
// a default not applied or a branch taken wrongly is seen here, not by a student on a slide.
import { describe, expect, it } from 'vitest';
import { updateRule } from '../../../src/engine/optim/rules';

describe('updateRule', () => {
  it('plain SGD is the textbook rule and says so', () => {
    expect(updateRule({ type: 'sgd', learningRate: 0.1 })).toEqual({ name: 'SGD', rule: 'w ← w − α·∂L/∂w', plain: true });
    expect(updateRule({ type: 'sgd', learningRate: 0.1, momentum: 0, weightDecay: 0 }, 0).plain).toBe(true);
  });

  it('SGD with a penalty names the penalised gradient and is not plain', () => {
    expect(updateRule({ type: 'sgd', learningRate: 0.1, weightDecay: 0.01 })).toEqual({
      name: 'SGD',
      rule: 'w ← w − α·g,  g = ∂L/∂w + 0.01·w',
      plain: false,
    });
    expect(updateRule({ type: 'sgd', learningRate: 0.1 }, 0.001)).toEqual({
      name: 'SGD',
      rule: 'w ← w − α·g,  g = ∂L/∂w + 0.001·sign(w)',
      plain: false,
    });
    expect(updateRule({ type: 'sgd', learningRate: 0.1, weightDecay: 0.01 }, 0.001).rule).toBe(
      'w ← w − α·g,  g = ∂L/∂w + 0.01·w + 0.001·sign(w)',
    );
  });

  it('momentum: the velocity, its first step, and the plain gradient when there is no penalty', () => {
    expect(updateRule({ type: 'sgd', learningRate: 0.1, momentum: 0.9 })).toEqual({
      name: 'SGD with momentum 0.9',
      rule: 'v ← 0.9·v + g  (v = g on the first step);  w ← w − α·v;  g = ∂L/∂w',
      plain: false,
    });
  });

  it('dampening scales the new gradient; Nesterov looks ahead and is named', () => {
    expect(updateRule({ type: 'sgd', learningRate: 0.1, momentum: 0.5, dampening: 0.1, nesterov: true })).toEqual({
      name: 'SGD with Nesterov momentum 0.5',
      rule: 'v ← 0.5·v + (1 − 0.1)·g  (v = g on the first step);  w ← w − α·(g + 0.5·v);  g = ∂L/∂w',
      plain: false,
    });
    expect(updateRule({ type: 'sgd', learningRate: 0.1, momentum: 0.5, nesterov: false }).name).toBe('SGD with momentum 0.5');
  });

  it('Adam with its defaults, bias correction and penalty', () => {
    expect(updateRule({ type: 'adam', learningRate: 0.001 }, 0.5)).toEqual({
      name: 'Adam',
      rule:
        'm ← 0.9·m + (1 − 0.9)·g;  v ← 0.999·v + (1 − 0.999)·g²;  w ← w − α·m̂ / (√v̂ + 1e-8),  ' +
        'm̂ = m/(1 − 0.9ᵗ), v̂ = v/(1 − 0.999ᵗ);  g = ∂L/∂w + 0.5·sign(w)',
      plain: false,
    });
    expect(updateRule({ type: 'adam', learningRate: 0.001, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }).rule).toBe(
      'm ← 0.8·m + (1 − 0.8)·g;  v ← 0.99·v + (1 − 0.99)·g²;  w ← w − α·m̂ / (√v̂ + 0.000001),  ' +
        'm̂ = m/(1 − 0.8ᵗ), v̂ = v/(1 − 0.99ᵗ);  g = ∂L/∂w',
    );
  });

  it('RMSprop without and with momentum', () => {
    expect(updateRule({ type: 'rmsprop', learningRate: 0.01 })).toEqual({
      name: 'RMSprop',
      rule: 's ← 0.99·s + (1 − 0.99)·g²;  w ← w − α·g/(√s + 1e-8);  g = ∂L/∂w',
      plain: false,
    });
    expect(updateRule({ type: 'rmsprop', learningRate: 0.01, rho: 0.9, epsilon: 0.001, momentum: 0.5, weightDecay: 0.1 }).rule).toBe(
      's ← 0.9·s + (1 − 0.9)·g²;  b ← 0.5·b + g/(√s + 0.001);  w ← w − α·b;  g = ∂L/∂w + 0.1·w',
    );
  });

  it('Adagrad without and with learning-rate decay', () => {
    expect(updateRule({ type: 'adagrad', learningRate: 0.01 })).toEqual({
      name: 'Adagrad',
      rule: 's ← s + g²;  w ← w − α·g/(√s + 1e-10);  g = ∂L/∂w',
      plain: false,
    });
    expect(updateRule({ type: 'adagrad', learningRate: 0.01, epsilon: 0.01, lrDecay: 0.5 }).rule).toBe(
      's ← s + g²;  w ← w − α/(1 + (t − 1)·0.5)·g/(√s + 0.01);  g = ∂L/∂w',
    );
  });
});
