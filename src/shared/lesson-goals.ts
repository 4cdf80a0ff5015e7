/**
 * Lesson goals in words, and whether each is reached (docs/lessons.md). Pure: the app feeds the
 * current run's epochs, the end-of-run test metrics, the network's parameter count and, for
 * answer goals, the value the engine computed; every change of those re-evaluates.
 */
import type { AnswerGoal, LessonGoal, LessonMetric, LessonQuantity, LessonSplit } from './lesson-types';
import type { RunEpoch } from './project-types';

export interface GoalInputs {
  /** Finished epochs of the current run, in order (empty before training or after an edit). */
  epochs: readonly RunEpoch[];
  /** Metrics on the test split, once a run has ended (null before). */
  test: { loss: number; accuracy?: number; mae?: number; r2?: number } | null;
  /** Trainable parameters of the network; null while some count is unknown (shapes unresolved). */
  parameters: number | null;
}

/** The engine's value for an answer goal: computed, failed with a reason, or not asked yet (null). */
export type AnswerReference = { value: number } | { error: string } | null;

export interface GoalResult {
  passed: boolean;
  /** Why, in a few words: the value reached, or what is missing. */
  detail: string;
}

const METRIC_NAMES: Record<LessonMetric, string> = { loss: 'loss', accuracy: 'accuracy', mae: 'mean absolute error', r2: 'R²' };
const SPLIT_NAMES: Record<LessonSplit, string> = { train: 'training', validation: 'validation', test: 'test' };

/** 0.9 → "90 %" for accuracy; otherwise the number as written. */
function formatMetric(metric: LessonMetric, value: number): string {
  if (metric === 'accuracy') return `${Number((value * 100).toFixed(2))} %`;
  return formatNumber(value);
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

function describeQuantity(q: LessonQuantity): string {
  switch (q.kind) {
    case 'gradient':
      return `∂L/∂${q.param}[${q.index}] of '${q.node}'`;
    case 'loss':
      return `the ${SPLIT_NAMES[q.split]} loss`;
    case 'output':
      return `output ${q.index ?? 0} for input (${q.input.join(', ')})`;
    case 'partial':
      return `∂g/∂${q.variable}`;
  }
}

/** The goal in words, as the goals list shows it (its `label` when it has one). */
export function describeGoal(goal: LessonGoal): string {
  if (goal.label) return goal.label;
  switch (goal.kind) {
    case 'metric': {
      const bound = goal.atLeast !== undefined ? `≥ ${formatMetric(goal.metric, goal.atLeast)}` : `≤ ${formatMetric(goal.metric, goal.atMost!)}`;
      return `${SPLIT_NAMES[goal.split][0]!.toUpperCase()}${SPLIT_NAMES[goal.split].slice(1)} ${METRIC_NAMES[goal.metric]} ${bound}`;
    }
    case 'parameters':
      return `At most ${goal.atMost.toLocaleString('en-US')} trainable parameters`;
    case 'lossWithin':
      return `${goal.split === 'validation' ? 'Validation loss' : 'Loss'} below ${formatNumber(goal.below)} within ${goal.epochs} epochs`;
    case 'answer':
      return `Answer: ${describeQuantity(goal.quantity)}`;
  }
}

function metricOf(epoch: RunEpoch, metric: LessonMetric, split: 'train' | 'validation'): number | undefined {
  if (split === 'train') return epoch[metric];
  const key = `val${metric === 'r2' ? 'R2' : metric[0]!.toUpperCase() + metric.slice(1)}` as 'valLoss' | 'valAccuracy' | 'valMae' | 'valR2';
  return epoch[key];
}

const NO_RUN = 'not reached yet: train the network to check';

function evaluateMetric(goal: Extract<LessonGoal, { kind: 'metric' }>, inputs: GoalInputs): GoalResult {
  let value: number | undefined;
  if (goal.split === 'test') {
    if (!inputs.test) return { passed: false, detail: inputs.epochs.length ? 'the test metrics come when the run ends' : NO_RUN };
    value = inputs.test[goal.metric];
  } else {
    const last = inputs.epochs.at(-1);
    if (!last) return { passed: false, detail: NO_RUN };
    value = metricOf(last, goal.metric, goal.split);
  }
  if (value === undefined || !Number.isFinite(value))
    return { passed: false, detail: `this run has no ${SPLIT_NAMES[goal.split]} ${METRIC_NAMES[goal.metric]}` };
  const passed = goal.atLeast !== undefined ? value >= goal.atLeast : value <= goal.atMost!;
  return { passed, detail: `now ${formatMetric(goal.metric, value)}` };
}

function evaluateLossWithin(goal: Extract<LessonGoal, { kind: 'lossWithin' }>, inputs: GoalInputs): GoalResult {
  const split = goal.split ?? 'train';
  let best = Infinity;
  for (const epoch of inputs.epochs) {
    if (epoch.epoch > goal.epochs) break;
    const loss = metricOf(epoch, 'loss', split);
    if (loss === undefined || !Number.isFinite(loss)) continue;
    if (loss < goal.below) return { passed: true, detail: `${formatNumber(loss)} at epoch ${epoch.epoch}` };
    best = Math.min(best, loss);
  }
  if (inputs.epochs.length === 0) return { passed: false, detail: NO_RUN };
  const reached = Math.min(inputs.epochs.at(-1)!.epoch, goal.epochs);
  const lowest = Number.isFinite(best) ? `lowest ${formatNumber(best)}` : 'no finite loss';
  return { passed: false, detail: reached >= goal.epochs ? `${lowest} in ${goal.epochs} epochs` : `${lowest} after ${reached} of ${goal.epochs} epochs` };
}

/** Whether `answer` is within the goal's tolerance of the engine's `value`. */
export function answerMatches(goal: Pick<AnswerGoal, 'tolerance' | 'relative'>, answer: number, value: number): boolean {
  const allowed = goal.relative ? goal.tolerance * Math.abs(value) : goal.tolerance;
  // A hair of slack for the decimal the student typed against a float32 value.
  return Math.abs(answer - value) <= allowed + 1e-12 * Math.max(1, Math.abs(value));
}

function evaluateAnswer(goal: AnswerGoal, reference: AnswerReference): GoalResult {
  if (goal.answer === undefined) return { passed: false, detail: 'no answer yet' };
  if (reference === null) return { passed: false, detail: 'checking with the engine…' };
  if ('error' in reference) return { passed: false, detail: `cannot be checked: ${reference.error}` };
  const passed = answerMatches(goal, goal.answer, reference.value);
  // The engine's value is shown only once the answer is right, so it does not give the answer away.
  return { passed, detail: passed ? `the engine computes ${formatNumber(reference.value)}` : `${formatNumber(goal.answer)} is not it yet` };
}

export function evaluateGoal(goal: LessonGoal, inputs: GoalInputs, reference: AnswerReference = null): GoalResult {
  switch (goal.kind) {
    case 'metric':
      return evaluateMetric(goal, inputs);
    case 'parameters': {
      if (inputs.parameters === null) return { passed: false, detail: 'the parameter count is unknown until the network is complete' };
      return { passed: inputs.parameters <= goal.atMost, detail: `now ${inputs.parameters.toLocaleString('en-US')}` };
    }
    case 'lossWithin':
      return evaluateLossWithin(goal, inputs);
    case 'answer':
      return evaluateAnswer(goal, reference);
  }
}
