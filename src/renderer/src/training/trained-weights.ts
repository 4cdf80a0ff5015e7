/**
 * Save keeps the trained model: before the project is written, the engine's current weights
 * become the document's `weights` (what a user expects of Save after training). Reopening the
 * file then loads those weights, so Evaluate shows the trained model and Train continues from it.
 *
 * Only when the engine holds the trained state of this very project (engine-sync): after an edit
 * the engine has not loaded yet, the project keeps the weights it has. A diverged run's weights
 * hold NaN and are never kept; after Reset (the engine is back at the seed's initialisation, no
 * step taken) the document drops its weights, so the file starts from the seed as the app does.
 *
 * The optimiser's state (moments, momentum, step count, epoch) goes with the weights, so a
 * reopened file continues the run; it is dropped whenever the weights are not the engine's (an
 * edit not loaded yet, e.g. another optimizer type, or Reset): a state never outlives its run.
 */
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store';
import { engineHoldsTrainedModel, noteEngineWeights } from './engine-sync';

export async function keepTrainedWeights(): Promise<void> {
  const training = useTrainingStore.getState();
  const state = training.training;
  const project = useProjectStore.getState();
  if (!state || !engineHoldsTrainedModel() || state.status === 'diverged') {
    project.setOptimizerState(undefined);
    return;
  }
  if (state.globalStep === 0) {
    noteEngineWeights(undefined);
    project.setWeights(undefined);
    return;
  }
  const weights = await training.getWeights();
  const optimizerState = await training.getOptimizerState();
  noteEngineWeights(weights);
  project.setWeights(weights);
  // The engine trains with the project's optimizer (engine-sync reloads on a change), so the types agree; checked anyway.
  const matches = optimizerState?.type === useProjectStore.getState().project.training.optimizer.type;
  useProjectStore.getState().setOptimizerState(matches ? optimizerState! : undefined);
}
