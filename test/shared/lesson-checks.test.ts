/**
 * The lesson section's validation beyond test/shared/lesson.test.ts: every lockable field and
 * every optional goal field accepted, and the refusals not covered there, by exact message.
 */
import { describe, expect, it } from 'vitest';
import { DATA_LOCK_FIELDS, TRAINING_LOCK_FIELDS } from '../../src/shared/lesson';
import { ProjectError, validateProject } from '../../src/shared/project';
import { rawProject } from './project-fixtures';

function withLesson(lesson: Record<string, unknown>) {
  return { ...rawProject(), lesson: { title: 'T', instructions: '', goals: [], ...lesson } };
}

function problem(lesson: Record<string, unknown>): ProjectError {
  try {
    validateProject(withLesson(lesson));
  } catch (err) {
    if (err instanceof ProjectError) return err;
    throw err;
  }
  throw new Error('the lesson was accepted');
}

const answer = (quantity: unknown, more: Record<string, unknown> = {}) => ({ kind: 'answer', prompt: 'q', tolerance: 0.1, quantity, ...more });

describe('accepted lessons', () => {
  it('can lock every data and training field by name, or whole sections', () => {
    expect(DATA_LOCK_FIELDS).toEqual(['dataset', 'csv', 'sha256', 'features', 'target', 'task', 'imageShape', 'options', 'normalize', 'split']);
    expect(TRAINING_LOCK_FIELDS).toEqual([
      'optimizer', 'optimizer.type', 'optimizer.learningRate', 'optimizer.momentum', 'optimizer.dampening', 'optimizer.nesterov',
      'optimizer.beta1', 'optimizer.beta2', 'optimizer.rho', 'optimizer.epsilon', 'optimizer.lrDecay', 'optimizer.weightDecay',
      'schedule', 'batchSize', 'sampling', 'epochs', 'seed', 'earlyStopping', 'averaging', 'l1',
    ]);
    const locks = { nodes: [], params: {}, graph: true, data: [...DATA_LOCK_FIELDS], training: [...TRAINING_LOCK_FIELDS] };
    expect(validateProject(withLesson({ locks })).lesson!.locks).toEqual(locks);
    expect(() => validateProject(withLesson({ locks: { data: true, training: false } }))).not.toThrow();
  });

  it('takes every optional goal field', () => {
    const goals = [
      { kind: 'metric', metric: 'r2', split: 'validation', atMost: 1, label: 'fit' },
      { kind: 'metric', metric: 'mae', split: 'test', atLeast: 0 },
      { kind: 'parameters', atMost: 0, label: 'none' },
      { kind: 'lossWithin', below: 0.1, epochs: 1, split: 'validation', label: 'fast' },
      { kind: 'lossWithin', below: 0.1, epochs: 1, split: 'train' },
      answer({ kind: 'gradient', node: 'h', param: 'kernel', index: 0 }, { relative: false, answer: -1, label: 'grad', tolerance: 0 }),
      answer({ kind: 'output', input: [0.5, -1], index: 0 }),
      answer({ kind: 'loss', split: 'test' }),
    ];
    expect(validateProject(withLesson({ goals })).lesson!.goals).toEqual(goals);
  });
});

