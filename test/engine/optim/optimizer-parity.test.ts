/**
 * Optimiser parity with torch.optim, isolated from the model: feed the gradients PyTorch
 * recorded at each of 10 steps to our optimiser and compare the params after every step.
 */
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../../src/engine/optim';
import { mismatches, optimizerFixture, paramsOf } from './golden-fixtures';

const fixture = optimizerFixture();

describe('optimisers match torch.optim step by step on recorded gradients', () => {
  it('covers every optimiser type', () => {
    const types = new Set(fixture.cases.map((c) => c.optimizer.type));
    expect([...types].sort()).toEqual(['adagrad', 'adam', 'rmsprop', 'sgd']);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const params = paramsOf(fixture.network);
    const opt = createOptimizer(c.optimizer, params, { l1: c.l1 });
    const problems: string[] = [];
    c.steps.forEach((step, s) => {
      for (const p of params) p.grad.set(step.grads[p.nodeId][p.name]);
      opt.step(c.optimizer.learningRate);
      for (const p of params) problems.push(...mismatches(`step ${s + 1} ${p.nodeId}.${p.name}`, p.data, step.params[p.nodeId][p.name]));
    });
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
