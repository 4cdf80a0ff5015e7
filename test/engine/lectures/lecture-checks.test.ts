/**
 * Every lecture template reproduces its worked example's numbers (../shared/lectures/
 * worked-examples.md, "Checks"): each check is measured on the engine after the number of
 * training steps it names, within the tolerance the worked examples list.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../../src/cli/project-file';
import { createTrainer, prepareProjectData } from '../../../src/engine/session';
import { activityL1, klSparsity } from '../../../src/engine/ops/regularizers';
import { analyzeGraph } from '../../../src/shared/graph';
import { parseProject, serializeProject } from '../../../src/shared/project';
import { lectureFamily, lectureMenuTemplates, workedExampleTemplates } from '../../../src/shared/templates';
import { builtinShapeInfo } from '../../../src/shared/data/catalog';
import { repoRoot } from '../../helpers/projects';
import { measure, type RunLog } from './measure';

const source = projectDataSource(path.join(repoRoot, 'examples', 'x.bprop'));

async function open(id: string) {
  const template = workedExampleTemplates.find((t) => t.id === id)!;
  const project = template.build();
  const data = await prepareProjectData(project, source);
  return { template, project, data, trainer: createTrainer(project, data) };
}

const withChecks = workedExampleTemplates.filter((t) => t.lecture!.checks.length > 0);

describe('lecture templates: the worked examples\' numbers', () => {
  it.each(withChecks.map((t) => [t.id]))('%s', async (id) => {
    const { template, data, trainer } = await open(id);
    const log: RunLog = { stepLosses: [] };
    const checks = [...template.lecture!.checks].sort((a, b) => (a.afterSteps ?? 0) - (b.afterSteps ?? 0));
    const results: string[] = [];
    for (const c of checks) {
      while (trainer.globalStep < (c.afterSteps ?? 0)) {
        expect(trainer.done, `${c.label}: the run ended before step ${c.afterSteps}`).toBe(false);
        log.stepLosses.push(trainer.trainStep());
      }
      const value = measure(c.measure, trainer, data, log);
      const ok = Math.abs(value - c.expected) <= c.tolerance;
      if (!ok) results.push(`${c.label} (after ${c.afterSteps ?? 0} steps): app ${value}, expected ${c.expected} ± ${c.tolerance}`);
      // The app never "matches" an erratum: where the slide prints another number, the app differs from it.
      if (c.slidePrints !== undefined) expect(Math.abs(value - c.slidePrints)).toBeGreaterThan(c.tolerance);
    }
    expect(results).toEqual([]);
  });
});

describe('lecture templates', () => {
  it('use the worked examples\' ids in lower case; variants extend them', () => {
    for (const t of workedExampleTemplates) {
      const id = t.lecture!.example.toLowerCase();
      expect(t.variantOf ? t.id.startsWith(`${t.variantOf}-`) && t.variantOf === id : t.id === id, t.id).toBe(true);
      expect(t.lecture!.explanation.length).toBeGreaterThan(0);
    }
    expect(lectureMenuTemplates().map((t) => t.id)).toEqual([
      'l000-221-network-l2-backprop', 'l000-turn-detector', 'l000-conv-layer-4x4', 'l000-keras-mlp', 'l000-early-stopping', 'l001-undercomplete-ae', 'l001-sparse-ae-l1', 'l001-sparse-ae-kl',
      'l001-denoising-contractive-ae', 'l002-minibatch-convergence-5-2-3', 'l002-gradient-descent-step-size', 'l003-xor-relu-network', 'l003-multiclass-logistic-regression',
      'l004-perceptron-threshold-rule',
    ]);
    expect(lectureFamily('l004-perceptron-threshold-rule-xor').map((t) => t.id)).toEqual([
      'l004-perceptron-threshold-rule', 'l004-perceptron-threshold-rule-or', 'l004-perceptron-threshold-rule-xor',
    ]);
  });

  it.each(workedExampleTemplates.map((t) => [t.id]))('%s opens ready to train and survives a save', async (id) => {
    const project = workedExampleTemplates.find((t) => t.id === id)!.build();
    expect(parseProject(serializeProject(project))).toEqual(JSON.parse(serializeProject(project)));
    const shape = builtinShapeInfo((project.data as { dataset: string }).dataset, (project.data as { options?: Record<string, number> }).options);
    expect(analyzeGraph(project.graph, shape).issues).toEqual([]);
    const { trainer } = await open(id);
    for (let i = 0; i < 3 && !trainer.done; i++) expect(Number.isFinite(trainer.trainStep())).toBe(true);
  });

  it('the perceptron never has an error-free epoch on XOR in 1000 epochs, with 4 errors in every epoch from the third on', async () => {
    const { trainer } = await open('l004-perceptron-threshold-rule-xor');
    const errors: number[] = [];
    let inEpoch = 0;
    trainer.untilStopped = true; // the template stops at 20 epochs; the worked example runs 1000
    for (let step = 0; step < 4000; step++) {
      inEpoch += trainer.trainStep() !== 0 ? 1 : 0;
      if (trainer.stepInEpoch === 0) errors.push(inEpoch), (inEpoch = 0);
    }
    expect(errors).toHaveLength(1000);
    expect(errors.slice(0, 2)).toEqual([3, 3]);
    expect(errors.slice(2).every((e) => e === 4)).toBe(true);
  });

  it('early stopping: the validation loss turns back up while the training loss keeps falling', async () => {
    const { trainer } = await open('l000-early-stopping');
    while (!trainer.done) trainer.trainStep();
    expect(trainer.status).toBe('stoppedEarly');
    const h = trainer.history;
    const best = trainer.stoppedAtBestEpoch!;
    const last = h.at(-1)!;
    expect(best).toBeLessThan(last.epoch);
    expect(last.valLoss!).toBeGreaterThan(h[best - 1]!.valLoss! * 1.1); // overfitting: validation worse than at its best
    expect(last.loss).toBeLessThan(h[best - 1]!.loss); // while training kept improving
  });

  it.each(['l001-undercomplete-ae', 'l001-sparse-ae-l1', 'l001-sparse-ae-kl', 'l001-denoising-contractive-ae'].map((id) => [id]))(
    '%s learns to rebuild the digits: the validation loss falls below half of the untrained one in 5 epochs',
    async (id) => {
      const { data, trainer } = await open(id);
      const before = trainer.evaluate(data.validation).loss;
      for (let e = 0; e < 5; e++) trainer.runEpoch();
      expect(trainer.history.at(-1)!.valLoss!).toBeLessThan(before / 2);
    },
  );

  it('the autoencoders\' penalties give the worked examples\' values (checks 65–67)', () => {
    expect(activityL1(Float32Array.of(0.1, 0, 0.8, 0.3), 1, 4, 0.01)).toBeCloseTo(0.012, 9);
    const rhoHat = new Float64Array(2);
    expect(klSparsity(Float32Array.of(0.1, 0.3, 0.3, 0.1, 0.2, 0.2), 3, 2, 0.05, 1, rhoHat)).toBeCloseTo(0.187886, 6);
    expect([...rhoHat].map((v) => Number(v.toFixed(6)))).toEqual([0.2, 0.2]);
    expect(klSparsity(Float32Array.of(0.2), 1, 1, 0.05, 1, new Float64Array(1))).toBeCloseTo(0.093943, 6);
    expect(klSparsity(Float32Array.of(0.5), 1, 1, 0.1, 1, new Float64Array(1))).toBeCloseTo(0.368064, 6);
  });
});
