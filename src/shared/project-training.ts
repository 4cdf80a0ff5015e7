/** Structural checks of `training`: optimiser, schedule, batching, stopping. */
import { boolean, fail, isObject, join, number, object, oneOf, optional, shown, withArticle, type Json, type NumberRule } from './project-fields';

const POSITIVE: NumberRule = { min: 0, minExclusive: true };
const NON_NEGATIVE: NumberRule = { min: 0 };
const FRACTION: NumberRule = { min: 0, max: 1, maxExclusive: true }; // [0, 1)

/** Each optimiser's own settings besides `type` and `learningRate`, with their rules. */
const OPTIMIZER_FIELDS: Record<string, Record<string, NumberRule | 'bool'>> = {
  sgd: { momentum: FRACTION, dampening: { min: 0, max: 1 }, nesterov: 'bool', weightDecay: NON_NEGATIVE },
  adam: { beta1: FRACTION, beta2: FRACTION, epsilon: POSITIVE, weightDecay: NON_NEGATIVE },
  rmsprop: { rho: FRACTION, epsilon: POSITIVE, momentum: FRACTION, weightDecay: NON_NEGATIVE },
  adagrad: { epsilon: POSITIVE, lrDecay: NON_NEGATIVE, weightDecay: NON_NEGATIVE },
};
export const OPTIMIZER_TYPES = ['sgd', 'adam', 'rmsprop', 'adagrad'] as const;

/** Each schedule's settings besides `type` and `per`: required ones first, then optional. */
const SCHEDULE_FIELDS: Record<string, { required: Record<string, NumberRule>; optional: Record<string, NumberRule> }> = {
  constant: { required: {}, optional: {} },
  step: { required: { stepSize: { integer: true, min: 1 }, gamma: POSITIVE }, optional: {} },
  exponential: { required: { gamma: POSITIVE }, optional: {} },
  inverseTime: { required: { decay: NON_NEGATIVE }, optional: {} },
  cosine: { required: { period: { integer: true, min: 1 } }, optional: { minLearningRate: NON_NEGATIVE } },
};
export const SCHEDULE_TYPES = ['constant', 'step', 'exponential', 'inverseTime', 'cosine'] as const;
export const SAMPLING_MODES = ['shuffle', 'sequential', 'replacement'] as const;
export const MAX_EPOCHS = 1_000_000;
export const SEED_LIMIT = 2 ** 32;

export function checkTraining(value: unknown, path: string): void {
  const t = object(value, path, ['optimizer', 'batchSize', 'epochs', 'seed'], ['schedule', 'sampling', 'earlyStopping', 'averaging', 'l1']);
  checkOptimizer(t.optimizer, join(path, 'optimizer'));
  optional(t, 'schedule', path, checkSchedule);
  number(t.batchSize, join(path, 'batchSize'), { integer: true, min: 1 });
  optional(t, 'sampling', path, (v, p) => oneOf(v, p, SAMPLING_MODES));
  number(t.epochs, join(path, 'epochs'), { integer: true, min: 1, max: MAX_EPOCHS });
  number(t.seed, join(path, 'seed'), { integer: true, min: 0, max: SEED_LIMIT - 1 });
  optional(t, 'earlyStopping', path, checkEarlyStopping);
  optional(t, 'averaging', path, boolean);
  optional(t, 'l1', path, (v, p) => number(v, p, NON_NEGATIVE));
}

function checkOptimizer(value: unknown, path: string): void {
  const typePath = join(path, 'type');
  if (!isObject(value)) fail(path, `must be an object (got ${shown(value)})`);
  const raw: Json = value;
  if (!Object.hasOwn(raw, 'type')) fail(typePath, 'required field is missing');
  const type = oneOf(raw.type, typePath, OPTIMIZER_TYPES);
  const fields = OPTIMIZER_FIELDS[type]!;
  const o = object(raw, path, ['type', 'learningRate'], Object.keys(fields), type);
  number(o.learningRate, join(path, 'learningRate'), POSITIVE);
  for (const [key, rule] of Object.entries(fields)) {
    optional(o, key, path, (v, p) => (rule === 'bool' ? boolean(v, p) : number(v, p, rule)));
  }
  // As in PyTorch: Nesterov momentum needs a momentum and zero dampening.
  if (type === 'sgd' && o.nesterov === true) {
    if (((o.momentum as number | undefined) ?? 0) <= 0)
      fail(join(path, 'nesterov'), 'Nesterov momentum needs a momentum > 0', 'set momentum (e.g. 0.9) or turn nesterov off');
    if (((o.dampening as number | undefined) ?? 0) !== 0)
      fail(join(path, 'nesterov'), 'Nesterov momentum needs dampening 0', 'remove dampening or turn nesterov off');
  }
}

function checkSchedule(value: unknown, path: string): void {
  const typePath = join(path, 'type');
  if (!isObject(value)) fail(path, `must be an object (got ${shown(value)})`);
  const raw: Json = value;
  if (!Object.hasOwn(raw, 'type')) fail(typePath, 'required field is missing');
  const type = oneOf(raw.type, typePath, SCHEDULE_TYPES);
  const fields = SCHEDULE_FIELDS[type]!;
  const s = object(raw, path, ['type', ...Object.keys(fields.required)], ['per', ...Object.keys(fields.optional)], withArticle(`${type} schedule`));
  optional(s, 'per', path, (v, p) => oneOf(v, p, ['epoch', 'step'] as const));
  for (const [key, rule] of Object.entries({ ...fields.required, ...fields.optional })) {
    optional(s, key, path, (v, p) => number(v, p, rule));
  }
}

function checkEarlyStopping(value: unknown, path: string): void {
  const e = object(value, path, ['patience'], ['minDelta', 'restoreBest']);
  number(e.patience, join(path, 'patience'), { integer: true, min: 1 });
  optional(e, 'minDelta', path, (v, p) => number(v, p, NON_NEGATIVE));
  optional(e, 'restoreBest', path, boolean);
}
