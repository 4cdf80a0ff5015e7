/**
 * What a lesson's locks forbid, checked on the pure function the document store calls
 * (test/renderer/lesson-locks.test.ts checks the store around it): each refusal by its exact
 * reason, and the edits that stay allowed.
 */
import { describe, expect, it } from 'vitest';
import { isParamLocked, isSettingLocked, lockedNodeIds, lockViolation, pruneLessonLocks, sameJson } from '../../src/shared/lesson-locks';
import type { Lesson, LessonLocks } from '../../src/shared/lesson-types';
import type { Project } from '../../src/shared/project-types';
import { xorProject } from './project-fixtures';

const answerGoal = { kind: 'answer', prompt: 'dL/db?', quantity: { kind: 'gradient', node: 'o', param: 'bias', index: 0 }, tolerance: 0.01 } as const;

function withLesson(locks?: LessonLocks): Project {
  const lesson: Lesson = { title: 'T', instructions: '', goals: [{ kind: 'parameters', atMost: 50 }, answerGoal], ...(locks ? { locks } : {}) };
  return { ...xorProject(), lesson };
}

/** A deep copy of `p` changed by `edit`. */
function edited(p: Project, edit: (q: Project) => void): Project {
  const q = structuredClone(p);
  edit(q);
  return q;
}

const nodeOf = (p: Project, id: string) => p.graph.nodes.find((n) => n.id === id)!;

describe('sameJson', () => {
  it('compares plain JSON by value, ignoring key order and undefined fields', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([1, 2], [1, 3])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ 0: 1 }, [1])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({}, null)).toBe(false);
    expect(sameJson(1, '1')).toBe(false);
    expect(sameJson(null, null)).toBe(true);
  });
});

describe('lock queries', () => {
  const locks: LessonLocks = { nodes: ['x'], params: { h: ['units'] }, data: ['split'], training: ['optimizer', 'epochs'] };

  it('protects locked nodes and nodes with locked params', () => {
    expect([...lockedNodeIds(locks)]).toEqual(['x', 'h']);
    expect(lockedNodeIds(undefined).size).toBe(0);
  });

  it('locks every param of a locked node, and only the named params otherwise', () => {
    expect(isParamLocked(locks, 'x', 'anything')).toBe(true);
    expect(isParamLocked(locks, 'h', 'units')).toBe(true);
    expect(isParamLocked(locks, 'h', 'init')).toBe(false);
    expect(isParamLocked(locks, 'o', 'units')).toBe(false);
    expect(isParamLocked(undefined, 'x', 'units')).toBe(false);
  });

  it('locks a setting by itself or through a parent, not through a shared prefix', () => {
    expect(isSettingLocked(locks, 'training', 'epochs')).toBe(true);
    expect(isSettingLocked(locks, 'training', 'optimizer.learningRate')).toBe(true);
    expect(isSettingLocked({ training: ['optimizer.type'] }, 'training', 'optimizer')).toBe(false);
    expect(isSettingLocked({ data: ['split'] }, 'data', 'splitter')).toBe(false);
    expect(isSettingLocked(locks, 'training', 'seed')).toBe(false);
    expect(isSettingLocked({ data: true }, 'data', 'normalize')).toBe(true);
    expect(isSettingLocked({ data: false }, 'data', 'normalize')).toBe(false);
    expect(isSettingLocked(undefined, 'data', 'normalize')).toBe(false);
  });
});

