/**
 * Node types against their torch.nn module (PyTorch 1.13, float64) on fixed weights and buffers:
 * one fixture per type in test/fixtures/golden/nodes (made by
 * `/usr/bin/python3 tools/golden/make_node_golden.py`), every case run here without a list:
 * - step 1 in training mode: every node's output and gradient, the loss, param gradients, dL/dx;
 * - a few SGD steps: the loss and gradients before each, every param AND buffer after each
 *   (running statistics follow the batches; weight decay skips the weights declared `decay: false`);
 * - evaluation after the steps: outputs, loss, param gradients and dL/dx in evaluation mode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/engine/optim';
import type { Model } from '../../src/engine/model';
import { isNodeType } from '../../src/shared/nodes';
import type { OptimizerConfig } from '../../src/shared/project-types';
import { compileGolden, forwardMismatches, mismatches, paramMismatches, type ForwardCase, type GoldenNetwork, type ParamValues } from './optim/golden-fixtures';

interface NodeGoldenCase extends GoldenNetwork {
  optimizer: Extract<OptimizerConfig, { type: 'sgd' }>;
  expected: {
    /** The first holds a whole forward/backward record; each has the weights after its update. */
    steps: (Partial<ForwardCase['expected']> & { loss: number; paramGrads: ParamValues; weightsAfter: ParamValues })[];
    evaluation: ForwardCase['expected'];
  };
}

const dir = fileURLToPath(new URL('../fixtures/golden/nodes/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as { type: string; meta: { module: string }; cases: NodeGoldenCase[] });

/** Params and buffers alike, by node and name. */
function weightMismatches(label: string, model: Model, expected: ParamValues): string[] {
  const out: string[] = [];
  for (const [nodeId, byName] of Object.entries(expected)) {
    for (const [name, values] of Object.entries(byName)) {
      const w = model.weights.find((q) => q.nodeId === nodeId && q.name === name);
      if (!w) out.push(`${label}: the model has no weight ${nodeId}.${name}`);
      else out.push(...mismatches(`${label} ${nodeId}.${name}`, w.data, values));
    }
  }
  return out;
}

describe.each(fixtures.map((f) => [f.type, f] as const))('%s matches PyTorch', (_type, fixture) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))(`%s (${fixture.meta.module})`, (_name, c) => {
    const model = compileGolden(c);
    const opt = createOptimizer(c.optimizer, model.params);
    const x = Float32Array.from(c.x);
    const y = Float32Array.from(c.y);
    const problems: string[] = [];
    c.expected.steps.forEach((step, s) => {
      const label = `step ${s + 1}`;
      const loss = model.forward(x, c.rows, y, true);
      model.backward();
      if (s === 0) problems.push(...forwardMismatches(model, loss, step as ForwardCase['expected']));
      else problems.push(...mismatches(`${label} loss`, [loss], [step.loss]), ...paramMismatches(`${label} grad`, model, step.paramGrads, 'grad'));
      opt.step(c.optimizer.learningRate);
      problems.push(...weightMismatches(`after ${label}`, model, step.weightsAfter));
    });
    const loss = model.forward(x, c.rows, y, false);
    model.backward();
    problems.push(...forwardMismatches(model, loss, c.expected.evaluation).map((p) => `evaluation: ${p}`));
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('records buffers, several steps and the evaluation (a fixture that checks nothing fails)', () => {
    for (const c of fixture.cases) {
      expect(c.expected.steps.length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(c.expected.steps.at(-1)!.weightsAfter).length).toBeGreaterThan(0);
      expect(Object.keys(c.expected.evaluation.outputs).length).toBeGreaterThan(2);
    }
  });
});

it('finds the fixtures, each for a registered node type', () => {
  expect(fixtures.length).toBeGreaterThan(0);
  for (const f of fixtures) expect(isNodeType(f.type), f.type).toBe(true);
});
