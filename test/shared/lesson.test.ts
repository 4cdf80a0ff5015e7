/** The lesson section of a project file: validation with field paths, canonical printing, round trip. */
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject, validateProject } from '../../src/shared/project';
import type { Lesson } from '../../src/shared/lesson-types';
import type { Project } from '../../src/shared/project-types';
import { xorProject } from './project-fixtures';

function withLesson(lesson: unknown): Project {
  return { ...xorProject(), lesson } as Project;
}

function problem(lesson: unknown): string {
  try {
    validateProject(withLesson(lesson), 'lesson.bprop');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the lesson was accepted');
}

const good: Lesson = {
  title: 'XOR needs a hidden layer',
  instructions: '# Task\n\nMake $y = x_1 \\oplus x_2$ learnable.',
  locks: { nodes: ['x', 'L'], params: { h: ['units'] }, graph: false, data: true, training: ['epochs', 'optimizer.learningRate'] },
  goals: [
    { kind: 'metric', metric: 'accuracy', split: 'train', atLeast: 0.99 },
    { kind: 'parameters', atMost: 20 },
    { kind: 'lossWithin', below: 0.05, epochs: 200 },
    { kind: 'answer', prompt: 'What is $\\partial L/\\partial b$?', quantity: { kind: 'gradient', node: 'o', param: 'bias', index: 0 }, tolerance: 1e-3, answer: 0.25 },
    { kind: 'answer', prompt: 'Output for (1, 0)?', quantity: { kind: 'output', input: [1, 0] }, tolerance: 0.05, relative: true },
    { kind: 'answer', prompt: 'Loss?', quantity: { kind: 'loss', split: 'train' }, tolerance: 0.01 },
  ],
};

describe('project lesson', () => {
  it('accepts a full lesson and keeps it through save and open', () => {
    const text = serializeProject(withLesson(good));
    const back = parseProject(text, 'lesson.bprop');
    expect(back.lesson).toEqual(good);
    // The lesson comes right after the name, its keys in a fixed order.
    expect(text.indexOf('"lesson"')).toBeLessThan(text.indexOf('"graph"'));
    expect(serializeProject(back)).toBe(text);
  });

  it('a project without a lesson stays valid (the field is optional)', () => {
    expect(validateProject(xorProject()).lesson).toBeUndefined();
  });

  it.each([
    [{ ...good, title: '' }, 'lesson.bprop: lesson.title: must not be empty'],
    [{ ...good, instructions: 3 }, 'lesson.instructions: must be text (got 3)'],
    [{ ...good, goal: [] }, "lesson.goal: unknown field (did you mean 'goals'?)"],
    [{ ...good, locks: { nodes: ['hiden'] } }, "lesson.locks.nodes[0]: there is no node 'hiden' in the graph"],
    [{ ...good, locks: { params: { h: ['unit'] } } }, "lesson.locks.params.h[0]: node 'h' (dense) has no parameter 'unit' (did you mean 'units'?)"],
    [{ ...good, locks: { training: ['learningRate'] } }, "lesson.locks.training[0]: 'learningRate' cannot be locked (did you mean 'optimizer.learningRate'?)"],
    [{ ...good, locks: { data: 'yes' } }, 'lesson.locks.data: must be a list (got "yes")'],
    [{ ...good, goals: [{ kind: 'speed' }] }, "lesson.goals[0].kind: must be one of 'metric', 'parameters', 'lossWithin', 'answer' (got \"speed\")"],
    [{ ...good, goals: [{ metric: 'loss' }] }, 'lesson.goals[0].kind: required field is missing'],
    [{ ...good, goals: [{ kind: 'metric', metric: 'accuracy', split: 'test', atLeast: 1.5 }] }, 'lesson.goals[0].atLeast: must be a number in [0, 1] (got 1.5)'],
    [{ ...good, goals: [{ kind: 'metric', metric: 'loss', split: 'test' }] }, "lesson.goals[0]: needs 'atLeast' or 'atMost' (the threshold)"],
    [{ ...good, goals: [{ kind: 'metric', metric: 'loss', split: 'test', atLeast: 1, atMost: 2 }] }, "lesson.goals[0]: give either 'atLeast' or 'atMost', not both"],
    [{ ...good, goals: [{ kind: 'metric', metric: 'loss', split: 'dev', atMost: 2 }] }, "lesson.goals[0].split: must be one of 'train', 'validation', 'test' (got \"dev\")"],
    [{ ...good, goals: [{ kind: 'parameters', atMost: 2.5 }] }, 'lesson.goals[0].atMost: must be an integer ≥ 0 (got 2.5)'],
    [{ ...good, goals: [{ kind: 'lossWithin', below: 0.1, epochs: 0 }] }, 'lesson.goals[0].epochs: must be an integer ≥ 1 (got 0)'],
    [{ ...good, goals: [{ kind: 'parameters', atMost: 5, below: 1 }] }, 'lesson.goals[0].below: unknown field for a parameters goal'],
    [{ ...good, goals: [{ kind: 'answer', prompt: 'q', tolerance: 0.1, quantity: { kind: 'gradient', node: 'a', param: 'kernel', index: 0 } }] }, "lesson.goals[0].quantity.param: node 'a' (tanh) has no trainable weight 'kernel'"],
    [{ ...good, goals: [{ kind: 'answer', prompt: 'q', tolerance: 0.1, quantity: { kind: 'gradient', node: 'h', param: 'kernal', index: 0 } }] }, "lesson.goals[0].quantity.param: node 'h' (dense) has no trainable weight 'kernal' (did you mean 'kernel'?); it has kernel, bias"],
    [{ ...good, goals: [{ kind: 'answer', prompt: 'q', tolerance: -1, quantity: { kind: 'loss', split: 'train' } }] }, 'lesson.goals[0].tolerance: must be a number ≥ 0 (got -1)'],
    [{ ...good, goals: [{ kind: 'answer', prompt: 'q', tolerance: 1, quantity: { kind: 'output', input: [] } }] }, 'lesson.goals[0].quantity.input: must give at least one feature value'],
    [{ ...good, goals: [{ kind: 'answer', prompt: 'q', tolerance: 1, answer: 'seven', quantity: { kind: 'loss', split: 'train' } }] }, 'lesson.goals[0].answer: must be a number (got "seven")'],
  ])('refuses a bad lesson, naming the field (%#)', (lesson, message) => {
    expect(problem(lesson)).toContain(message);
  });
});
