/** Lesson locks enforced by the document store: refused edits with reasons, undo untouched, teacher mode. */
import { describe, expect, it } from 'vitest';
import { createProjectStore } from '../../src/renderer/src/store';
import { lockViolation } from '../../src/shared/lesson-locks';
import type { Lesson } from '../../src/shared/lesson-types';
import { findTemplate } from '../../src/shared/templates';

const lesson: Lesson = {
  title: 'Test lesson',
  instructions: 'Do it.',
  locks: { nodes: ['x', 'loss'], params: { hidden: ['units'] }, data: true, training: ['epochs', 'optimizer.learningRate'] },
  goals: [
    { kind: 'parameters', atMost: 50 },
    { kind: 'answer', prompt: 'Loss?', quantity: { kind: 'loss', split: 'train' }, tolerance: 0.1 },
  ],
};

function lessonStore(locks = lesson.locks) {
  const project = findTemplate('xor-mlp')!.build();
  return createProjectStore({ ...project, lesson: { ...lesson, ...(locks ? { locks } : {}) } });
}

describe('lesson locks in the store', () => {
  it('refuses deleting a locked node, with the reason, leaving project and history alone', () => {
    const store = lessonStore();
    store.getState().setParam('hidden', 'useBias', false); // an allowed edit first: one undo step
    const { project, past } = store.getState();
    store.getState().setSelection({ nodes: ['loss'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().project.graph).toBe(project.graph);
    expect(store.getState().past).toBe(past);
    expect(store.getState().lockRefusal?.message).toBe("Binary cross-entropy 'loss' is locked by the lesson: it cannot be deleted.");
    store.getState().undo();
    expect(store.getState().project.graph.nodes.find((n) => n.id === 'hidden')!.params.useBias).toBeUndefined();
  });

  it('refuses a locked param but allows the node\'s other params and moving it', () => {
    const store = lessonStore();
    expect(store.getState().setParam('hidden', 'units', 8)).toBe('Units of Dense \'hidden\' is locked by the lesson.');
    expect(store.getState().setParam('hidden', 'useBias', false)).toBeNull();
    store.getState().moveNodes({ hidden: { x: 5, y: 5 } });
    expect(store.getState().project.graph.nodes.find((n) => n.id === 'hidden')!.position).toEqual({ x: 5, y: 5 });
    store.getState().setLabel('x', 'features');
    expect(store.getState().project.graph.nodes.find((n) => n.id === 'x')!.label).toBeUndefined();
    expect(store.getState().lockRefusal?.message).toBe("Input 'x' is locked by the lesson: its settings cannot be changed.");
  });

  it('counts refusals so the same reason can be shown again', () => {
    const store = lessonStore();
    store.getState().setParam('hidden', 'units', 8);
    const first = store.getState().lockRefusal!.seq;
    store.getState().setParam('hidden', 'units', 9);
    expect(store.getState().lockRefusal!.seq).toBe(first + 1);
  });

  it('refuses locked data and training fields, allows the others', () => {
    const store = lessonStore();
    expect(store.getState().setData({ normalize: 'standard' })).toBe('The data is locked by the lesson.');
    expect(store.getState().setTraining({ epochs: 10 })).toBe('The number of epochs is locked by the lesson.');
    const optimizer = store.getState().project.training.optimizer;
    expect(store.getState().setTraining({ optimizer: { ...optimizer, learningRate: 2 } })).toBe('The learning rate is locked by the lesson.');
    expect(store.getState().setTraining({ optimizer: { type: 'sgd', learningRate: optimizer.learningRate, momentum: 0.5 } })).toBeNull();
    expect(store.getState().setTraining({ batchSize: 2 })).toBeNull();
  });

  it('a graph lock refuses new nodes and connections', () => {
    const store = lessonStore({ graph: true });
    expect(store.getState().addNode('dense', { x: 0, y: 0 })).toBeNull();
    expect(store.getState().project.graph.nodes).toHaveLength(6);
    expect(store.getState().lockRefusal?.message).toBe("The network's structure is locked by the lesson: no node can be added.");
    const edge = store.getState().project.graph.edges[0]!;
    store.getState().setSelection({ nodes: [], edges: [edge.id] });
    store.getState().deleteSelection();
    expect(store.getState().project.graph.edges).toHaveLength(5);
    expect(store.getState().lockRefusal?.message).toBe("The network's structure is locked by the lesson: connections cannot be added or removed.");
  });

  it('the lesson itself changes only in teacher mode; answers are the student\'s', () => {
    const store = lessonStore();
    expect(store.getState().setLesson({ ...lesson, title: 'Mine' })).toBe('The lesson itself can only be changed in teacher mode.');
    expect(store.getState().setLesson(undefined)).toBe('The lesson itself can only be changed in teacher mode.');
    expect(store.getState().setLessonAnswer(1, 0.7)).toBeNull();
    expect(store.getState().project.lesson!.goals[1]).toMatchObject({ answer: 0.7 });
    store.getState().setTeacherMode(true);
    expect(store.getState().setLesson({ ...lesson, title: 'Mine' })).toBeNull();
    expect(store.getState().setParam('hidden', 'units', 8)).toBeNull(); // locks do not bind the teacher
    store.getState().setTeacherMode(false);
    expect(store.getState().project.lesson!.title).toBe('Mine');
    expect(store.getState().setParam('hidden', 'units', 16)).toContain('locked by the lesson');
  });

  it('opening a project turns teacher mode off (a student gets the locked view)', () => {
    const store = lessonStore();
    store.getState().setTeacherMode(true);
    store.getState().newProject(findTemplate('xor-mlp')!.build());
    expect(store.getState().teacherMode).toBe(false);
  });

  it('teacher mode: deleting a locked node drops its locks with it (one undo step brings both back)', () => {
    const store = lessonStore();
    store.getState().setTeacherMode(true);
    store.getState().setSelection({ nodes: ['hidden'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().project.graph.nodes.map((n) => n.id)).not.toContain('hidden');
    expect(store.getState().project.lesson!.locks).toEqual({ nodes: ['x', 'loss'], data: true, training: ['epochs', 'optimizer.learningRate'] });
    store.getState().undo();
    expect(store.getState().project.lesson!.locks!.params).toEqual({ hidden: ['units'] });
  });

  it('a node an answer goal asks about cannot be deleted by the student', () => {
    const project = findTemplate('xor-mlp')!.build();
    const store = createProjectStore({
      ...project,
      lesson: { title: 'q', instructions: '', goals: [{ kind: 'answer', prompt: 'δ?', quantity: { kind: 'gradient', node: 'logit', param: 'bias', index: 0 }, tolerance: 0.01 }] },
    });
    store.getState().setSelection({ nodes: ['logit'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().lockRefusal?.message).toBe("'logit' is used by the lesson's goal 1: it cannot be deleted.");
    expect(store.getState().project.graph.nodes.map((n) => n.id)).toContain('logit');
  });

  it('training results are never locked', () => {
    const store = lessonStore({ nodes: ['hidden'], graph: true, data: true, training: true });
    const run = { id: 'r1', startedAt: '2026-12-05T07:00:00.000Z', settings: { training: store.getState().project.training, data: store.getState().project.data }, epochs: [] };
    store.getState().setRuns([run]);
    expect(store.getState().project.runs).toEqual([run]);
    expect(lockViolation(store.getState().project, { ...store.getState().project, name: 'Renamed', weights: {} })).toBeNull();
  });
});
