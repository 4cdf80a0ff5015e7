/**
 * Records every training run into the project (`project.runs`): it watches the training store,
 * notes when a run starts (with the settings of that moment), copies its epoch records as they
 * arrive, and when the run ends — finished, stopped early, stopped, diverged, or thrown away by
 * Reset or a reload — adds it to the document through the project store. Recording does not
 * enter the undo history, and runs survive undo/redo (the project store keeps them). A run still
 * going when the document is replaced (open, new, import, revert) belonged to the document that
 * is gone: it is dropped, never recorded into the new one.
 *
 * The run being watched is explicit state of the recorder's store (`active`, `ending`), made by
 * `createRunRecorder` over the stores it follows, so tests give it their own.
 */
import { createStore, type StoreApi } from 'zustand';
import type { EpochRecord } from '../../../shared/protocol';
import type { Project, RunRecord, RunStatus } from '../../../shared/project-types';
import { useTrainingStore, type TrainingStore } from '../engine-client';
import { onDocumentReplaced, useProjectStore, useUiStore, type ProjectStore } from '../store';
import { setRunsCommand } from '../store/settings-commands';
import { useServices } from '../store/services';
import { useTrainingView } from './live';
import { describeArchitecture, makeRun, nextRunId, recordRun, removeRun } from './runs';

export interface ActiveRun {
  startedAt: Date;
  project: Project;
  architecture?: string;
  epochs: EpochRecord[];
}

/** A run that ended, waiting for the 'done' message's test metrics and explanation. */
export interface EndingRun {
  run: ActiveRun;
  status: RunStatus;
  timer: ReturnType<typeof setTimeout>;
}

export interface RunRecorder {
  /** The run being watched, from its first step. */
  active: ActiveRun | null;
  ending: EndingRun | null;
  /**
   * The engine's run belongs to a document that was replaced: its steps are not a run of the
   * new document. Cleared once the engine starts over (the new document's load resets it).
   */
  orphaned: boolean;
  /** Follows the stores; returns the function that stops following. */
  connect(): () => void;
}

export interface RunRecorderDeps {
  projects: StoreApi<ProjectStore>;
  training: StoreApi<TrainingStore>;
  /** Whether to keep the final weights with each run. */
  keepWeights(): boolean;
  onError?(message: string): void;
}

const TERMINAL = new Set<string>(['finished', 'stoppedEarly', 'stopped', 'diverged']);
export const DONE_WAIT_MS = 1500;

/** Applies `change` to the project's runs (not an undo step; undo and redo keep the runs). Returns why it failed, or null. */
function changeRuns(projects: StoreApi<ProjectStore>, change: (project: Project) => Project): string | null {
  const store = projects.getState();
  return store.run(setRunsCommand(change(store.project).runs));
}

/** The end of a run is reported twice: a progress message, then 'done' with the test metrics. */
function doneArrived(s: TrainingStore, status: RunStatus): boolean {
  if (status === 'diverged') return s.divergence !== null;
  const testReady = s.testMetrics !== null || (s.summary?.test ?? 0) === 0;
  return testReady && (status !== 'stoppedEarly' || s.doneMessage !== null);
}

