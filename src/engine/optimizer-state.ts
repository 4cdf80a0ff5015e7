/**
 * The optimiser's state in a project file (`optimizerState`, docs/project-format.md): taken from
 * a trainer when saving, and given back to a new trainer so training resumes exactly where it
 * stopped. A state that does not fit the optimiser or the model is ignored with a notice (the
 * weights still load; the optimiser starts fresh at epoch 0), never loaded in part.
 */
import { decodeTensor, encodeTensor } from '../shared/project';
import type { SerializedOptimizerState, SerializedWeights } from '../shared/project-types';
import type { OptimizerSnapshot } from './optim';
import { sizeOf } from './tensor';
import type { Trainer } from './train';

/**
 * The trainer's optimiser state for a saved file, or undefined when the file should keep none:
 * no step taken yet (the optimiser is fresh anyway), a run that diverged, or early stopping that
 * restored an earlier epoch's weights (the state belongs to the later weights).
 */
export function optimizerStateToProject(trainer: Trainer): SerializedOptimizerState | undefined {
  if (trainer.globalStep === 0 || trainer.status === 'diverged') return undefined;
  if (trainer.status === 'stoppedEarly' && trainer.config.earlyStopping?.restoreBest) return undefined;
  const optimizer = trainer.optimizerInUse;
  const snapshot = optimizer.getState();
  const slots: Record<string, SerializedWeights> = {};
  optimizer.slotNames.forEach((name, s) => {
    const tensors: SerializedWeights = {};
    optimizer.params.forEach((p, i) => {
      const start = optimizer.offsetOf(i);
      (tensors[p.nodeId] ??= {})[p.name] = encodeTensor(p.shape, snapshot.slots[s].subarray(start, start + p.data.length));
    });
    slots[name] = tensors;
  });
  return { type: optimizer.type, epoch: trainer.epoch, stepInEpoch: trainer.stepInEpoch, step: snapshot.step, slots };
}

/**
 * Resumes `trainer` (new, no step taken) from a saved state. Returns null when it did, or the
 * notice to show when the state was ignored because it does not fit.
 */
export function resumeFromProject(trainer: Trainer, state: SerializedOptimizerState | undefined): string | null {
  if (!state) return null;
  try {
    trainer.resumeAt({ epoch: state.epoch, stepInEpoch: state.stepInEpoch }, snapshotOf(trainer, state));
    return null;
  } catch (err) {
    return `optimizerState: ${err instanceof Error ? err.message : String(err)}; it was ignored, so training starts at epoch 0 with a fresh optimizer (the weights are loaded)`;
  }
}

function snapshotOf(trainer: Trainer, state: SerializedOptimizerState): OptimizerSnapshot {
  const optimizer = trainer.optimizerInUse;
  if (state.type !== optimizer.type) throw new Error(`it belongs to ${state.type}, but the project trains with ${optimizer.type}`);
  const wanted = optimizer.slotNames;
  const found = Object.keys(state.slots);
  if (found.length !== wanted.length || wanted.some((n) => !(n in state.slots)))
    throw new Error(`it keeps ${describe(found)}, but ${optimizer.type} with these settings keeps ${describe(wanted)}`);
  const total = optimizer.params.reduce((sum, p) => sum + p.data.length, 0);
  const slots = wanted.map((name) => {
    const tensors = state.slots[name];
    const values = new Float32Array(total);
    let used = 0;
    optimizer.params.forEach((p, i) => {
      const path = `slots.${name}.${p.nodeId}.${p.name}`;
      const t = tensors[p.nodeId]?.[p.name];
      if (!t) throw new Error(`${path} is missing`);
      const { shape, data } = decodeTensor(t, `optimizerState.${path}`);
      if (shape.length !== p.shape.length || shape.some((d, k) => d !== p.shape[k]) || sizeOf(shape) !== p.data.length)
        throw new Error(`${path} has shape [${shape.join(', ')}], the param has [${p.shape.join(', ')}]`);
      values.set(data, optimizer.offsetOf(i));
      used++;
    });
    const saved = Object.values(tensors).reduce((n, params) => n + Object.keys(params).length, 0);
    if (saved !== used) throw new Error(`slots.${name} holds ${saved} tensors, the model has ${used} trainable params`);
    return values;
  });
  return { step: state.step, slots };
}

function describe(names: readonly string[]): string {
  return names.length === 0 ? 'no slots' : names.join(', ');
}
