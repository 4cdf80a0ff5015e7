import { plainShape } from './shape-checks';
import { defineNode, type Shape } from './types';

/** Features of a flat input [F], channels of an image [C, H, W]: what gets its own statistics. */
const channels = (_p: unknown, inputs: readonly Shape[]): Shape => [inputs[0]![0]!];

export const batchNorm = defineNode({
  type: 'batchNorm',
  label: 'Batch normalization',
  category: 'layer',
  description:
    'Normalises each feature (each channel of an image) to mean 0 and variance 1 over the batch, then scales by a learned γ ' +
    'and shifts by a learned β. In training it uses the batch’s own mean and variance and keeps running averages of them; ' +
    'at evaluation and prediction it uses those running averages, so one sample’s answer does not depend on the others.',
  formula: 'y = γ · (x − μ) / √(σ² + ε) + β   (training: μ, σ² of the batch; evaluation: the running averages)',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    momentum: {
      kind: 'float',
      label: 'Momentum',
      help: 'How fast the running averages follow the batches: running = (1 − momentum)·running + momentum·batch (PyTorch’s convention).',
      default: 0.1,
      min: 0,
      max: 1,
    },
    epsilon: {
      kind: 'float',
      label: 'Epsilon ε',
      help: 'Added to the variance before the square root, so a feature that never varies does not divide by zero.',
      default: 1e-5,
      min: 0,
      minExclusive: true,
      max: 1,
    },
  },
  summary: (p) => `momentum ${p.momentum}`,
  inferShape(inputs) {
    const shape = inputs[0]!;
    if (shape.length === 1 || shape.length === 3) return { shape };
    return {
      error: `Batch normalization needs features [F] or an image [channels, height, width], but gets ${plainShape(shape)}`,
      help: 'add a Flatten before it, or a Reshape to [channels, height, width]',
    };
  },
  weights: [
    { name: 'gamma', shape: channels, init: 'ones', trainable: true, decay: false },
    { name: 'beta', shape: channels, init: 'zeros', trainable: true, decay: false },
    { name: 'runningMean', shape: channels, init: 'zeros', trainable: false, decay: false },
    { name: 'runningVar', shape: channels, init: 'ones', trainable: false, decay: false },
  ],
});
