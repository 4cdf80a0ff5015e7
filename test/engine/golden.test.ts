/**
 * The engine against PyTorch 1.13 (float64) on fixed weights: forward values, the loss, every
 * node's gradient, every param's gradient and dL/dx, then 10 optimiser steps of a 2-layer MLP.
 * Fixtures: test/fixtures/golden, made by `/usr/bin/python3 tools/golden/make_golden.py`.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { createOptimizer } from '../../src/engine/optim';
import {
  forwardFixture,
  mismatches,
  optimizerFixture,
  weightMap,
  type GoldenNetwork,
  type ParamValues,
} from './optim/golden-fixtures';

function compile(network: GoldenNetwork) {
  return compileModel(network.graph, {
    dataShape: network.dataShape,
    batchSize: network.rows,
    task: network.task,
    numClasses: network.numClasses,
    targetSize: network.targetSize,
    seed: 1,
    weights: weightMap(network),
  });
}

type Model = ReturnType<typeof compile>;

function paramMismatches(label: string, model: Model, expected: ParamValues, which: 'data' | 'grad'): string[] {
  const out: string[] = [];
  for (const [nodeId, byName] of Object.entries(expected)) {
    for (const [name, values] of Object.entries(byName)) {
      const p = model.params.find((q) => q.nodeId === nodeId && q.name === name);
      if (!p) out.push(`${label}: the model has no param ${nodeId}.${name}`);
      else out.push(...mismatches(`${label} ${nodeId}.${name}`, p[which], values));
    }
  }
  return out;
}

describe('forward values and gradients match PyTorch', () => {
  it.each(forwardFixture().cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const model = compile(c);
    const loss = model.forward(Float32Array.from(c.x), c.rows, Float32Array.from(c.y), true);
    model.backward();
    const e = c.expected;
    const problems = mismatches('loss', [loss], [e.loss]);
    for (const [id, values] of Object.entries(e.outputs)) problems.push(...mismatches(`output of ${id}`, model.node(id).output, values));
    for (const [id, values] of Object.entries(e.nodeGrads)) {
      // A fused softmax/sigmoid hands its loss's gradient straight to the logits (the node before it).
      if (!e.fused.includes(id)) problems.push(...mismatches(`grad of ${id}`, model.node(id).grad, values));
    }
    problems.push(...mismatches('dL/dx', model.inputGrad, e.inputGrad));
    problems.push(...paramMismatches('grad', model, e.paramGrads, 'grad'));
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
