/** Commands for the project's data and training settings and its trained weights. */
import type { ProjectUi } from '../../../shared/project-ui';
import type { DataConfig, RunRecord, SerializedOptimizerState, SerializedWeights, TrainingConfig } from '../../../shared/project-types';
import type { Command } from './types';

/** A shallow patch: a key set to `undefined` is removed (the file then uses the default). */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined };

export function applyPatch<T extends object>(base: T, patch: Patch<T>): T {
  const next = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

type DataPatch = Patch<Record<string, unknown>>;

export function setDataCommand(patch: DataPatch): Command {
  return {
    label: 'Change data',
    undoable: true,
    perform: (doc) => ({ ...doc, project: { ...doc.project, data: applyPatch(doc.project.data as unknown as Record<string, unknown>, patch) as unknown as DataConfig } }),
  };
}

/** Replaces the data section (switching between a built-in dataset and a CSV). */
export function replaceDataCommand(data: DataConfig): Command {
  return { label: 'Change data', undoable: true, perform: (doc) => ({ ...doc, project: { ...doc.project, data } }) };
}

export function setTrainingCommand(patch: Patch<TrainingConfig>): Command {
  return {
    label: 'Change training settings',
    undoable: true,
    perform: (doc) => ({ ...doc, project: { ...doc.project, training: applyPatch(doc.project.training, patch) } }),
  };
}

/** Trained weights from the engine (or none). Not an editing step: it does not enter undo history. */
export function setWeightsCommand(weights: SerializedWeights | undefined): Command {
  return {
    label: 'Set weights',
    undoable: false,
    perform(doc) {
      const { weights: _old, ...rest } = doc.project;
      if (weights && Object.keys(weights).length > 0) return { ...doc, project: { ...rest, weights } };
      const { optimizerState: _state, ...withoutState } = rest; // a state belongs to its weights
      return { ...doc, project: withoutState };
    },
  };
}

/** The optimiser's state saved with the weights (Save takes it from the engine). Not an editing step. */
export function setOptimizerStateCommand(state: SerializedOptimizerState | undefined): Command {
  return {
    label: 'Keep optimizer state',
    undoable: false,
    perform(doc) {
      const { optimizerState: _old, ...rest } = doc.project;
      return { ...doc, project: state && rest.weights ? { ...rest, optimizerState: state } : rest };
    },
  };
}

/** The recorded training runs. Not an editing step either. */
export function setRunsCommand(runs: RunRecord[] | undefined): Command {
  return {
    label: 'Record runs',
    undoable: false,
    perform(doc) {
      const { runs: _old, ...rest } = doc.project;
      return { ...doc, project: runs && runs.length > 0 ? { ...rest, runs } : rest };
    },
  };
}

/** How the app shows the project (the training pace): saved with it, but not an editing step. */
export function setUiCommand(patch: Patch<ProjectUi>): Command {
  return {
    label: 'Change view settings',
    undoable: false,
    perform(doc) {
      const { ui: old, ...rest } = doc.project;
      const ui = applyPatch(old ?? {}, patch);
      return { ...doc, project: Object.keys(ui).length > 0 ? { ...rest, ui } : rest };
    },
  };
}
