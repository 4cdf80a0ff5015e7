/**
 * Validation of a project's `lesson` (types in lesson-types.ts, docs/lessons.md). Structural
 * checks name the field ("lesson.goals[1].atLeast: must be a number in [0, 1] (got 2)");
 * cross-checks against the graph name the node or param that does not exist.
 */
import type { Graph } from './graph-types';
import { didYouMean } from './closest-names';
import { getNodeSpec } from './nodes';
import { array, boolean, fail, join, number, object, oneOf, optional, record, string, withArticle, type Json } from './project-fields';

export const LESSON_METRICS = ['loss', 'accuracy', 'mae', 'r2'] as const;
export const LESSON_SPLITS = ['train', 'validation', 'test'] as const;
export const LESSON_GOAL_KINDS = ['metric', 'parameters', 'lossWithin', 'answer'] as const;
export const LESSON_QUANTITY_KINDS = ['gradient', 'loss', 'output'] as const;

/** The data fields a lesson can lock one by one. */
export const DATA_LOCK_FIELDS = ['dataset', 'csv', 'sha256', 'features', 'target', 'task', 'imageShape', 'options', 'normalize', 'split'] as const;
/** The training fields a lesson can lock one by one (optimizer.* locks one setting of the optimiser). */
export const TRAINING_LOCK_FIELDS = [
  'optimizer', 'optimizer.type', 'optimizer.learningRate', 'optimizer.momentum', 'optimizer.dampening', 'optimizer.nesterov',
  'optimizer.beta1', 'optimizer.beta2', 'optimizer.rho', 'optimizer.epsilon', 'optimizer.lrDecay', 'optimizer.weightDecay',
  'schedule', 'batchSize', 'sampling', 'epochs', 'seed', 'earlyStopping', 'averaging', 'l1',
] as const;

const GOAL_FIELDS: Record<(typeof LESSON_GOAL_KINDS)[number], { required: string[]; optional: string[] }> = {
  metric: { required: ['kind', 'metric', 'split'], optional: ['atLeast', 'atMost', 'label'] },
  parameters: { required: ['kind', 'atMost'], optional: ['label'] },
  lossWithin: { required: ['kind', 'below', 'epochs'], optional: ['split', 'label'] },
  answer: { required: ['kind', 'prompt', 'quantity', 'tolerance'], optional: ['relative', 'answer', 'label'] },
};

/** Checks `value` as a lesson of a project with `graph` (already checked). Throws ProjectError. */
export function checkLesson(value: unknown, path: string, graph: Graph): void {
  const lesson = object(value, path, ['title', 'instructions', 'goals'], ['locks']);
  string(lesson.title, join(path, 'title'));
  string(lesson.instructions, join(path, 'instructions'), false);
  optional(lesson, 'locks', path, (v, at) => checkLocks(v, at, graph));
  const goalsPath = join(path, 'goals');
  array(lesson.goals, goalsPath).forEach((goal, i) => checkGoal(goal, join(goalsPath, i), graph));
}

function nodeOf(graph: Graph, id: string, at: string) {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) {
    const hint = didYouMean(id, graph.nodes.map((n) => n.id));
    fail(at, `there is no node '${id}' in the graph${hint ? ` (${hint})` : ''}`);
  }
  return node;
}

function fieldList(value: unknown, at: string, allowed: readonly string[]): void {
  if (typeof value === 'boolean') return;
  const names = array(value, at).map((v, i) => string(v, join(at, i)));
  names.forEach((name, i) => {
    if (allowed.includes(name)) return;
    const hint = didYouMean(name, allowed);
    fail(join(at, i), `'${name}' cannot be locked${hint ? ` (${hint})` : ''}`, `give true for all, or a list of ${allowed.join(', ')}`);
  });
}

function checkLocks(value: unknown, path: string, graph: Graph): void {
  const locks = object(value, path, [], ['nodes', 'params', 'graph', 'data', 'training']);
  optional(locks, 'nodes', path, (v, at) => array(v, at).forEach((id, i) => nodeOf(graph, string(id, join(at, i)), join(at, i))));
  optional(locks, 'params', path, (v, at) => {
    for (const [nodeId, names] of Object.entries(record(v, at))) {
      const nodeAt = join(at, nodeId);
      const node = nodeOf(graph, nodeId, nodeAt);
      const known = Object.keys(getNodeSpec(node.type)?.params ?? {});
      array(names, nodeAt).forEach((name, i) => {
        const param = string(name, join(nodeAt, i));
        if (known.includes(param)) return;
        const hint = didYouMean(param, known);
        fail(join(nodeAt, i), `node '${nodeId}' (${node.type}) has no parameter '${param}'${hint ? ` (${hint})` : ''}`);
      });
    }
  });
  optional(locks, 'graph', path, boolean);
  optional(locks, 'data', path, (v, at) => fieldList(v, at, DATA_LOCK_FIELDS));
  optional(locks, 'training', path, (v, at) => fieldList(v, at, TRAINING_LOCK_FIELDS));
}

