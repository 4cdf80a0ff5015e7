/**
 * Defaults of the optional project fields. Files keep only what the user set; readers (engine,
 * UI, CLI) get a complete view from `withDefaults`. Optimiser defaults are PyTorch's.
 */
import type {
  DataConfig,
  EarlyStoppingConfig,
  NormalizeMode,
  OptimizerConfig,
  Project,
  SamplingMode,
  ScheduleConfig,
  SplitConfig,
  TrainingConfig,
} from './project-types';
import { DEFAULT_SPLIT } from './project-sections';

/** Every optional field of each member of a union made required. */
type Filled<T> = T extends unknown ? Required<T> : never;

export const OPTIMIZER_DEFAULTS = {
  sgd: { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 },
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
  rmsprop: { rho: 0.99, epsilon: 1e-8, momentum: 0, weightDecay: 0 },
  adagrad: { epsilon: 1e-10, lrDecay: 0, weightDecay: 0 },
} as const;

export const DATA_DEFAULTS = { normalize: 'standard' as NormalizeMode, split: DEFAULT_SPLIT };
export const TRAINING_DEFAULTS = {
  schedule: { type: 'constant', per: 'epoch' } as const,
  sampling: 'shuffle' as SamplingMode,
  averaging: false,
  l1: 0,
};
export const EARLY_STOPPING_DEFAULTS = { minDelta: 0, restoreBest: false };
export const COSINE_DEFAULTS = { minLearningRate: 0 };

export type DataWithDefaults = DataConfig & { normalize: NormalizeMode; split: SplitConfig };

export interface TrainingWithDefaults extends Omit<TrainingConfig, 'optimizer' | 'schedule' | 'sampling' | 'earlyStopping' | 'averaging' | 'l1'> {
  optimizer: Filled<OptimizerConfig>;
  schedule: Filled<ScheduleConfig>;
  sampling: SamplingMode;
  /** Absent when early stopping is off. */
  earlyStopping?: Required<EarlyStoppingConfig>;
  averaging: boolean;
  l1: number;
}

export interface ProjectWithDefaults extends Omit<Project, 'data' | 'training'> {
  data: DataWithDefaults;
  training: TrainingWithDefaults;
}

/** A view of the project with every default applied; the project itself is not changed. */
export function withDefaults(project: Project): ProjectWithDefaults {
  const { data, training } = project;
  const filledData = {
    ...data,
    normalize: data.normalize ?? DATA_DEFAULTS.normalize,
    split: { ...DATA_DEFAULTS.split, ...data.split },
  } as DataWithDefaults;
  const optimizer = { ...OPTIMIZER_DEFAULTS[training.optimizer.type], ...training.optimizer } as Filled<OptimizerConfig>;
  const schedule = training.schedule ?? TRAINING_DEFAULTS.schedule;
  const filledSchedule = {
    ...(schedule.type === 'cosine' ? COSINE_DEFAULTS : {}),
    per: TRAINING_DEFAULTS.schedule.per,
    ...schedule,
  } as Filled<ScheduleConfig>;
  const { earlyStopping, ...rest } = training;
  const filled: TrainingWithDefaults = {
    ...rest,
    optimizer,
    schedule: filledSchedule,
    sampling: training.sampling ?? TRAINING_DEFAULTS.sampling,
    averaging: training.averaging ?? TRAINING_DEFAULTS.averaging,
    l1: training.l1 ?? TRAINING_DEFAULTS.l1,
  };
  if (earlyStopping) filled.earlyStopping = { ...EARLY_STOPPING_DEFAULTS, ...earlyStopping };
  return { ...project, data: filledData, training: filled };
}
