/**
 * Types of a project's optional `lesson` (docs/lessons.md): Markdown instructions, parts of the
 * project the student may not change (locks), and goals the app checks live. Validation lives in
 * lesson.ts, lock enforcement in lesson-locks.ts, goal evaluation in lesson-goals.ts.
 */

export type LessonMetric = 'loss' | 'accuracy' | 'mae' | 'r2';
export type LessonSplit = 'train' | 'validation' | 'test';

/**
 * A number the engine computes, to check a student's answer against. All are taken at the
 * model's current weights (the project's saved weights before any training).
 */
export type LessonQuantity =
  /**
   * ∂L/∂w for one weight: `param` of `node` at flat `index` (row-major, so a Dense kernel's
   * [i, j] is i·units + j), on the gradient check's batch (the first rows of the training
   * split, evaluation mode). For a single-sample dataset this is that sample's gradient; the
   * gradient of a bias is then the neuron's delta δ = ∂L/∂z.
   */
  | { kind: 'gradient'; node: string; param: string; index: number }
  /** The mean loss over a split, evaluation mode. */
  | { kind: 'loss'; split: LessonSplit }
  /** The network's output `index` (default 0) for one input, given in raw feature units. */
  | { kind: 'output'; input: number[]; index?: number }
  /**
   * Computational-graph projects only (docs/lessons.md): ∂g/∂θ of the variable named `variable`
   * (its `name` param, e.g. theta2), by reverse mode at the variables' values in the file.
   */
  | { kind: 'partial'; variable: string };

interface GoalBase {
  /** Replaces the generated description in the goals list. */
  label?: string;
}

/** A metric of the latest run on a split: the last epoch's (train, validation) or the end-of-run test metrics. */
export interface MetricGoal extends GoalBase {
  kind: 'metric';
  metric: LessonMetric;
  split: LessonSplit;
  /** Exactly one of atLeast / atMost. */
  atLeast?: number;
  atMost?: number;
}

/** At most `atMost` trainable parameters in the whole network. */
export interface ParameterGoal extends GoalBase {
  kind: 'parameters';
  atMost: number;
}

/** The epoch loss (training, or validation) goes below `below` at some epoch ≤ `epochs`. */
export interface LossWithinGoal extends GoalBase {
  kind: 'lossWithin';
  below: number;
  epochs: number;
  split?: 'train' | 'validation';
}

/** A number the student works out and types in, checked against the engine's value. */
export interface AnswerGoal extends GoalBase {
  kind: 'answer';
  /** The question, Markdown (inline math allowed). */
  prompt: string;
  quantity: LessonQuantity;
  /** Accepted distance from the engine's value: absolute, or relative to it when `relative`. */
  tolerance: number;
  relative?: boolean;
  /** The student's answer, saved with the project. */
  answer?: number;
}

export type LessonGoal = MetricGoal | ParameterGoal | LossWithinGoal | AnswerGoal;
export type LessonGoalKind = LessonGoal['kind'];

/** Training settings a lesson can lock: a top-level field, or one of the optimiser's. */
export type TrainingLockPath = string;

export interface LessonLocks {
  /** Nodes that cannot be deleted, retyped, relabelled or have any param changed (moving is fine). */
  nodes?: string[];
  /** Single params: node id → param names. Such a node cannot be deleted either. */
  params?: Record<string, string[]>;
  /** The network's structure: no node or connection added or removed. */
  graph?: boolean;
  /** The whole data section (true) or some of its fields ('dataset', 'options', 'normalize', 'split', …). */
  data?: boolean | string[];
  /** All training settings (true) or some: 'epochs', 'batchSize', 'optimizer', 'optimizer.type', 'optimizer.learningRate', … */
  training?: boolean | TrainingLockPath[];
}

export interface Lesson {
  title: string;
  /** Markdown: headings, lists, emphasis, code, links, inline $math$ and $$display math$$. No HTML. */
  instructions: string;
  locks?: LessonLocks;
  goals: LessonGoal[];
}
