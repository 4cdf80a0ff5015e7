/** Export Weights: the engine's (or the project's) trained weights, saved as JSON through the platform. */
import type { SerializedWeights } from '../../../shared/project-types';
import { useTrainingStore } from '../engine-client';
import { platform } from '../platform';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { suggestedFileName } from './file-name';
import { weightsDocument } from './weights-document';

/** The engine's current weights when a model is loaded, else the ones saved in the project. */
async function currentWeights(): Promise<SerializedWeights | undefined> {
  const training = useTrainingStore.getState();
  if (training.summary) {
    try {
      return await training.getWeights();
    } catch {
      // fall back to the project's
    }
  }
  return useProjectStore.getState().project.weights;
}

export async function exportWeights(): Promise<void> {
  const ui = useUiStore.getState();
  const weights = await currentWeights();
  if (!weights || Object.keys(weights).length === 0) return ui.showError('There are no weights to export yet: train the network first.');
  try {
    const name = suggestedFileName().replace(/\.bprop$/i, '') + '-weights.json';
    await platform.exportWeights(weightsDocument(useProjectStore.getState().project, weights), name);
  } catch (err) {
    ui.showError(`Could not export the weights: ${err instanceof Error ? err.message : String(err)}`);
  }
}