export function createRunRecorder({ projects, training, keepWeights, onError }: RunRecorderDeps): StoreApi<RunRecorder> {
  return createStore<RunRecorder>()((set, get) => {
    const finish = async (run: ActiveRun, status: RunStatus, s: TrainingStore) => {
      const document = projects.getState().replaced;
      const note = status === 'diverged' ? s.divergence?.message : status === 'stoppedEarly' ? s.doneMessage : null;
      let weights;
      if (keepWeights() && status !== 'diverged' && TERMINAL.has(s.training?.status ?? '')) {
        try {
          weights = await s.getWeights();
        } catch {
          weights = undefined; // the engine went away: keep the curves anyway
        }
      }
      if (projects.getState().replaced !== document) return; // the document was replaced while the weights came
      const record: RunRecord = makeRun({
        id: nextRunId(projects.getState().project),
        startedAt: run.startedAt,
        project: run.project,
        epochs: run.epochs,
        status,
        architecture: run.architecture,
        note,
        test: status === 'diverged' ? null : s.testMetrics,
        weights,
      });
      const problem = changeRuns(projects, (p) => recordRun(p, { ...record, id: nextRunId(p) }));
      if (problem) onError?.(`The training run could not be kept in the project: ${problem}`);
    };

    const settle = (s: TrainingStore, force = false) => {
      const { ending } = get();
      if (!ending || (!force && !doneArrived(s, ending.status))) return;
      clearTimeout(ending.timer);
      set({ ending: null });
      void finish(ending.run, ending.status, s);
    };

    const observe = (s: TrainingStore, prev: TrainingStore) => {
      settle(s);
      const st = s.training;
      const pst = prev.training;
      if (get().orphaned) {
        if (st && st.globalStep > 0 && !(pst && st.globalStep < pst.globalStep)) return;
        set({ orphaned: false });
      }
      // The run's history was thrown away (Reset, a new run, a reload): keep what it had.
      const thrownAway = get().active;
      if (thrownAway && (!st || (pst && st.globalStep < pst.globalStep))) {
        set({ active: null });
        if (thrownAway.epochs.length > 0 || (pst?.globalStep ?? 0) > 0) void finish(thrownAway, 'stopped', { ...prev, training: pst });
      }
      if (!st) return;
      const running = st.status === 'training' || st.status === 'paused';
      const justEnded = TERMINAL.has(st.status) && !TERMINAL.has(pst?.status ?? '');
      if (!get().active && st.globalStep > 0 && (running || justEnded)) {
        set({
          active: {
            startedAt: new Date(Date.now() - st.elapsedMs),
            // The project's settings are the run's: the panel's learning rate edits them too (one rate).
            project: projects.getState().project,
            architecture: s.summary ? describeArchitecture(s.summary.layers) : undefined,
            epochs: [],
          },
        });
      }
      const active = get().active;
      if (!active) return;
      // Epochs are appended in place: the records are the run's, no one renders from this array.
      for (let i = active.epochs.length; i < s.epochCount; i++) active.epochs.push(s.epochs[i]);
      if (TERMINAL.has(st.status) && st.status !== pst?.status) {
        settle(s, true); // an earlier run still waiting: keep it as it is
        set({ ending: { run: active, status: st.status as RunStatus, timer: setTimeout(() => settle(training.getState(), true), DONE_WAIT_MS) }, active: null });
        settle(s);
      }
    };

    /** The document was replaced: the run watched (or waiting for its end) belonged to the old one. */
    const dropRuns = () => {
      const { ending } = get();
      if (ending) clearTimeout(ending.timer);
      set({ active: null, ending: null, orphaned: (training.getState().training?.globalStep ?? 0) > 0 });
    };

    return {
      active: null,
      ending: null,
      orphaned: false,
      connect() {
        const stops = [onDocumentReplaced(projects, dropRuns), training.subscribe(observe)];
        return () => {
          stops.forEach((stop) => stop());
          dropRuns();
          set({ orphaned: false });
        };
      },
    };
  });
}

/** The app's run recorder. */
export const runRecorder = createRunRecorder({
  projects: useProjectStore,
  training: useTrainingStore,
  keepWeights: () => useTrainingView.getState().keepWeights,
  onError: (message) => useUiStore.getState().showError(message),
});

export function startRunRecorder(): void {
  useServices.getState().start('runRecorder', runRecorder.getState().connect);
}

/** Applies `change` to the project's runs (not an undo step; undo and redo keep the runs). */
export function updateRuns(change: (project: Project) => Project): void {
  const problem = changeRuns(useProjectStore, change);
  if (problem) useUiStore.getState().showError(`The training run could not be kept in the project: ${problem}`);
}

export function deleteRun(id: string): void {
  updateRuns((p) => removeRun(p, id));
  const view = useTrainingView.getState();
  view.set({ overlayRuns: view.overlayRuns.filter((r) => r !== id) });
}
