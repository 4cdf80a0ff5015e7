/** Types of the .bprop project file, version 1. Validation lives in project.ts. */
import type { Graph } from './graph-types';
import type { Lesson } from './lesson-types';
import type { ProjectUi } from './project-ui';

export const PROJECT_FORMAT = 'backprop-studio';
export const PROJECT_VERSION = 1;

export type NormalizeMode = 'standard' | 'minmax' | 'none';
export type Task = 'classification' | 'regression';

export interface SplitConfig {
  /** Fraction of the data held out for validation (default 0.2). */
  validation: number;
  /** Fraction held out for the final test (default 0). */
  test: number;
}

export interface BuiltinDataConfig {
  dataset: string;
  /** Generator options such as `{ n: 500, noise: 0.1 }`. */
  options?: Record<string, number>;
  normalize?: NormalizeMode;
  split?: Partial<SplitConfig>;
}

export interface CsvDataConfig {
  /** Path relative to the project file. */
  csv: string;
  /**
   * SHA-256 of the file's bytes (lower-case hex) when it was imported. A hand-written project may
   * leave it out: it is then computed from the file as read, and recorded when the project is saved.
   */
  sha256?: string;
  features: string[];
  target: string;
  task: Task;
  /**
   * `[C, H, W]`: the feature columns are the pixels of images, channel by channel and row by row
   * (NCHW, as PyTorch). C·H·W must equal the number of features. Absent: flat features.
   */
  imageShape?: number[];
  normalize?: NormalizeMode;
  split?: Partial<SplitConfig>;
}

export type DataConfig = BuiltinDataConfig | CsvDataConfig;

export type OptimizerConfig =
  | { type: 'sgd'; learningRate: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
  | { type: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
  | { type: 'rmsprop'; learningRate: number; rho?: number; epsilon?: number; momentum?: number; weightDecay?: number }
  | { type: 'adagrad'; learningRate: number; epsilon?: number; lrDecay?: number; weightDecay?: number };

export type OptimizerType = OptimizerConfig['type'];

/** Learning-rate schedules. `t` counts epochs (default) or optimiser steps (`per: "step"`). */
export type ScheduleConfig = { per?: 'epoch' | 'step' } & (
  | { type: 'constant' }
  /** η = η₀ · gamma^floor(t / stepSize) */
  | { type: 'step'; stepSize: number; gamma: number }
  /** η = η₀ · gamma^t */
  | { type: 'exponential'; gamma: number }
  /** η = η₀ / (1 + decay · t): square-summable but not summable, as in the lectures. */
  | { type: 'inverseTime'; decay: number }
  /** η = ηmin + (η₀ − ηmin)(1 + cos(π·t/period))/2, then ηmin after the period. */
  | { type: 'cosine'; period: number; minLearningRate?: number }
);

export type SamplingMode = 'shuffle' | 'sequential' | 'replacement';

export interface EarlyStoppingConfig {
  patience: number;
  minDelta?: number;
  restoreBest?: boolean;
}

export interface TrainingConfig {
  optimizer: OptimizerConfig;
  schedule?: ScheduleConfig;
  batchSize: number;
  sampling?: SamplingMode;
  epochs: number;
  seed: number;
  earlyStopping?: EarlyStoppingConfig;
  /** Polyak averaging: evaluate with the running mean of the weights (averaged SGD). */
  averaging?: boolean;
  /** L1 penalty λ·Σ|w| on every parameter (adds λ·sign(w) to the gradient). */
  l1?: number;
}

export interface SerializedTensor {
  shape: number[];
  /** base64 of float32 little-endian. */
  data: string;
}

/** node id -> param name -> tensor */
export type SerializedWeights = Record<string, Record<string, SerializedTensor>>;

/**
 * The optimiser's state, saved with the weights so training can resume exactly where it stopped
 * (see docs/project-format.md, `optimizerState`).
 */
export interface SerializedOptimizerState {
  /** The optimiser type the state belongs to. */
  type: OptimizerType;
  /** Completed epochs, and steps taken in the epoch after them. */
  epoch: number;
  stepInEpoch: number;
  /** Optimiser steps taken in all (Adam's t of the bias corrections; the schedules' step). */
  step: number;
  /** Slot name (e.g. Adam's expAvg, expAvgSq) -> node id -> param name -> tensor. */
  slots: Record<string, SerializedWeights>;
}

/** One finished epoch of a recorded run: the metric curves (validation ones when there is a validation split). */
export interface RunEpoch {
  /** 1-based number of the epoch just finished. */
  epoch: number;
  loss: number;
  accuracy?: number;
  mae?: number;
  r2?: number;
  valLoss?: number;
  valAccuracy?: number;
  valMae?: number;
  valR2?: number;
  learningRate: number;
}

export type RunStatus = 'finished' | 'stoppedEarly' | 'stopped' | 'diverged';
export const RUN_STATUSES: readonly RunStatus[] = ['finished', 'stoppedEarly', 'stopped', 'diverged'];

/** A training run kept in the project, so runs can be compared later (see docs/project-format.md). */
export interface RunRecord {
  /** Unique among the project's runs. */
  id: string;
  /** When the run started, ISO 8601 (e.g. "2026-11-21T14:03:00.000Z"). */
  startedAt: string;
  status?: RunStatus;
  /** A one-line description of the network, e.g. "2 → 8 tanh → 8 tanh → 1 sigmoid". */
  architecture?: string;
  /** How it ended, in words (early stopping, divergence). */
  note?: string;
  /** The training and data settings the run started with. */
  settings: { training: TrainingConfig; data: DataConfig };
  epochs: RunEpoch[];
  /** Metrics on the test split at the end, when there is one. */
  test?: { loss: number; accuracy?: number; mae?: number; r2?: number };
  /** The final weights, only when the user asked to keep them. */
  weights?: SerializedWeights;
}

export interface Project {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_VERSION;
  name: string;
  graph: Graph;
  data: DataConfig;
  training: TrainingConfig;
  /** Instructions, locks and goals for a student (docs/lessons.md). */
  lesson?: Lesson;
  /** Recorded training runs, oldest first. */
  runs?: RunRecord[];
  /** How the app shows the project (the training pace); the engine ignores it. */
  ui?: ProjectUi;
  weights?: SerializedWeights;
  /** Only with `weights`: the optimiser's state for them. */
  optimizerState?: SerializedOptimizerState;
}

export function isCsvData(data: DataConfig): data is CsvDataConfig {
  return 'csv' in data;
}

/** Shape of one sample of CSV data: its imageShape, or one value per feature column. */
export function csvSampleShape(data: CsvDataConfig): number[] {
  return data.imageShape ? [...data.imageShape] : [data.features.length];
}
