/**
 * Keeps the engine's project in step with the editor's: a change that matters to training
 * (graph structure and params, data, training settings, saved weights — not node positions,
 * labels, the name or recorded runs) loads the project again after a short pause. While a run
 * is training or paused the reload waits (the run is not thrown away mid-way); Reset or the
 * end of the run applies it, and `ensureLoaded()` does before Train.
 */
import type { Project } from '../../../shared/project-types';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store';

const DEBOUNCE_MS = 250;

/** What the engine compiles: everything but layout, labels, name and runs (weights compared by identity). */
export function engineKey(p: Project): string {
  const nodes = p.graph.nodes.map((n) => [n.id, n.type, n.params]);
  return JSON.stringify([nodes, p.graph.edges, p.data, p.training]);
}

let loadedKey: string | null = null;
let loadedWeights: unknown = undefined;
let loadedCsv: unknown = undefined;
let timer: ReturnType<typeof setTimeout> | null = null;
let started = false;
let inFlight: Promise<unknown> | null = null;
let trainedSinceLoad = false;

/**
 * Whether the engine's project is out of date. New weights alone count only while the engine has
 * not trained since its last load (e.g. a project opened with weights): after training they
 * normally came from the engine itself (the trained weights saved into the project), and
 * reloading would throw the run away (Reset must still start from the seed).
 */
function stale(): boolean {
  const { project, csv } = useProjectStore.getState();
  if (engineKey(project) !== loadedKey || csv !== loadedCsv) return true;
  return project.weights !== loadedWeights && !trainedSinceLoad;
}

function busy(): boolean {
  const status = useTrainingStore.getState().training?.status;
  return status === 'training' || status === 'paused';
}

/** Loads the current project into the engine now. */
export function loadNow(): Promise<unknown> {
  const { project, csv } = useProjectStore.getState();
  loadedKey = engineKey(project);
  loadedWeights = project.weights;
  loadedCsv = csv;
  trainedSinceLoad = false;
  const { runs: _runs, ...forEngine } = project; // runs are the app's business, not the engine's
  inFlight = useTrainingStore.getState().load(forEngine, csv ? { text: csv.text, sha256: csv.sha256 } : undefined);
  return inFlight;
}

/** Before Train: loads the project first if it changed since the last load. */
export async function ensureLoaded(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  if (stale() || !useTrainingStore.getState().summary) await loadNow();
  else if (inFlight) await inFlight;
}

/** True when the editor changed something the engine has not loaded yet. */
export function engineIsStale(): boolean {
  return stale();
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    if (stale() && (!busy() || loadedKey === null)) void loadNow();
  }, DEBOUNCE_MS);
}

export function startEngineSync(): void {
  if (started) return;
  started = true;
  useProjectStore.subscribe((s, prev) => {
    // A document opened or started (even the same file again): the engine starts over with it.
    const replaced = s.past !== prev.past && s.past.length === 0 && s.future.length === 0 && s.project === s.savedProject && s.project !== prev.project;
    if (replaced) loadedKey = null;
    if (s.project !== prev.project || s.csv !== prev.csv) schedule();
  });
  useTrainingStore.subscribe((s, prev) => {
    if ((s.training?.globalStep ?? 0) > 0) trainedSinceLoad = true;
    // The run ended or was reset: apply edits that waited for it.
    if (s.training?.status !== prev.training?.status && !busy() && stale()) schedule();
  });
  void loadNow();
}
