/**
 * Records every training run into the project (`project.runs`): it watches the training store,
 * notes when a run starts (with the settings of that moment), copies its epoch records as they
 * arrive, and when the run ends — finished, stopped early, stopped, diverged, or thrown away by
 * Reset or a reload — adds it to the document through the project store. Recording does not
 * enter the undo history, and runs survive undo/redo (the project store keeps them).
 */
import type { EpochRecord } from '../../../shared/protocol';
import type { Project, RunRecord, RunStatus } from '../../../shared/project-types';
import { useTrainingStore, type TrainingStore } from '../engine-client';
import { useProjectStore, useUiStore } from '../store';
import { setRunsCommand } from '../store/settings-commands';
import { useTrainingView } from './live';
import { describeArchitecture, makeRun, nextRunId, recordRun, removeRun } from './runs';

interface ActiveRun {
  startedAt: Date;
  project: Project;
  architecture?: string;
  epochs: EpochRecord[];
}

const TERMINAL = new Set<string>(['finished', 'stoppedEarly', 'stopped', 'diverged']);
let active: ActiveRun | null = null;
/** A run that ended, waiting for the 'done' message's test metrics and explanation. */
let ending: { run: ActiveRun; status: RunStatus; timer: ReturnType<typeof setTimeout> } | null = null;
let started = false;
const DONE_WAIT_MS = 1500;

/** Applies `change` to the project's runs (not an undo step; undo and redo keep the runs). */
export function updateRuns(change: (project: Project) => Project): void {
  const store = useProjectStore.getState();
  const problem = store.run(setRunsCommand(change(store.project).runs));
  if (problem) useUiStore.getState().showError(`The training run could not be kept in the project: ${problem}`);
}

export function deleteRun(id: string): void {
  updateRuns((p) => removeRun(p, id));
  const view = useTrainingView.getState();
  view.set({ overlayRuns: view.overlayRuns.filter((r) => r !== id) });
}

async function finish(run: ActiveRun, status: RunStatus, s: TrainingStore): Promise<void> {
  const note = status === 'diverged' ? s.divergence?.message : status === 'stoppedEarly' ? s.doneMessage : null;
  let weights;
  if (useTrainingView.getState().keepWeights && status !== 'diverged' && TERMINAL.has(s.training?.status ?? '')) {
    try {
      weights = await s.getWeights();
    } catch {
      weights = undefined; // the engine went away: keep the curves anyway
    }
  }
  const record: RunRecord = makeRun({
    id: nextRunId(useProjectStore.getState().project),
    startedAt: run.startedAt,
    project: run.project,
    epochs: run.epochs,
    status,
    architecture: run.architecture,
    note,
    test: status === 'diverged' ? null : s.testMetrics,
    weights,
  });
  updateRuns((p) => recordRun(p, { ...record, id: nextRunId(p) }));
}

/**
 * The settings a run really started with: a rate set with the panel's control replaces the
 * project's (with a constant schedule the state's rate is the base rate).
 */
function withLiveRate(project: Project, rate: number): Project {
  const t = project.training;
  if ((t.schedule && t.schedule.type !== 'constant') || rate === t.optimizer.learningRate || !(rate > 0)) return project;
  return { ...project, training: { ...t, optimizer: { ...t.optimizer, learningRate: rate } } };
}

/** The end of a run is reported twice: a progress message, then 'done' with the test metrics. */
function doneArrived(s: TrainingStore, status: RunStatus): boolean {
  if (status === 'diverged') return s.divergence !== null;
  const testReady = s.testMetrics !== null || (s.summary?.test ?? 0) === 0;
  return testReady && (status !== 'stoppedEarly' || s.doneMessage !== null);
}

function settle(s: TrainingStore, force = false): void {
  if (!ending || (!force && !doneArrived(s, ending.status))) return;
  const { run, status, timer } = ending;
  ending = null;
  clearTimeout(timer);
  void finish(run, status, s);
}

function observe(s: TrainingStore, prev: TrainingStore): void {
  settle(s);
  const st = s.training;
  const pst = prev.training;
  // The run's history was thrown away (Reset, a new run, a reload): keep what it had.
  if (active && (!st || (pst && st.globalStep < pst.globalStep))) {
    const run = active;
    active = null;
    if (run.epochs.length > 0 || (pst?.globalStep ?? 0) > 0) void finish(run, 'stopped', { ...prev, training: pst });
  }
  if (!st) return;
  const running = st.status === 'training' || st.status === 'paused';
  const justEnded = TERMINAL.has(st.status) && !TERMINAL.has(pst?.status ?? '');
  if (!active && st.globalStep > 0 && (running || justEnded)) {
    active = {
      startedAt: new Date(Date.now() - st.elapsedMs),
      project: withLiveRate(useProjectStore.getState().project, st.learningRate),
      architecture: s.summary ? describeArchitecture(s.summary.layers) : undefined,
      epochs: [],
    };
  }
  if (!active) return;
  for (let i = active.epochs.length; i < s.epochCount; i++) active.epochs.push(s.epochs[i]);
  if (TERMINAL.has(st.status) && st.status !== pst?.status) {
    settle(s, true); // an earlier run still waiting: keep it as it is
    ending = { run: active, status: st.status as RunStatus, timer: setTimeout(() => settle(useTrainingStore.getState(), true), DONE_WAIT_MS) };
    active = null;
    settle(s);
  }
}

export function startRunRecorder(): void {
  if (started) return;
  started = true;
  useTrainingStore.subscribe(observe);
}
