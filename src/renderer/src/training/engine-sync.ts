/**
 * Keeps the engine's project in step with the editor's: a change that matters to training
 * (graph structure and params, data, training settings, saved weights — not node positions,
 * labels, the name or recorded runs) loads the project again after a short pause. While a run
 * is training or paused the reload waits (the run is not thrown away mid-way); Reset or the
 * end of the run applies it, and `ensureLoaded()` does before Train. Weights set by hand, and
 * their undo and redo, go into the live engine tensor by tensor, without a reload.
 */
import { decodeTensor } from '../../../shared/project';
import type { Project, SerializedWeights } from '../../../shared/project-types';
import { useTrainingStore } from '../engine-client';
import { useModelVersion } from '../image-views/use-engine';
import { useProjectStore, useUiStore } from '../store';

const DEBOUNCE_MS = 250;

/** What the engine compiles: everything but layout, labels, name and runs (weights compared by identity). */
export function engineKey(p: Project): string {
  const nodes = p.graph.nodes.map((n) => [n.id, n.type, n.params]);
  return JSON.stringify([nodes, p.graph.edges, p.data, p.training]);
}

let loadedKey: string | null = null;
/** The weights object the engine holds, as far as the project knows: loaded, or set by hand. */
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

/** The hand-edit path wrote `weights` into the engine itself: nothing to load or push. */
export function noteEngineWeights(weights: SerializedWeights): void {
  loadedWeights = weights;
}

/** Puts the project's weights into the live model (undo or redo of a hand edit), keeping the run. */
async function pushWeights(weights: SerializedWeights): Promise<void> {
  noteEngineWeights(weights);
  const engine = useTrainingStore.getState();
  try {
    await inFlight; // a load still running would replace the model after these writes
    for (const [nodeId, tensors] of Object.entries(weights))
      for (const [name, t] of Object.entries(tensors)) await engine.setParam(nodeId, name, decodeTensor(t, `weights.${nodeId}.${name}`).data);
  } catch (err) {
    useUiStore.getState().showError(`Could not put the weights back into the engine: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    useModelVersion.getState().bump();
  }
}

/** Weights changed on their own (undo/redo of a hand edit) while the engine's model still fits them. */
function weightsOnlyChange(s: { project: Project }, prev: { project: Project }): boolean {
  const { weights } = s.project;
  return weights !== undefined && weights !== prev.project.weights && weights !== loadedWeights && loadedKey !== null && engineKey(s.project) === loadedKey;
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
    else if (weightsOnlyChange(s, prev)) void pushWeights(s.project.weights!);
    if (s.project !== prev.project || s.csv !== prev.csv) schedule();
  });
  useTrainingStore.subscribe((s, prev) => {
    if ((s.training?.globalStep ?? 0) > 0) trainedSinceLoad = true;
    // The run ended or was reset: apply edits that waited for it.
    if (s.training?.status !== prev.training?.status && !busy() && stale()) schedule();
  });
  void loadNow();
}
