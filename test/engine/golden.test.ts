/**
 * The engine against PyTorch 1.13 (float64) on fixed weights: forward values, the loss, every
 * node's gradient, every param's gradient and dL/dx, then 10 optimiser steps of a 2-layer MLP.
 * Fixtures: test/fixtures/golden, made by `/usr/bin/python3 tools/golden/make_golden.py`.
 */
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/engine/optim';
import { compileGolden as compile, forwardFixture, forwardMismatches, mismatches, optimizerFixture, paramMismatches } from './optim/golden-fixtures';

describe('forward values and gradients match PyTorch', () => {
  it.each(forwardFixture().cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = compile(c);
    const loss = model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), true);
    model.backward();
    const problems = forwardMismatches(model, loss, c.expected);
    expect(problems.slice(0, 20)).toEqual([]);
  });
});

describe('10 optimiser steps match torch.optim on a 2-layer MLP', () => {
  const { network, cases } = optimizerFixture();
  const x = Float32Array.from(network.x);
  const y = Float32Array.from(network.y);

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = compile(network);
    const opt = createOptimizer(c.optimizer, model.params, { l1: c.l1 });
    const problems: string[] = [];
    c.steps.forEach((step, s) => {
      const loss = model.forward(x, network.rows, y, true);
      model.backward();
      problems.push(...mismatches(`step ${s + 1} loss`, [loss], [step.loss]));
      problems.push(...paramMismatches(`step ${s + 1} grad`, model, step.grads, 'grad'));
      opt.step(c.optimizer.learningRate);
      problems.push(...paramMismatches(`step ${s + 1} param`, model, step.params, 'data'));
    });
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
