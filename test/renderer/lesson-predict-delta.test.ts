/**
 * The lesson "predict Δ for a neuron, then check with the step-through" (docs/lessons.md) on the
 * lecture's 2-2-1 network: its answer goals, evaluated through the app's own answer-reference code
 * over the engine, accept the worked example's Δ₅, Δ₃ and ∂L/∂w₂,₃ and refuse the literal
 * BACKPROP-ITER pseudocode's opposite sign; the values checked are exactly the step-through's;
 * the network, the data and the training settings are locked.
 */
import { describe, expect, it } from 'vitest';
import { createTrainer, prepareProjectData, weightsFromProject } from '../../src/engine/session';
import { traceTrainingStep } from '../../src/engine/trace';
import { answerReference } from '../../src/renderer/src/lesson/answer-reference';
import { evaluateGoal } from '../../src/shared/lesson-goals';
import { lockViolation } from '../../src/shared/lesson-locks';
import type { AnswerGoal } from '../../src/shared/lesson-types';
import { validateProject } from '../../src/shared/project';
import type { Project } from '../../src/shared/project-types';
import type { BackwardStage } from '../../src/shared/protocol-trace';
import { findTemplate, lessonTemplates } from '../../src/shared/templates';
import { dataSource } from './engine-client-helpers';

describe('lesson: predict Δ for a neuron (2-2-1 lecture network)', () => {
  it('ships under New › Lessons as a valid project with a lesson', () => {
    expect(lessonTemplates.map((t) => t.id)).toContain('predict-delta');
    const project = validateProject(findTemplate('predict-delta')!.build());
    expect(project.lesson?.instructions).toContain('## What to do');
    expect(project.lesson?.instructions).toContain('Step through');
  });

  /** The engine's value for each answer goal, through the app's own answer-reference code over a trainer. */
  async function references(project: Project) {
    const data = await prepareProjectData(project, dataSource);
    const trainer = createTrainer(project, data);
    const engine = {
      gradientCheck: async (node: string, param: string, epsilon: number, count?: number) => trainer.gradientCheck(node, param, epsilon, count ?? 32),
      evaluate: async () => { throw new Error('not used by this lesson'); },
      predict: async () => { throw new Error('not used by this lesson'); },
    };
    const goals = project.lesson!.goals as AnswerGoal[];
    return { goals, data, refs: await Promise.all(goals.map((g) => answerReference(engine, g.quantity))) };
  }
  const noRun = { epochs: [], test: null, parameters: 9 };
  const withAnswer = (goal: AnswerGoal, answer: number): AnswerGoal => ({ ...goal, answer });

  it('checks Δ₅, Δ₃ and ∂L/∂w₂,₃ against the engine: the worked example\'s numbers pass, the pseudocode\'s sign fails', async () => {
    const project = validateProject(findTemplate('predict-delta')!.build());
    const { goals, refs } = await references(project);
    expect(goals.map((g) => g.kind)).toEqual(['answer', 'answer', 'answer']);
    const worked = [-0.125565, -0.021919, -0.043838]; // Δ₅, Δ₃, Δ₃·x₂ (worked-examples.md, L000-221)
    goals.forEach((goal, i) => {
      expect(refs[i], goal.label).toHaveProperty('value');
      expect((refs[i] as { value: number }).value).toBeCloseTo(worked[i]!, 5);
      expect(evaluateGoal(withAnswer(goal, worked[i]!), noRun, refs[i]!).passed, goal.label).toBe(true);
      // BACKPROP-ITER's Δ = g′(in)(y − a) is the negative of ∂L/∂in: the opposite sign must fail.
      expect(evaluateGoal(withAnswer(goal, -worked[i]!), noRun, refs[i]!).passed, goal.label).toBe(false);
    });
    // Four significant figures are enough; a slip in the third is not.
    expect(evaluateGoal(withAnswer(goals[1]!, -0.02192), noRun, refs[1]!).passed).toBe(true);
    expect(evaluateGoal(withAnswer(goals[1]!, -0.0221), noRun, refs[1]!).passed).toBe(false);
    expect(evaluateGoal(goals[1]!, noRun, refs[1]!).detail).toBe('no answer yet');
  });

  it('the values checked are the step-through\'s Δ₅, Δ₃ and ∂L/∂w₂,₃ (what the student compares with)', async () => {
    const project = findTemplate('predict-delta')!.build();
    const { refs, data } = await references(project);
    const { trace } = traceTrainingStep({ graph: project.graph, data, training: project.training, weights: weightsFromProject(project.weights), sample: 0 });
    const backward = (node: string) => trace.stages.find((s): s is BackwardStage => s.stage === 'backward' && s.node === node)!;
    const value = (i: number) => (refs[i] as { value: number }).value;
    expect(value(0)).toBeCloseTo(backward('output').delta[0]!, 7);
    expect(value(1)).toBeCloseTo(backward('hidden').delta[0]!, 7);
    expect(value(2)).toBeCloseTo(backward('hidden').grads!.kernel[1]![0]!, 7); // kernel[input][unit]: x₂ → neuron 3
  });

  it('locks the network, the data and the training settings', () => {
    const start = findTemplate('predict-delta')!.build();
    const edited = structuredClone(start);
    edited.graph.nodes.find((n) => n.id === 'hidden')!.params = { ...edited.graph.nodes.find((n) => n.id === 'hidden')!.params, units: 3 };
    expect(lockViolation(start, edited)).toBe("'Hidden neurons 3, 4' (Dense) is locked by the lesson: its settings cannot be changed.");
    expect(lockViolation(start, { ...start, data: { ...start.data, normalize: 'standard' } })).toContain('locked by the lesson');
    expect(lockViolation(start, { ...start, training: { ...start.training, optimizer: { type: 'sgd', learningRate: 0.1 } } })).toContain('locked by the lesson');
  });
});