describe('lockViolation', () => {
  it('allows everything without a lesson, and answers and positions with one', () => {
    const free = xorProject();
    expect(lockViolation(free, edited(free, (q) => (q.graph.nodes = [])))).toBeNull();
    const p = withLesson({ nodes: ['h'], graph: true, data: true, training: true });
    const moved = edited(p, (q) => {
      nodeOf(q, 'h').position = { x: 1, y: 2 };
      (q.lesson!.goals[1] as { answer?: number }).answer = 0.5;
      q.name = 'renamed';
      q.runs = [];
    });
    expect(lockViolation(p, moved)).toBeNull();
  });

  it('refuses a change of the lesson itself', () => {
    const p = withLesson();
    expect(lockViolation(p, edited(p, (q) => (q.lesson!.title = 'Mine')))).toBe('The lesson itself can only be changed in teacher mode.');
    // Any goal, not only the answers: a budget, or an answer goal's tolerance.
    expect(lockViolation(p, edited(p, (q) => (q.lesson!.goals[0] = { kind: 'parameters', atMost: 60 })))).toBe('The lesson itself can only be changed in teacher mode.');
    expect(lockViolation(p, edited(p, (q) => ((q.lesson!.goals[1] as { tolerance: number }).tolerance = 1)))).toBe('The lesson itself can only be changed in teacher mode.');
    expect(lockViolation(p, edited(p, (q) => delete q.lesson))).toBe('The lesson itself can only be changed in teacher mode.');
  });

  it('refuses deleting the node an answer goal asks about, even without locks', () => {
    const p = withLesson();
    const gone = edited(p, (q) => (q.graph.nodes = q.graph.nodes.filter((n) => n.id !== 'o')));
    expect(lockViolation(p, gone)).toBe("'o' is used by the lesson's goal 2: it cannot be deleted.");
    expect(lockViolation(p, edited(p, (q) => (q.graph.nodes = q.graph.nodes.filter((n) => n.id !== 'a'))))).toBeNull();
  });

  it('refuses deleting or changing a locked node, naming it by label or by type and id', () => {
    const p = withLesson({ nodes: ['h', 'a'] });
    expect(lockViolation(p, edited(p, (q) => (q.graph.nodes = q.graph.nodes.filter((n) => n.id !== 'h'))))).toBe(
      "'hidden' (Dense) is locked by the lesson: it cannot be deleted.",
    );
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'h').params.units = 8)))).toBe("'hidden' (Dense) is locked by the lesson: its settings cannot be changed.");
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'h').label = 'wide')))).toBe("'hidden' (Dense) is locked by the lesson: its settings cannot be changed.");
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'a').type = 'relu')))).toBe("Tanh 'a' is locked by the lesson: its settings cannot be changed.");
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'a').label = 'act')))).toBe("Tanh 'a' is locked by the lesson: its settings cannot be changed.");
    // An empty label is the same as none.
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'a').label = '')))).toBeNull();
    // Nodes that are not locked stay free.
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'o').params.units = 3)))).toBeNull();
  });

  it('refuses a locked param by its label, allows the node\'s other params', () => {
    const p = withLesson({ params: { o: ['units'] } });
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'o').params.units = 2)))).toBe("Units of Dense 'o' is locked by the lesson.");
    expect(lockViolation(p, edited(p, (q) => (nodeOf(q, 'o').params.init = 'zeros')))).toBeNull();
    expect(lockViolation(p, edited(p, (q) => (q.graph.nodes = q.graph.nodes.filter((n) => n.id !== 'o'))))).toBe(
      "'o' is used by the lesson's goal 2: it cannot be deleted.",
    );
  });

  it('a graph lock refuses removing and adding nodes and connections, and the locked node speaks first', () => {
    const p = withLesson({ graph: true });
    expect(lockViolation(p, edited(p, (q) => (q.graph.nodes = q.graph.nodes.filter((n) => n.id !== 'a'))))).toBe(
      "The network's structure is locked by the lesson: Tanh 'a' cannot be deleted.",
    );
    const extra = edited(p, (q) => q.graph.nodes.push({ id: 'n', type: 'relu', position: { x: 0, y: 0 }, params: {} }));
    expect(lockViolation(p, extra)).toBe("The network's structure is locked by the lesson: no node can be added.");
    expect(lockViolation(p, edited(p, (q) => q.graph.edges.pop()))).toBe("The network's structure is locked by the lesson: connections cannot be added or removed.");
    const rewired = edited(p, (q) => (q.graph.edges[4]!.source = 'o'));
    expect(lockViolation(p, rewired)).toBe("The network's structure is locked by the lesson: connections cannot be added or removed.");
    // The same connections in another order, under new edge ids, are the same structure.
    const reordered = edited(p, (q) => (q.graph.edges = q.graph.edges.reverse().map((e, i) => ({ ...e, id: `k${i}` }))));
    expect(lockViolation(p, reordered)).toBeNull();
    const both = withLesson({ graph: true, nodes: ['a'] });
    expect(lockViolation(both, edited(both, (q) => (q.graph.nodes = q.graph.nodes.filter((n) => n.id !== 'a'))))).toBe(
      "Tanh 'a' is locked by the lesson: it cannot be deleted.",
    );
    // Without the graph lock, the structure is free.
    const open = withLesson({});
    expect(lockViolation(open, edited(open, (q) => q.graph.edges.pop()))).toBeNull();
  });

  it('refuses locked data and training settings by name, whole sections included', () => {
    const p = withLesson({ data: ['split', 'options'], training: ['optimizer.learningRate', 'seed', 'schedule'] });
    expect(lockViolation(p, edited(p, (q) => (q.data.split = { validation: 0.5 })))).toBe('The split is locked by the lesson.');
    expect(lockViolation(p, edited(p, (q) => ((q.data as { options: Record<string, number> }).options.n = 5)))).toBe(
      "The dataset's options are locked by the lesson.",
    );
    expect(lockViolation(p, edited(p, (q) => (q.data.normalize = 'standard')))).toBeNull();
    expect(lockViolation(p, edited(p, (q) => (q.training.optimizer.learningRate = 1)))).toBe('The learning rate is locked by the lesson.');
    expect(lockViolation(p, edited(p, (q) => (q.training.seed = 2)))).toBe('The seed is locked by the lesson.');
    expect(lockViolation(p, edited(p, (q) => delete q.training.schedule))).toBe('The learning-rate schedule is locked by the lesson.');
    expect(lockViolation(p, edited(p, (q) => (q.training.epochs = 2)))).toBeNull();
    // A lock without a sentence of its own is named by its path.
    const beta = withLesson({ training: ['optimizer.momentum'] });
    expect(lockViolation(beta, edited(beta, (q) => ((q.training.optimizer as { momentum: number }).momentum = 0.5)))).toBe(
      "'optimizer.momentum' is locked by the lesson.",
    );
    const whole = withLesson({ data: true, training: true });
    expect(lockViolation(whole, edited(whole, (q) => (q.data.normalize = 'standard')))).toBe('The data is locked by the lesson.');
    expect(lockViolation(whole, edited(whole, (q) => (q.training.epochs = 2)))).toBe('The training settings are locked by the lesson.');
    const none = withLesson({ data: false, training: false });
    expect(lockViolation(none, edited(none, (q) => (q.training.epochs = 2)))).toBeNull();
  });
});

