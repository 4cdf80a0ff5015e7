/**
 * The structure of a project's `optimizerState` (docs/project-format.md). Whether the state fits
 * the optimiser and the model is the engine's question (src/engine/optimizer-state.ts): a state
 * that does not fit is ignored with a notice; one that is malformed is refused here.
 */
import { fail, join, number, object, oneOf, record } from './project-fields';
import { checkWeights } from './project-sections';
import { OPTIMIZER_TYPES } from './project-training';

export function checkOptimizerState(value: unknown, path: string, hasWeights: boolean): void {
  const state = object(value, path, ['type', 'epoch', 'stepInEpoch', 'step', 'slots']);
  if (!hasWeights) fail(path, 'is only meaningful with the weights it belongs to, and the file has no weights', 'remove optimizerState, or save the project again from the app');
  oneOf(state.type, join(path, 'type'), OPTIMIZER_TYPES);
  const whole = { integer: true, min: 0 };
  number(state.epoch, join(path, 'epoch'), whole);
  number(state.stepInEpoch, join(path, 'stepInEpoch'), whole);
  number(state.step, join(path, 'step'), whole);
  const slotsPath = join(path, 'slots');
  for (const [name, weights] of Object.entries(record(state.slots, slotsPath))) checkWeights(weights, join(slotsPath, name));
}