function checkGoal(value: unknown, path: string, graph: Graph): void {
  const raw = record(value, path);
  const kindPath = join(path, 'kind');
  if (!Object.hasOwn(raw, 'kind')) fail(kindPath, 'required field is missing', `a goal's kind is one of ${LESSON_GOAL_KINDS.join(', ')}`);
  const kind = oneOf(raw.kind, kindPath, LESSON_GOAL_KINDS);
  const fields = GOAL_FIELDS[kind];
  const goal = object(raw, path, fields.required, fields.optional, withArticle(`${kind} goal`));
  optional(goal, 'label', path, (v, at) => string(v, at));
  switch (kind) {
    case 'metric':
      return checkMetricGoal(goal, path);
    case 'parameters':
      number(goal.atMost, join(path, 'atMost'), { integer: true, min: 0 });
      return;
    case 'lossWithin':
      number(goal.below, join(path, 'below'), { min: 0, minExclusive: true });
      number(goal.epochs, join(path, 'epochs'), { integer: true, min: 1 });
      optional(goal, 'split', path, (v, at) => oneOf(v, at, ['train', 'validation'] as const));
      return;
    case 'answer':
      return checkAnswerGoal(goal, path, (q, at) => checkQuantity(q, at, graph));
  }
}

/**
 * An answer goal's fields (its `kind` already known to be 'answer'), with `checkQuantity` for the
 * project kind's quantities: a network's here, a computational graph's in compgraph/lesson.ts.
 */
export function checkAnswerGoal(goal: Json, path: string, checkQuantity: (value: unknown, path: string) => void): void {
  const fields = GOAL_FIELDS.answer;
  object(goal, path, fields.required, fields.optional, 'an answer goal');
  optional(goal, 'label', path, (v, at) => string(v, at));
  string(goal.prompt, join(path, 'prompt'));
  checkQuantity(goal.quantity, join(path, 'quantity'));
  number(goal.tolerance, join(path, 'tolerance'), { min: 0 });
  optional(goal, 'relative', path, boolean);
  optional(goal, 'answer', path, (v, at) => number(v, at));
}

function checkMetricGoal(goal: Json, path: string): void {
  const metric = oneOf(goal.metric, join(path, 'metric'), LESSON_METRICS);
  oneOf(goal.split, join(path, 'split'), LESSON_SPLITS);
  const hasLeast = goal.atLeast !== undefined;
  const hasMost = goal.atMost !== undefined;
  if (hasLeast === hasMost) fail(path, hasLeast ? "give either 'atLeast' or 'atMost', not both" : "needs 'atLeast' or 'atMost' (the threshold)", 'e.g. "atLeast": 0.9 for accuracy, "atMost": 0.05 for loss');
  const rule = metric === 'accuracy' ? { min: 0, max: 1 } : metric === 'r2' ? { max: 1 } : { min: 0 };
  const key = hasLeast ? 'atLeast' : 'atMost';
  number(goal[key], join(path, key), rule);
}

function checkQuantity(value: unknown, path: string, graph: Graph): void {
  const raw = record(value, path);
  const kindPath = join(path, 'kind');
  if (!Object.hasOwn(raw, 'kind')) fail(kindPath, 'required field is missing', `one of ${LESSON_QUANTITY_KINDS.join(', ')}`);
  const kind = oneOf(raw.kind, kindPath, LESSON_QUANTITY_KINDS);
  if (kind === 'gradient') {
    const q = object(raw, path, ['kind', 'node', 'param', 'index'], [], 'a gradient');
    const node = nodeOf(graph, string(q.node, join(path, 'node')), join(path, 'node'));
    const param = string(q.param, join(path, 'param'));
    const weights = (getNodeSpec(node.type)?.weights ?? []).filter((w) => w.trainable).map((w) => w.name);
    if (!weights.includes(param)) {
      const hint = didYouMean(param, weights);
      fail(join(path, 'param'), `node '${node.id}' (${node.type}) has no trainable weight '${param}'${weights.length ? `${hint ? ` (${hint})` : ''}; it has ${weights.join(', ')}` : ''}`);
    }
    number(q.index, join(path, 'index'), { integer: true, min: 0 });
  } else if (kind === 'loss') {
    const q = object(raw, path, ['kind', 'split'], [], 'a loss');
    oneOf(q.split, join(path, 'split'), LESSON_SPLITS);
  } else {
    const q = object(raw, path, ['kind', 'input'], ['index'], 'an output');
    const inputPath = join(path, 'input');
    const input = array(q.input, inputPath);
    if (input.length === 0) fail(inputPath, 'must give at least one feature value');
    input.forEach((x, i) => number(x, join(inputPath, i)));
    optional(q, 'index', path, (v, at) => number(v, at, { integer: true, min: 0 }));
  }
}