describe('pruneLessonLocks', () => {
  const lesson = (locks?: LessonLocks): Lesson => ({ title: 'T', instructions: '', goals: [], ...(locks ? { locks } : {}) });
  const graph = xorProject().graph;
  const without = (...ids: string[]) => ({ ...graph, nodes: graph.nodes.filter((n) => !ids.includes(n.id)) });

  it('returns the same lesson when no locked node is gone', () => {
    const l = lesson({ nodes: ['x'], params: { h: ['units'] }, graph: true });
    expect(pruneLessonLocks(l, without('a'))).toBe(l);
    const bare = lesson();
    expect(pruneLessonLocks(bare, without('x'))).toBe(bare);
  });

  it('drops the locks of nodes that are gone, and empty lists with them', () => {
    const l = lesson({ nodes: ['x', 'h'], params: { h: ['units'], o: ['units'] }, data: true });
    expect(pruneLessonLocks(l, without('h'))).toEqual(lesson({ nodes: ['x'], params: { o: ['units'] }, data: true }));
    expect(pruneLessonLocks(l, without('x', 'h', 'o'))).toEqual(lesson({ data: true }));
    expect(pruneLessonLocks(lesson({ params: { o: ['units'] } }), without('o'))).toEqual(lesson({}));
    expect(pruneLessonLocks(lesson({ nodes: ['o'] }), without('o'))).toEqual(lesson({}));
    // One of several locked nodes gone, or one of several nodes with locked params.
    expect(pruneLessonLocks(lesson({ nodes: ['x', 'h'], params: { o: ['units'] } }), without('h'))).toEqual(lesson({ nodes: ['x'], params: { o: ['units'] } }));
    expect(pruneLessonLocks(lesson({ nodes: ['x'], params: { h: ['units'], o: ['units'] } }), without('h'))).toEqual(lesson({ nodes: ['x'], params: { o: ['units'] } }));
    expect(l.locks!.nodes).toEqual(['x', 'h']); // the original is left alone
  });
});

describe('how a refusal names each locked setting', () => {
  const cases: ['data' | 'training', string, (q: Project) => unknown, string][] = [
    ['data', 'dataset', (q) => ((q.data as { dataset: string }).dataset = 'moons'), 'The dataset is locked by the lesson.'],
    ['data', 'normalize', (q) => (q.data.normalize = 'standard'), 'Normalisation is locked by the lesson.'],
    ['training', 'optimizer', (q) => (q.training.optimizer.learningRate = 2), 'The optimiser is locked by the lesson.'],
    ['training', 'optimizer.type', (q) => (q.training.optimizer = { type: 'adam', learningRate: 0.5 }), "The optimiser's type is locked by the lesson."],
    ['training', 'batchSize', (q) => (q.training.batchSize = 8), 'The batch size is locked by the lesson.'],
    ['training', 'sampling', (q) => (q.training.sampling = 'shuffle'), 'Sampling is locked by the lesson.'],
    ['training', 'epochs', (q) => (q.training.epochs = 7), 'The number of epochs is locked by the lesson.'],
    ['training', 'earlyStopping', (q) => delete q.training.earlyStopping, 'Early stopping is locked by the lesson.'],
    ['training', 'averaging', (q) => (q.training.averaging = false), 'Averaging is locked by the lesson.'],
    ['training', 'l1', (q) => (q.training.l1 = 0), 'The L1 penalty is locked by the lesson.'],
  ];
  it.each(cases)('%s.%s', (section, field, edit, reason) => {
    const p = withLesson({ [section]: [field] });
    expect(lockViolation(p, edited(p, edit))).toBe(reason);
  });

  it('names the CSV settings', () => {
    const csv = { csv: 'a.csv', features: ['a', 'b'], target: 't', task: 'regression' as const };
    const p: Project = { ...withLesson({ data: ['csv', 'features', 'target'] }), data: csv };
    expect(lockViolation(p, edited(p, (q) => ((q.data as typeof csv).csv = 'b.csv')))).toBe('The CSV file is locked by the lesson.');
    expect(lockViolation(p, edited(p, (q) => ((q.data as typeof csv).features = ['a'])))).toBe('The feature columns are locked by the lesson.');
    expect(lockViolation(p, edited(p, (q) => ((q.data as typeof csv).target = 'b')))).toBe('The target column is locked by the lesson.');
  });
});
