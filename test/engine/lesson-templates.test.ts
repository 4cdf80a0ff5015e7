/**
 * The shipped lessons keep their promises: every lesson is a valid project whose starting point
 * fails its goals, and the intended solution — an edit the locks allow — passes all of them when
 * trained with the engine (goals evaluated exactly as the app does, from the run's epochs, the
 * end-of-run test metrics and the trainable parameter count).
 */
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../src/cli/project-file';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import { evaluateGoal } from '../../src/shared/lesson-goals';
import { lockViolation } from '../../src/shared/lesson-locks';
import { validateProject } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import { chainGraph, findTemplate, lessonTemplates } from '../../src/shared/templates';
import { repoRoot } from '../helpers/projects';

async function goalsAfterTraining(project: Project): Promise<{ passed: boolean; detail: string }[]> {
  const data = await prepareProjectData(project, projectDataSource(`${repoRoot}/examples/x.bprop`));
  const trainer = createTrainer(project, data);
  while (!trainer.done) trainer.trainStep();
  const test = data.test.n > 0 ? trainer.evaluate(data.test) : null;
  const parameters = trainer.model.params.reduce((sum, p) => sum + p.data.length, 0);
  return project.lesson!.goals.map((goal) => evaluateGoal(goal, { epochs: trainer.history, test, parameters }));
}

function solved(id: string, change: (p: Project) => Project): Project {
  const start = findTemplate(id)!.build();
  const end = change(structuredClone(start));
  expect(lockViolation(start, end), 'the intended solution is allowed by the locks').toBeNull();
  return validateProject(end);
}

describe('lesson templates', () => {
  it('ship at least the three network lessons, each a valid project with a lesson', () => {
    expect(lessonTemplates.map((t) => t.id)).toEqual(expect.arrayContaining(['xor-hidden-layer', 'bad-learning-rate', 'digits-budget']));
    for (const t of lessonTemplates) {
      const project = validateProject(t.build());
      expect(project.lesson?.goals.length, t.id).toBeGreaterThan(0);
      expect(project.lesson?.instructions, t.id).toContain('## What to do');
    }
  });

  it('XOR: one neuron fails; a hidden tanh layer of 4 passes every goal', async () => {
    const before = await goalsAfterTraining(findTemplate('xor-hidden-layer')!.build());
    expect(before[0]!.passed).toBe(false);
    expect(before[1]!.passed).toBe(false);
    const after = await goalsAfterTraining(
      solved('xor-hidden-layer', (p) => ({
        ...p,
        graph: chainGraph([['x', 'input'], ['hidden', 'dense', { units: 4 }], ['act', 'tanh'], ['out', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy', { target: 'labels' }]]),
      })),
    );
    expect(after).toEqual(after.map((r) => ({ ...r, passed: true })));
  });

  it('bad learning rate: the tiny rate fails; η = 0.3 passes, and changing anything else is refused', async () => {
    const start = findTemplate('bad-learning-rate')!.build();
    expect((await goalsAfterTraining(start)).some((r) => r.passed)).toBe(false);
    const after = await goalsAfterTraining(solved('bad-learning-rate', (p) => ({ ...p, training: { ...p.training, optimizer: { type: 'sgd', learningRate: 0.3 } } })));
    expect(after.every((r) => r.passed)).toBe(true);
    expect(lockViolation(start, { ...start, training: { ...start.training, epochs: 400 } })).toBe('The number of epochs is locked by the lesson.');
    expect(lockViolation(start, { ...start, training: { ...start.training, optimizer: { type: 'adam', learningRate: 0.01 } } })).toBe("The optimiser's type is locked by the lesson.");
  });

  it('digits: the 9,610-parameter start passes accuracy but not the budget; softmax regression (650) passes all', async () => {
    const before = await goalsAfterTraining(findTemplate('digits-budget')!.build());
    expect(before.map((r) => r.passed)).toEqual([true, false, false]);
    expect(before[1]!.detail).toBe('now 9,610');
    const after = await goalsAfterTraining(
      solved('digits-budget', (p) => ({ ...p, graph: chainGraph([['x', 'input'], ['logits', 'dense', { units: 10 }], ['p', 'softmax'], ['loss', 'crossEntropy', { target: 'labels' }]]) })),
    );
    expect(after.map((r) => r.passed)).toEqual([true, true, true]);
  }, 60_000);
});
