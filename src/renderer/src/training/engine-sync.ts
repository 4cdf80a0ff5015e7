/**
 * Keeps the engine's project in step with the editor's: a change that matters to training
 * (graph structure and params, data, training settings, saved weights — not node positions,
 * labels, the name or recorded runs) loads the project again after a short pause. While a run
 * is training or paused the reload waits (the run is not thrown away mid-way); Reset or the
 * end of the run applies it, and `ensureLoaded()` does before Train. A replaced document (the
 * project store's event: open, new, import, revert) loads at once, even mid-run. Weights set by
 * hand, and their undo and redo, go into the live engine tensor by tensor, without a reload.
 *
 * What the engine holds is explicit state of the `engineSync` store (`loaded`, `stale`); the
 * store is made by `createEngineSync` over the stores it follows, so tests give it their own.
 */
import { createStore, type StoreApi } from 'zustand';
import { decodeTensor } from '../../../shared/project';
import type { Project, SerializedWeights } from '../../../shared/project-types';
import { useTrainingStore, type TrainingStore } from '../engine-client';
import { useModelVersion } from '../image-views/use-engine';
import { onDocumentReplaced, useProjectStore, useUiStore, type ProjectStore } from '../store';
import { useServices } from '../store/services';

export const DEBOUNCE_MS = 250;

/**
 * What the engine compiles: everything but layout, labels, name and runs (weights compared by
 * identity) — and the learning rate, which the engine takes live (see `syncLearningRate`) so
 * that changing it never throws a run away.
 */
export function engineKey(p: Project): string {
  const nodes = p.graph.nodes.map((n) => [n.id, n.type, n.params]);
  const { learningRate: _live, ...optimizer } = p.training.optimizer;
  return JSON.stringify([nodes, p.graph.edges, p.data, { ...p.training, optimizer }]);
}

const learningRateOf = (p: Project): number => p.training.optimizer.learningRate;

/** What was last loaded into the engine, as far as the editor knows. */
export interface LoadedProject {
  key: string;
  /** The weights object the engine holds: loaded, or set by hand. */
  weights: unknown;
  csv: unknown;
}

export interface EngineSyncState {
  /** null: nothing loaded yet, or the document was replaced (the next load must happen even mid-run). */
  loaded: LoadedProject | null;
  /** The engine trained since that load (its weights then came from the engine itself). */
  trainedSinceLoad: boolean;
  /** The editor changed something the engine has not loaded yet (the status line says so). */
  stale: boolean;
  /** The load on its way, if any (a weight write must wait for it). */
  inFlight: Promise<unknown> | null;
  /** The base learning rate the engine uses: the project's when it was loaded, or the last one sent. */
  engineRate: number | null;
}

export interface EngineSyncActions {
  /** Loads the current project into the engine now. */
  loadNow(): Promise<unknown>;
  /** Before Train: loads the project first if it changed since the last load. */
  ensureLoaded(): Promise<void>;
  /** The hand-edit path (or Save) wrote `weights` into the engine or took them from it: nothing to load or push. */
  noteEngineWeights(weights: SerializedWeights | undefined): void;
  /** Follows the stores; returns the function that stops following. Loads once at the start. */
  connect(): () => void;
}

export type EngineSync = EngineSyncState & EngineSyncActions;

/** The stores engine sync follows, and what it tells others. */
export interface EngineSyncDeps {
  projects: StoreApi<ProjectStore>;
  training: StoreApi<Pick<TrainingStore, 'training' | 'summary' | 'load' | 'setParam' | 'setLearningRate'>>;
  /** Hand-edited weights went back into the model (image views refresh). */
  onWeightsPushed?(): void;
  onError?(message: string): void;
}

