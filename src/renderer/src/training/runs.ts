/**
 * Training runs kept in the project (`project.runs`, see docs/project-format.md): building a
 * record from the live history, adding it to a project (a pure function, so the document store
 * decides how it enters the history), and the settings that differ between runs.
 */
import type { EpochRecord, EvalResult, LayerSummary } from '../../../shared/protocol';
import { getNodeSpec } from '../../../shared/nodes';
import type { Project, RunEpoch, RunRecord, RunStatus, SerializedWeights } from '../../../shared/project-types';

/** The most recent runs a project keeps; older ones are dropped when a new one is recorded. */
export const MAX_RUNS = 50;
/**
 * Epoch records per run; longer runs are thinned evenly (the first, last and lowest-loss epochs
 * are always kept). 64 points draw the curve well enough to compare runs and keep a run to a
 * few KB of the file (a 500-epoch XOR run took 41 KB with every epoch at 6 digits).
 */
export const MAX_RUN_EPOCHS = 64;

const METRICS = ['accuracy', 'mae', 'r2', 'valLoss', 'valAccuracy', 'valMae', 'valR2'] as const;

/** Four significant digits (what the app shows): the file stays small and readable; the curves look the same. */
export function roundMetric(v: number): number {
  return Number(v.toPrecision(4));
}

/** Finite, rounded records; an epoch whose loss is not finite is left out, as are non-finite metrics. */
export function runEpochs(records: readonly EpochRecord[]): RunEpoch[] {
  const clean: RunEpoch[] = [];
  for (const r of records) {
    if (!Number.isFinite(r.loss) || !Number.isFinite(r.learningRate)) continue;
    const e: RunEpoch = { epoch: r.epoch, loss: roundMetric(r.loss), learningRate: roundMetric(r.learningRate) };
    for (const key of METRICS) {
      const v = r[key];
      if (v !== undefined && Number.isFinite(v)) e[key] = roundMetric(v);
    }
    clean.push(e);
  }
  return thinKeepingBest(clean, MAX_RUN_EPOCHS);
}

/** Evenly thinned to `max` records, the one with the lowest loss kept in its place. */
function thinKeepingBest(records: readonly RunEpoch[], max: number): RunEpoch[] {
  if (records.length <= max) return [...records];
  const best = records.reduce((a, b) => (b.loss < a.loss ? b : a));
  const kept = thin(records, max - 1);
  if (kept.includes(best)) return kept;
  return [...kept, best].sort((a, b) => a.epoch - b.epoch);
}

export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.round((i * (items.length - 1)) / (max - 1))]);
  return out;
}

/** "2 → 8 tanh → 8 tanh → 1 sigmoid · Binary cross-entropy" from the engine's model summary. */
export function describeArchitecture(layers: readonly LayerSummary[]): string {
  const tokens: string[] = [];
  const losses: string[] = [];
  for (const l of layers) {
    const category = getNodeSpec(l.type)?.category;
    if (category === 'loss') losses.push(l.label);
    else if (category === 'activation' && tokens.length > 0) tokens[tokens.length - 1] += ` ${l.type}`;
    else if (category === 'input' || category === 'layer') tokens.push(l.shape.join('×'));
  }
  return tokens.join(' → ') + (losses.length ? ` · ${losses.join(' + ')}` : '');
}

export interface NewRun {
  id: string;
  startedAt: Date;
  /** The project as it was when the run started (its training and data settings are kept). */
  project: Project;
  epochs: readonly EpochRecord[];
  status: RunStatus;
  architecture?: string;
  note?: string | null;
  test?: EvalResult | null;
  weights?: SerializedWeights;
}

export function makeRun(r: NewRun): RunRecord {
  const run: RunRecord = {
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    status: r.status,
    settings: { training: structuredClone(r.project.training), data: structuredClone(r.project.data) },
    epochs: runEpochs(r.epochs),
  };
  if (r.architecture) run.architecture = r.architecture;
  if (r.note) run.note = r.note;
  if (r.test && Number.isFinite(r.test.loss)) {
    const test: NonNullable<RunRecord['test']> = { loss: roundMetric(r.test.loss) };
    for (const key of ['accuracy', 'mae', 'r2'] as const) {
      const v = r.test[key];
      if (v !== undefined && Number.isFinite(v)) test[key] = roundMetric(v);
    }
    run.test = test;
  }
  if (r.weights) run.weights = r.weights;
  return run;
}

/** The project with `run` appended (replacing a run with the same id), keeping the last MAX_RUNS. */
export function recordRun(project: Project, run: RunRecord): Project {
  const others = (project.runs ?? []).filter((r) => r.id !== run.id);
  return { ...project, runs: [...others, run].slice(-MAX_RUNS) };
}

export function removeRun(project: Project, id: string): Project {
  const runs = (project.runs ?? []).filter((r) => r.id !== id);
  const { runs: _old, ...rest } = project;
  return runs.length > 0 ? { ...rest, runs } : rest;
}

/** A fresh run id that is not used yet: "run-7". */
export function nextRunId(project: Project): string {
  const used = new Set((project.runs ?? []).map((r) => r.id));
  let n = (project.runs?.length ?? 0) + 1;
  while (used.has(`run-${n}`)) n++;
  return `run-${n}`;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out.set(prefix, Array.isArray(value) ? value.join(', ') : String(value));
}

/** Settings (dotted paths under training/data, plus the architecture) whose values differ between the runs. */
export function settingsDiff(runs: readonly RunRecord[]): { path: string; values: string[] }[] {
  if (runs.length < 2) return [];
  const flat = runs.map((r) => {
    const m = new Map<string, string>();
    flatten(r.settings, '', m);
    if (r.architecture) m.set('architecture', r.architecture);
    return m;
  });
  const paths = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  return paths
    .map((path) => ({ path, values: flat.map((m) => m.get(path) ?? '—') }))
    .filter((d) => d.values.some((v) => v !== d.values[0]));
}
