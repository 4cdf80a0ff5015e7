/**
 * How the app counts epochs and steps, the one way everywhere (status line, divergence message,
 * early stopping, the CLI): 1-based, naming the **last step taken** — "epoch 2, step 5" is the
 * fifth mini-batch of the second epoch. At the end of an epoch that is its last step
 * ("epoch 2, step 13/13"); before any step there is none. The engine keeps completed epochs and
 * steps taken in the current one; this turns them into that position.
 */
export interface RunPosition {
  /** 1-based epoch of the last step taken. */
  epoch: number;
  /** 1-based step within that epoch. */
  step: number;
}

/** The last step taken, from completed epochs and steps taken in the epoch under way; null before any step. */
export function lastStepPosition(completedEpochs: number, stepInEpoch: number, stepsPerEpoch: number): RunPosition | null {
  if (stepInEpoch > 0) return { epoch: completedEpochs + 1, step: stepInEpoch };
  if (completedEpochs > 0) return { epoch: completedEpochs, step: stepsPerEpoch };
  return null;
}

/** "epoch 2, step 5" */
export function describePosition(p: RunPosition): string {
  return `epoch ${p.epoch}, step ${p.step}`;
}