export function createEngineSync({ projects, training, onWeightsPushed, onError }: EngineSyncDeps): StoreApi<EngineSync> {
  return createStore<EngineSync>()((set, get) => {
    /** The debounce of the next reload; one per engine-sync store. */
    let timer: ReturnType<typeof setTimeout> | null = null;
    /**
     * The engine key of the document when its optimizerState arrived (opened with the file, or
     * taken from the engine by Save). The engine resumes that run only while the key is the same:
     * after an edit the engine reloads for (epochs, optimizer, graph…), it starts a new run from
     * the document's weights, as before optimizer states were saved.
     */
    let stateKey: string | null = projects.getState().project.optimizerState ? engineKey(projects.getState().project) : null;

    /**
     * Whether the engine's project is out of date. New weights alone count only while the engine has
     * not trained since its last load (e.g. a project opened with weights): after training they
     * normally came from the engine itself (the trained weights saved into the project), and
     * reloading would throw the run away (Reset must still start from the seed).
     */
    const isStale = (): boolean => {
      const { project, csv } = projects.getState();
      const { loaded, trainedSinceLoad } = get();
      if (!loaded || engineKey(project) !== loaded.key || csv !== loaded.csv) return true;
      return project.weights !== loaded.weights && !trainedSinceLoad;
    };
    const refreshStale = () => {
      const stale = isStale();
      if (stale !== get().stale) set({ stale });
    };
    const busy = () => {
      const status = training.getState().training?.status;
      return status === 'training' || status === 'paused';
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (isStale() && (!busy() || get().loaded === null)) void get().loadNow();
      }, DEBOUNCE_MS);
    };

    /** Puts the project's weights into the live model (undo or redo of a hand edit), keeping the run. */
    const pushWeights = async (weights: SerializedWeights) => {
      get().noteEngineWeights(weights);
      try {
        await get().inFlight; // a load still running would replace the model after these writes
        for (const [nodeId, tensors] of Object.entries(weights))
          for (const [name, t] of Object.entries(tensors)) await training.getState().setParam(nodeId, name, decodeTensor(t, `weights.${nodeId}.${name}`).data);
      } catch (err) {
        onError?.(`Could not put the weights back into the engine: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        onWeightsPushed?.();
      }
    };

    /**
     * The project's learning rate is the one rate (the panel's field edits it, undoably): a change
     * goes to the live engine at once, so the running run, the next run, the Training tab and the
     * saved file agree. A load in flight is awaited (it would replace the rate it carries).
     */
    const syncLearningRate = async (rate: number) => {
      set({ engineRate: rate });
      try {
        await get().inFlight;
      } catch {
        return; // the load failed: the next load carries the project's rate
      }
      if (get().engineRate === rate && training.getState().summary) training.getState().setLearningRate(rate);
    };

    /** Weights changed on their own (undo/redo of a hand edit) while the engine's model still fits them. */
    const weightsOnlyChange = (s: ProjectStore, prev: ProjectStore) => {
      const { weights } = s.project;
      const { loaded } = get();
      return weights !== undefined && weights !== prev.project.weights && loaded !== null && weights !== loaded.weights && engineKey(s.project) === loaded.key;
    };

    return {
      loaded: null,
      trainedSinceLoad: false,
      stale: true,
      inFlight: null,
      engineRate: null,

      loadNow() {
        const { project, csv } = projects.getState();
        const { runs: _runs, optimizerState, ...rest } = project; // runs are the app's business, not the engine's
        const forEngine = optimizerState && stateKey === engineKey(project) ? { ...rest, optimizerState } : rest;
        const inFlight = training.getState().load(forEngine, csv ? { text: csv.text, sha256: csv.sha256 } : undefined);
        set({ loaded: { key: engineKey(project), weights: project.weights, csv }, trainedSinceLoad: false, inFlight, stale: false, engineRate: learningRateOf(project) });
        void inFlight.finally(() => get().inFlight === inFlight && set({ inFlight: null })).catch(() => {});
        return inFlight;
      },
      async ensureLoaded() {
        if (timer) clearTimeout(timer);
        timer = null;
        if (isStale() || !training.getState().summary) await get().loadNow();
        else await get().inFlight;
      },
      noteEngineWeights(weights) {
        const { loaded } = get();
        if (loaded) set({ loaded: { ...loaded, weights } });
        refreshStale();
      },
      connect() {
        const stops = [
          // A document opened or started (even the same file again): the engine starts over with it.
          onDocumentReplaced(projects, () => set({ loaded: null, stale: true })),
          projects.subscribe((s, prev) => {
            if (s.project.optimizerState !== prev.project.optimizerState) stateKey = s.project.optimizerState ? engineKey(s.project) : null;
            if (s.replaced === prev.replaced && weightsOnlyChange(s, prev)) void pushWeights(s.project.weights!);
            const rate = learningRateOf(s.project);
            if (s.replaced === prev.replaced && get().loaded !== null && rate !== get().engineRate) void syncLearningRate(rate);
            if (s.project !== prev.project || s.csv !== prev.csv) {
              refreshStale();
              schedule();
            }
          }),
          training.subscribe((s, prev) => {
            if ((s.training?.globalStep ?? 0) > 0 && !get().trainedSinceLoad) set({ trainedSinceLoad: true });
            refreshStale();
            // The run ended or was reset: apply edits that waited for it.
            if (s.training?.status !== prev.training?.status && !busy() && isStale()) schedule();
          }),
        ];
        void get().loadNow();
        return () => {
          for (const stop of stops) stop();
          if (timer) clearTimeout(timer);
          timer = null;
        };
      },
    };
  });
}

/** The app's engine sync, over the app's project and training stores. */
export const engineSync = createEngineSync({
  projects: useProjectStore,
  training: useTrainingStore,
  onWeightsPushed: () => useModelVersion.getState().bump(),
  onError: (message) => useUiStore.getState().showError(message),
});

export function startEngineSync(): void {
  useServices.getState().start('engineSync', engineSync.getState().connect);
}

export const loadNow = (): Promise<unknown> => engineSync.getState().loadNow();
export const ensureLoaded = (): Promise<void> => engineSync.getState().ensureLoaded();
export const noteEngineWeights = (weights: SerializedWeights | undefined): void => engineSync.getState().noteEngineWeights(weights);

/**
 * Whether the engine's model is the trained state of the current project: it loaded this very
 * graph, data and settings and has trained since (a run, a step, or a Reset after them). Save
 * then takes the engine's weights as the document's (see trained-weights.ts).
 */
export function engineHoldsTrainedModel(): boolean {
  const { loaded, trainedSinceLoad } = engineSync.getState();
  const { project, csv } = useProjectStore.getState();
  return trainedSinceLoad && loaded !== null && engineKey(project) === loaded.key && csv === loaded.csv;
}
/** True when the editor changed something the engine has not loaded yet. */
export const engineIsStale = (): boolean => engineSync.getState().stale;
