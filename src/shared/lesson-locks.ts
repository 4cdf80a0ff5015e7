/**
 * What a lesson's locks forbid (docs/lessons.md): given the project before and after an edit,
 * the reason the edit is refused, or null. Pure: the document store calls it for every command
 * while teacher mode is off. Moving nodes, training (weights, runs) and the project's name are
 * never locked; a student may change only their answers in the lesson itself.
 */
import type { Graph, GraphEdge, GraphNode } from './graph-types';
import { getNodeSpec } from './nodes';
import type { Lesson, LessonLocks } from './lesson-types';
import type { Project } from './project-types';

export const LOCK_REASON = 'locked by the lesson';

/** Structural equality of plain JSON values (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    return a.length === list.length && a.every((x, i) => sameJson(x, list[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The node ids a lesson protects from deletion: locked nodes and nodes with locked params. */
export function lockedNodeIds(locks: LessonLocks | undefined): Set<string> {
  return new Set([...(locks?.nodes ?? []), ...Object.keys(locks?.params ?? {})]);
}

/** Whether `param` of `nodeId` is locked (the whole node, or the param itself). */
export function isParamLocked(locks: LessonLocks | undefined, nodeId: string, param: string): boolean {
  return Boolean(locks?.nodes?.includes(nodeId) || locks?.params?.[nodeId]?.includes(param));
}

/** Whether a data or training field (e.g. 'optimizer.learningRate') is locked, by itself or a parent. */
export function isSettingLocked(locks: LessonLocks | undefined, section: 'data' | 'training', path: string): boolean {
  const lock = locks?.[section];
  if (lock === true) return true;
  if (!Array.isArray(lock)) return false;
  return lock.some((locked) => locked === path || path.startsWith(`${locked}.`));
}

function nodeName(node: GraphNode): string {
  const type = getNodeSpec(node.type)?.label ?? node.type;
  return node.label ? `'${node.label}' (${type})` : `${type} '${node.id}'`;
}

const edgeKey = (e: GraphEdge) => `${e.source}:${e.sourceHandle}>${e.target}:${e.targetHandle}`;

function structureChange(before: Graph, after: Graph): string | null {
  const ids = new Set(after.nodes.map((n) => n.id));
  const removed = before.nodes.find((n) => !ids.has(n.id));
  if (removed) return `The network's structure is ${LOCK_REASON}: ${nodeName(removed)} cannot be deleted.`;
  const old = new Set(before.nodes.map((n) => n.id));
  const added = after.nodes.find((n) => !old.has(n.id));
  if (added) return `The network's structure is ${LOCK_REASON}: no node can be added.`;
  const keys = (g: Graph) => g.edges.map(edgeKey).sort().join('|');
  if (keys(before) !== keys(after)) return `The network's structure is ${LOCK_REASON}: connections cannot be added or removed.`;
  return null;
}

function nodeChange(locks: LessonLocks, before: Graph, after: Graph): string | null {
  const protectedIds = lockedNodeIds(locks);
  for (const old of before.nodes) {
    if (!protectedIds.has(old.id)) continue;
    const now = after.nodes.find((n) => n.id === old.id);
    if (!now) return `${nodeName(old)} is ${LOCK_REASON}: it cannot be deleted.`;
    const whole = locks.nodes?.includes(old.id);
    if (whole && (now.type !== old.type || (now.label ?? '') !== (old.label ?? '') || !sameJson(now.params, old.params)))
      return `${nodeName(old)} is ${LOCK_REASON}: its settings cannot be changed.`;
    for (const param of locks.params?.[old.id] ?? []) {
      if (!sameJson(now.params[param], old.params[param])) {
        const label = getNodeSpec(old.type)?.params[param]?.label ?? param;
        return `${label} of ${nodeName(old)} is ${LOCK_REASON}.`;
      }
    }
  }
  return null;
}

