/** Structural checks of `runs`: the training runs a project keeps for comparison. */
import { array, fail, join, number, object, oneOf, optional, string } from './project-fields';
import { checkData, checkWeights } from './project-sections';
import { checkTraining } from './project-training';
import { RUN_STATUSES } from './project-types';

const OPTIONAL_METRICS = ['accuracy', 'mae', 'r2', 'valLoss', 'valAccuracy', 'valMae', 'valR2'] as const;
/** ISO 8601 date-time as Date.toISOString writes it (seconds and fraction optional, Z or an offset). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function checkRuns(value: unknown, path: string): void {
  const ids = new Set<string>();
  array(value, path).forEach((run, i) => {
    const at = join(path, i);
    const id = checkRun(run, at);
    if (ids.has(id)) fail(join(at, 'id'), `another run already has the id '${id}'`);
    ids.add(id);
  });
}

function checkRun(value: unknown, path: string): string {
  const r = object(value, path, ['id', 'startedAt', 'settings', 'epochs'], ['status', 'architecture', 'note', 'test', 'weights'], 'a run');
  const id = string(r.id, join(path, 'id'));
  const started = string(r.startedAt, join(path, 'startedAt'));
  if (!ISO_TIME.test(started) || Number.isNaN(Date.parse(started)))
    fail(join(path, 'startedAt'), `must be an ISO 8601 date and time such as "2026-11-21T14:03:00.000Z" (got "${started}")`);
  optional(r, 'status', path, (v, p) => oneOf(v, p, RUN_STATUSES));
  optional(r, 'architecture', path, (v, p) => string(v, p, false));
  optional(r, 'note', path, (v, p) => string(v, p, false));
  const settingsPath = join(path, 'settings');
  const s = object(r.settings, settingsPath, ['training', 'data']);
  checkTraining(s.training, join(settingsPath, 'training'));
  checkData(s.data, join(settingsPath, 'data'));
  const epochsPath = join(path, 'epochs');
  let previous = 0;
  array(r.epochs, epochsPath).forEach((e, i) => {
    const epoch = checkEpoch(e, join(epochsPath, i));
    if (epoch <= previous) fail(join(join(epochsPath, i), 'epoch'), `epochs must be in increasing order (${epoch} follows ${previous})`);
    previous = epoch;
  });
  optional(r, 'test', path, (v, p) => {
    const t = object(v, p, ['loss'], ['accuracy', 'mae', 'r2']);
    number(t.loss, join(p, 'loss'));
    for (const key of ['accuracy', 'mae', 'r2']) optional(t, key, p, (x, q) => number(x, q));
  });
  optional(r, 'weights', path, checkWeights);
  return id;
}

function checkEpoch(value: unknown, path: string): number {
  const e = object(value, path, ['epoch', 'loss', 'learningRate'], OPTIONAL_METRICS);
  const epoch = number(e.epoch, join(path, 'epoch'), { integer: true, min: 1 });
  number(e.loss, join(path, 'loss'));
  number(e.learningRate, join(path, 'learningRate'), { min: 0 });
  for (const key of OPTIONAL_METRICS) optional(e, key, path, (x, q) => number(x, q));
  return epoch;
}
