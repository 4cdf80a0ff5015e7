import { defineNode } from './types';

export const gaussianNoise = defineNode({
  type: 'gaussianNoise',
  label: 'Gaussian noise',
  category: 'regularization',
  description:
    'During training, adds random normal noise to every value. Right after the Input, with a loss whose target is ' +
    'the input, it makes a denoising autoencoder: the network sees a noisy sample and must rebuild the clean one. ' +
    'At evaluation and prediction it passes its input through unchanged.',
  formula: 'training: y = x + ε, ε ~ N(0, σ²);   evaluation: y = x',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    stddev: { kind: 'float', label: 'Std. deviation σ', help: 'How strong the noise is (in the units of the normalised data).', default: 0.1, min: 0 },
  },
  summary: (p) => `σ = ${p.stddev}`,
  inferShape: (inputs) => ({ shape: inputs[0]! }),
  trainingOnly: true,
});