/** "The learning rate is": how a refusal names a locked setting. */
const SETTING_NAMES: Record<string, string> = {
  dataset: 'The dataset is', csv: 'The CSV file is', features: 'The feature columns are', target: 'The target column is',
  options: "The dataset's options are", normalize: 'Normalisation is', split: 'The split is',
  optimizer: 'The optimiser is', 'optimizer.type': "The optimiser's type is", 'optimizer.learningRate': 'The learning rate is',
  schedule: 'The learning-rate schedule is', batchSize: 'The batch size is', sampling: 'Sampling is', epochs: 'The number of epochs is',
  seed: 'The seed is', earlyStopping: 'Early stopping is', averaging: 'Averaging is', l1: 'The L1 penalty is',
};

function settingChange(lock: boolean | string[] | undefined, before: unknown, after: unknown, whole: string): string | null {
  if (lock === true) return sameJson(before, after) ? null : `${whole} ${LOCK_REASON}.`;
  for (const path of lock || []) {
    if (!sameJson(valueAt(before, path), valueAt(after, path))) return `${SETTING_NAMES[path] ?? `'${path}' is`} ${LOCK_REASON}.`;
  }
  return null;
}

/** A node an answer goal asks about cannot go: the goal would lose its meaning. */
function answerNodeRemoved(lesson: Lesson, after: Graph): string | null {
  const ids = new Set(after.nodes.map((n) => n.id));
  for (const [i, goal] of lesson.goals.entries()) {
    if (goal.kind === 'answer' && goal.quantity.kind === 'gradient' && !ids.has(goal.quantity.node))
      return `'${goal.quantity.node}' is used by the lesson's goal ${i + 1}: it cannot be deleted.`;
  }
  return null;
}

/**
 * In teacher mode: the lesson after an edit of the graph, without locks on nodes that are gone
 * (deleting a locked node is the teacher's call). Returns the same object when nothing changed.
 */
export function pruneLessonLocks(lesson: Lesson, graph: Graph): Lesson {
  const locks = lesson.locks;
  if (!locks) return lesson;
  const ids = new Set(graph.nodes.map((n) => n.id));
  const goneNode = locks.nodes?.some((id) => !ids.has(id));
  const goneParams = Object.keys(locks.params ?? {}).some((id) => !ids.has(id));
  if (!goneNode && !goneParams) return lesson;
  const next: LessonLocks = { ...locks };
  if (locks.nodes) next.nodes = locks.nodes.filter((id) => ids.has(id));
  if (locks.params) next.params = Object.fromEntries(Object.entries(locks.params).filter(([id]) => ids.has(id)));
  if (next.nodes?.length === 0) delete next.nodes;
  if (next.params && Object.keys(next.params).length === 0) delete next.params;
  return { ...lesson, locks: next };
}

/** The lesson with the students' answers taken out: what only teacher mode may change. */
function withoutAnswers(lesson: Lesson | undefined): unknown {
  if (!lesson) return undefined;
  return { ...lesson, goals: lesson.goals.map((g) => (g.kind === 'answer' ? { ...g, answer: undefined } : g)) };
}

/** Why the edit from `before` to `after` breaks `before`'s lesson, or null when it is allowed. */
export function lockViolation(before: Project, after: Project): string | null {
  const lesson = before.lesson;
  if (!lesson) return null;
  if (!sameJson(withoutAnswers(lesson), withoutAnswers(after.lesson))) return 'The lesson itself can only be changed in teacher mode.';
  const answerNode = answerNodeRemoved(lesson, after.graph);
  if (answerNode) return answerNode;
  const locks = lesson.locks;
  if (!locks) return null;
  // A locked node's own reason first: it says more than "the structure is locked".
  return (
    nodeChange(locks, before.graph, after.graph) ??
    (locks.graph ? structureChange(before.graph, after.graph) : null) ??
    settingChange(locks.data, before.data, after.data, 'The data is') ??
    settingChange(locks.training, before.training, after.training, 'The training settings are')
  );
}