describe('refused lessons', () => {
  it.each([
    [{ title: 3 }, 'lesson.title', 'lesson.title: must be text (got 3)'],
    [{ locks: [] }, 'lesson.locks', 'lesson.locks: must be an object (got a list)'],
    [{ locks: { nodes: 'x' } }, 'lesson.locks.nodes', 'lesson.locks.nodes: must be a list (got "x")'],
    [{ locks: { nodes: [3] } }, 'lesson.locks.nodes[0]', 'lesson.locks.nodes[0]: must be text (got 3)'],
    [{ locks: { nodes: ['hh'] } }, 'lesson.locks.nodes[0]', "lesson.locks.nodes[0]: there is no node 'hh' in the graph (did you mean 'h'?)"],
    [{ locks: { params: [] } }, 'lesson.locks.params', 'lesson.locks.params: must be an object (got a list)'],
    [{ locks: { params: { h: 'units' } } }, 'lesson.locks.params.h', 'lesson.locks.params.h: must be a list (got "units")'],
    [{ locks: { params: { zzzz: ['units'] } } }, 'lesson.locks.params.zzzz', "lesson.locks.params.zzzz: there is no node 'zzzz' in the graph"],
    [{ locks: { params: { x: ['units'] } } }, 'lesson.locks.params.x[0]', "lesson.locks.params.x[0]: node 'x' (input) has no parameter 'units'"],
    [{ locks: { graph: 'yes' } }, 'lesson.locks.graph', 'lesson.locks.graph: must be true or false (got "yes")'],
    [{ locks: { data: ['sha'] } }, 'lesson.locks.data[0]', `lesson.locks.data[0]: 'sha' cannot be locked (did you mean 'sha256' or 'imageShape'?)\n  help: give true for all, or a list of ${DATA_LOCK_FIELDS.join(', ')}`],
    [{ locks: { data: ['task', 7] } }, 'lesson.locks.data[1]', 'lesson.locks.data[1]: must be text (got 7)'],
    [{ locks: { colour: true } }, 'lesson.locks.colour', 'lesson.locks.colour: unknown field'],
    [{ goals: {} }, 'lesson.goals', 'lesson.goals: must be a list (got an object)'],
    [{ goals: [3] }, 'lesson.goals[0]', 'lesson.goals[0]: must be an object (got 3)'],
    [{ goals: [{ kind: 'metric', metric: 'r2', split: 'train', atLeast: 1.5 }] }, 'lesson.goals[0].atLeast', 'lesson.goals[0].atLeast: must be a number ≤ 1 (got 1.5)'],
    [{ goals: [{ kind: 'metric', metric: 'mae', split: 'train', atMost: -1 }] }, 'lesson.goals[0].atMost', 'lesson.goals[0].atMost: must be a number ≥ 0 (got -1)'],
    [{ goals: [{ kind: 'metric', metric: 'f1', split: 'train', atMost: 1 }] }, 'lesson.goals[0].metric', "lesson.goals[0].metric: must be one of 'loss', 'accuracy', 'mae', 'r2' (got \"f1\")"],
    [{ goals: [{ kind: 'metric', metric: 'loss', split: 'train', atMost: 1, label: '' }] }, 'lesson.goals[0].label', 'lesson.goals[0].label: must not be empty'],
    [{ goals: [{ kind: 'parameters', atMost: -1 }] }, 'lesson.goals[0].atMost', 'lesson.goals[0].atMost: must be an integer ≥ 0 (got -1)'],
    [{ goals: [{ kind: 'lossWithin', below: 0, epochs: 1 }] }, 'lesson.goals[0].below', 'lesson.goals[0].below: must be a number > 0 (got 0)'],
    [{ goals: [{ kind: 'lossWithin', below: 1, epochs: 1, split: 'test' }] }, 'lesson.goals[0].split', "lesson.goals[0].split: must be one of 'train', 'validation' (got \"test\")"],
    [{ goals: [{ kind: 'lossWithin', below: 1 }] }, 'lesson.goals[0].epochs', 'lesson.goals[0].epochs: required field is missing'],
    [{ goals: [{ kind: 'answer', prompt: 'q', tolerance: 1, quantity: {} }] }, 'lesson.goals[0].quantity.kind', 'lesson.goals[0].quantity.kind: required field is missing\n  help: one of gradient, loss, output'],
    [{ goals: [{ kind: 'answer', prompt: 'q', tolerance: 1 }] }, 'lesson.goals[0].quantity', 'lesson.goals[0].quantity: required field is missing'],
    [{ goals: [{ kind: 'answer', prompt: '', tolerance: 1, quantity: { kind: 'loss', split: 'train' } }] }, 'lesson.goals[0].prompt', 'lesson.goals[0].prompt: must not be empty'],
    [{ goals: [answer({ kind: 'loss', split: 'train' }, { relative: 1 })] }, 'lesson.goals[0].relative', 'lesson.goals[0].relative: must be true or false (got 1)'],
    [{ goals: [answer({ kind: 'loss', split: 'train' }, { label: 5 })] }, 'lesson.goals[0].label', 'lesson.goals[0].label: must be text (got 5)'],
    [{ goals: [answer({ kind: 'loss', split: 'all' })] }, 'lesson.goals[0].quantity.split', "lesson.goals[0].quantity.split: must be one of 'train', 'validation', 'test' (got \"all\")"],
    [{ goals: [answer({ kind: 'loss', split: 'train', node: 'h' })] }, 'lesson.goals[0].quantity.node', 'lesson.goals[0].quantity.node: unknown field for a loss\n  help: a loss takes kind, split'],
    [{ goals: [answer({ kind: 'output', input: [1, 'a'] })] }, 'lesson.goals[0].quantity.input[1]', 'lesson.goals[0].quantity.input[1]: must be a number (got "a")'],
    [{ goals: [answer({ kind: 'output', input: [1], index: -1 })] }, 'lesson.goals[0].quantity.index', 'lesson.goals[0].quantity.index: must be an integer ≥ 0 (got -1)'],
    [{ goals: [answer({ kind: 'output', input: [1], node: 'h' })] }, 'lesson.goals[0].quantity.node', 'lesson.goals[0].quantity.node: unknown field for an output\n  help: an output takes kind, input, index'],
    [{ goals: [answer({ kind: 'gradient', node: 'a', param: 'kernel', index: 0 })] }, 'lesson.goals[0].quantity.param', "lesson.goals[0].quantity.param: node 'a' (tanh) has no trainable weight 'kernel'"],
    [{ goals: [answer({ kind: 'gradient', node: 'h', param: 'kernel', index: 0.5 })] }, 'lesson.goals[0].quantity.index', 'lesson.goals[0].quantity.index: must be an integer ≥ 0 (got 0.5)'],
    [{ goals: [answer({ kind: 'gradient', node: 'h', param: 'kernel' })] }, 'lesson.goals[0].quantity.index', 'lesson.goals[0].quantity.index: required field is missing'],
    [{ goals: [answer({ kind: 'gradient', node: 'hh', param: 'kernel', index: 0 })] }, 'lesson.goals[0].quantity.node', "lesson.goals[0].quantity.node: there is no node 'hh' in the graph (did you mean 'h'?)"],
    [{ goals: [answer({ kind: 'gradient', node: 'h', param: 'kernel', index: 0, split: 'train' })] }, 'lesson.goals[0].quantity.split', 'lesson.goals[0].quantity.split: unknown field for a gradient\n  help: a gradient takes kind, node, param, index'],
    [{ goals: [answer({ kind: 'partial', variable: 'w' })] }, 'lesson.goals[0].quantity.kind', "lesson.goals[0].quantity.kind: must be one of 'gradient', 'loss', 'output' (got \"partial\")"],
  ] as [Record<string, unknown>, string, string][])('%j', (lesson, path, message) => {
    const err = problem(lesson);
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });

  it('names the fields a goal of each kind takes', () => {
    const help = (goal: Record<string, unknown>) => problem({ goals: [goal] }).help;
    expect(help({ kind: 'metric', metric: 'loss', split: 'train', atMost: 1, x: 1 })).toBe('a metric goal takes kind, metric, split, atLeast, atMost, label');
    expect(help({ kind: 'parameters', atMost: 1, x: 1 })).toBe('a parameters goal takes kind, atMost, label');
    expect(help({ kind: 'lossWithin', below: 1, epochs: 1, x: 1 })).toBe('a lossWithin goal takes kind, below, epochs, split, label');
    expect(help({ ...answer({ kind: 'loss', split: 'train' }), x: 1 })).toBe('an answer goal takes kind, prompt, quantity, tolerance, relative, answer, label');
    expect(help({ metric: 'loss' })).toBe('a goal\'s kind is one of metric, parameters, lossWithin, answer');
    expect(help({ kind: 'metric', metric: 'loss', split: 'train' })).toBe('e.g. "atLeast": 0.9 for accuracy, "atMost": 0.05 for loss');
    expect(problem({ locks: { training: ['lr'] } }).help).toBe(`give true for all, or a list of ${TRAINING_LOCK_FIELDS.join(', ')}`);
  });
});

describe('refusals without a suggestion', () => {
  it.each([
    [{ locks: { training: ['zzzzzz'] } }, `lesson.locks.training[0]: 'zzzzzz' cannot be locked\n  help: give true for all, or a list of ${TRAINING_LOCK_FIELDS.join(', ')}`],
    [{ goals: [answer({ kind: 'gradient', node: 'h', param: 'zzzzzz', index: 0 })] }, "lesson.goals[0].quantity.param: node 'h' (dense) has no trainable weight 'zzzzzz'; it has kernel, bias"],
    [{ goals: [answer({ kind: 'gradient', node: 3, param: 'kernel', index: 0 })] }, 'lesson.goals[0].quantity.node: must be text (got 3)'],
    [{ goals: [answer({ kind: 'gradient', node: 'h', param: 3, index: 0 })] }, 'lesson.goals[0].quantity.param: must be text (got 3)'],
  ] as [Record<string, unknown>, string][])('%j', (lesson, message) => {
    expect(problem(lesson).message).toBe(message);
  });
});
