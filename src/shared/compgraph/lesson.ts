/**
 * Lessons on computational-graph projects (docs/lessons.md): the same `lesson` field as a
 * network's, narrowed to what a graph of scalar blocks has. Goals are answers checked against
 * ∂g/∂θ of a named variable by reverse mode; the one lock is `graph: true` (no block, wire, param
 * or output changes; moving blocks stays allowed). Pure: the page evaluates graphs itself.
 */
import { didYouMean } from '../closest-names';
import type { AnswerReference } from '../lesson-goals';
import { checkAnswerGoal } from '../lesson';
import type { LessonQuantity } from '../lesson-types';
import { array, boolean, fail, join, object, optional, record, string, type Json } from '../project-fields';
import { CompGraphEvaluationError, forwardPass, reverseMode } from './evaluate';
import type { CompGraph, CompGraphProject } from './types';

/** The names of the graph's variables (their `name` params), as `partial` quantities refer to them. */
function variableNames(graph: CompGraph): string[] {
  return graph.nodes.filter((n) => n.type === 'variable').map((n) => String(n.params.name));
}

/** Checks `value` as the lesson of a computational graph (already checked). Throws ProjectError. */
export function checkCompGraphLesson(value: unknown, path: string, graph: CompGraph): void {
  const lesson = object(value, path, ['title', 'instructions', 'goals'], ['locks']);
  string(lesson.title, join(path, 'title'));
  string(lesson.instructions, join(path, 'instructions'), false);
  optional(lesson, 'locks', path, (v, at) => {
    const locks = object(v, at, [], ['graph']);
    optional(locks, 'graph', at, boolean);
  });
  const names = variableNames(graph);
  const goalsPath = join(path, 'goals');
  array(lesson.goals, goalsPath).forEach((raw, i) => {
    const at = join(goalsPath, i);
    const goal = record(raw, at);
    if (goal.kind !== 'answer') fail(join(at, 'kind'), `a computational graph's goals are answers (got ${JSON.stringify(goal.kind ?? null)})`, "give 'answer' with a quantity ∂g/∂θ");
    checkAnswerGoal(goal, at, (q, qAt) => checkPartial(q, qAt, names));
  });
}

function checkPartial(value: unknown, path: string, names: readonly string[]): void {
  const q = record(value, path);
  if (q.kind !== 'partial') fail(join(path, 'kind'), `a computational graph's answers are checked against 'partial' (∂g/∂θ) (got ${JSON.stringify(q.kind ?? null)})`);
  object(q as Json, path, ['kind', 'variable'], [], 'a partial derivative');
  const name = string(q.variable, join(path, 'variable'));
  if (!names.includes(name)) {
    const hint = didYouMean(name, names);
    fail(join(path, 'variable'), `there is no variable '${name}' in the graph${hint ? ` (${hint})` : ''}`, names.length ? `the variables are ${names.join(', ')}` : undefined);
  }
}

/** The graph's value for an answer goal: ∂g/∂θ by reverse mode. Never throws: a failure is the reason. */
export function compGraphAnswerReference(graph: CompGraph, quantity: LessonQuantity): AnswerReference {
  if (quantity.kind !== 'partial') return { error: `a computational graph has no ${quantity.kind} to check against` };
  try {
    const gradient = reverseMode(graph, forwardPass(graph)).gradient;
    const value = gradient[quantity.variable];
    if (value === undefined) return { error: `there is no variable '${quantity.variable}' in the graph` };
    return Number.isFinite(value) ? { value } : { error: `∂g/∂${quantity.variable} is ${value}` };
  } catch (err) {
    if (err instanceof CompGraphEvaluationError) return { error: err.message };
    return { error: 'the graph cannot be evaluated: run the forward pass to see why' };
  }
}

/** Why the project's lesson refuses a change to its graph, or null when it allows it. */
export function compGraphLockReason(project: CompGraphProject | null, teacherMode = false): string | null {
  if (!project?.lesson?.locks?.graph || teacherMode) return null;
  return 'The graph is locked by the lesson: work it out by hand and type your answers in the lesson panel.';
}
