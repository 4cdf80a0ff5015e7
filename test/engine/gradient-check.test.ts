/** The gradient check on a live model: backprop agrees with finite differences, and nothing is disturbed. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../src/cli/project-file';
import { checkedIndices, relativeError } from '../../src/engine/gradient-check';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import type { Project } from '../../src/shared/project-types';
import { DEFAULT_GRADIENT_CHECK_EPSILON } from '../../src/shared/protocol-gradcheck';
import { findTemplate } from '../../src/shared/templates';
import { loadExample, repoRoot } from '../helpers/projects';

async function trainerFor(project: Project) {
  const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
  return createTrainer(project, data);
}

describe('gradient check', () => {
  it('backprop agrees with central differences on every tensor of the circle MLP (ε = 1e-2 and 1e-3)', async () => {
    const trainer = await trainerFor(loadExample('circle'));
    for (let i = 0; i < 40; i++) trainer.trainStep(); // away from the initial weights
    for (const [nodeId, param] of [['h1', 'kernel'], ['h1', 'bias'], ['h2', 'kernel'], ['logit', 'kernel'], ['logit', 'bias']] as const) {
      for (const epsilon of [1e-2, 1e-3]) {
        const r = trainer.gradientCheck(nodeId, param, epsilon, 8);
        expect(r.entries.length).toBeGreaterThan(0);
        expect(r.maxRelativeError, `${nodeId}.${param} ε=${epsilon}`).toBeLessThan(1e-2);
        for (const e of r.entries) expect(Math.abs(e.backprop - e.numeric)).toBeLessThanOrEqual(1e-2 * Math.max(Math.abs(e.backprop), Math.abs(e.numeric)) + 1e-12);
      }
    }
  });

  it('also checks the one weight it is asked about (the step-through\'s "Check this gradient"), and refuses one outside the tensor', async () => {
    const trainer = await trainerFor(loadExample('circle'));
    const length = trainer.model.node('h1').params.find((p) => p.name === 'kernel')!.data.length;
    const spread = checkedIndices(length, 4);
    const wanted = Array.from({ length }, (_, i) => i).find((i) => !spread.includes(i))!;
    const r = trainer.gradientCheck('h1', 'kernel', 1e-2, 4, wanted);
    expect(r.entries.map((e) => e.index)).toEqual([...spread, wanted].sort((a, b) => a - b));
    expect(r.entries.find((e) => e.index === wanted)!.relativeError).toBeLessThan(1e-2);
    expect(() => trainer.gradientCheck('h1', 'kernel', 1e-2, 4, length)).toThrow(`weight ${length} is not in h1.kernel (it has ${length})`);
  });

  it("passes with the default ε on a trained Iris network's ReLU layer, and flags the weights at a kink with ε = 1e-2", async () => {
    const trainer = await trainerFor(findTemplate('iris')!.build());
    while (!trainer.done && trainer.epoch < 200) trainer.runEpoch();
    const byDefault = trainer.gradientCheck('hidden', 'kernel', DEFAULT_GRADIENT_CHECK_EPSILON, 8);
    expect(byDefault.epsilon).toBe(1e-3);
    expect(byDefault.maxRelativeError).toBeLessThan(1e-2);
    expect(byDefault.entries.filter((e) => !e.atKink).length).toBeGreaterThanOrEqual(6);

    // With ε = 1e-2 one weight's w ± ε moves a ReLU input across 0: its quotient is off (the
    // reported 1.0e+0), it is flagged, and the weights away from kinks still agree.
    const coarse = trainer.gradientCheck('hidden', 'kernel', 1e-2, 8);
    const kinked = coarse.entries.filter((e) => e.atKink);
    expect(coarse.kinks).toBe(kinked.length);
    expect(kinked.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...kinked.map((e) => e.relativeError))).toBeGreaterThan(0.5);
    expect(coarse.maxRelativeError).toBeLessThan(1e-2);
    expect(coarse.entries.filter((e) => !e.atKink).every((e) => e.relativeError < 1e-2)).toBe(true);
  });

  it('a smooth network (tanh) has no kinks', async () => {
    const trainer = await trainerFor(loadExample('circle'));
    for (let i = 0; i < 40; i++) trainer.trainStep();
    const r = trainer.gradientCheck('h1', 'kernel', 1e-1, 16);
    expect(r.kinks).toBe(0);
    expect(r.entries.every((e) => !e.atKink)).toBe(true);
  });

  it('names what a wrong gradient looks like: a tiny ε in float32 is dominated by rounding', async () => {
    const trainer = await trainerFor(loadExample('circle'));
    for (let i = 0; i < 40; i++) trainer.trainStep();
    const fine = trainer.gradientCheck('h1', 'kernel', 1e-2, 16).maxRelativeError;
    const tiny = trainer.gradientCheck('h1', 'kernel', 1e-4, 16).maxRelativeError;
    expect(tiny).toBeGreaterThan(fine); // float32 losses differ in their last bits only
  });

  it('leaves weights, gradients and the next training step exactly as they were', async () => {
    const a = await trainerFor(loadExample('circle'));
    const b = await trainerFor(loadExample('circle'));
    for (let i = 0; i < 25; i++) (a.trainStep(), b.trainStep());
    const weights = a.model.params.map((p) => p.data.slice());
    const grads = a.model.params.map((p) => p.grad.slice());
    const rows = a.model.rows; // the last training batch: what 'inspect' shows
    const outputs = a.model.nodes.map((n) => n.output.slice(0, rows * n.size));
    a.gradientCheck('h2', 'kernel', 1e-2, 32);
    a.model.params.forEach((p, i) => {
      expect(p.data).toEqual(weights[i]);
      expect(p.grad).toEqual(grads[i]);
    });
    expect(a.model.rows).toBe(rows);
    a.model.nodes.forEach((n, i) => expect(n.output.subarray(0, rows * n.size)).toEqual(outputs[i]));
    for (let i = 0; i < 10; i++) expect(a.trainStep()).toBe(b.trainStep());
  });

  it('refuses an unknown tensor, an ε not offered and a bad count, saying what is wrong', async () => {
    const trainer = await trainerFor(loadExample('circle'));
    expect(() => trainer.gradientCheck('a1', 'kernel', 1e-2, 8)).toThrow("node 'a1' has no parameter 'kernel' (it has none)");
    expect(() => trainer.gradientCheck('h1', 'gamma', 1e-2, 8)).toThrow("node 'h1' has no parameter 'gamma' (it has kernel, bias)");
    expect(() => trainer.gradientCheck('h1', 'kernel', 0.5, 8)).toThrow('epsilon must be one of 0.1, 0.01, 0.001, 0.0001 (got 0.5)');
    expect(() => trainer.gradientCheck('h1', 'kernel', 1e-2, 0)).toThrow('count must be a whole number from 1 to 32 (got 0)');
    expect(() => trainer.gradientCheck('nope', 'kernel', 1e-2, 8)).toThrow("no node 'nope'");
  });

  it('spreads the checked weights over the tensor, and measures error relative to the larger value', () => {
    expect(checkedIndices(3, 8)).toEqual([0, 1, 2]);
    expect(checkedIndices(100, 4)).toEqual([12, 36, 74, 97]);
    const spread = checkedIndices(64, 8); // an 8 × 8 kernel: not all in one column
    expect(new Set(spread.map((i) => i % 8)).size).toBeGreaterThan(4);
    expect(new Set(spread).size).toBe(8);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1, 0.99)).toBeCloseTo(0.01, 12);
    expect(relativeError(-2, 2)).toBe(2);
  });
});
