import { defineNode } from './types';

export const dropout = defineNode({
  type: 'dropout',
  label: 'Dropout',
  category: 'regularization',
  description:
    'During training, sets each value to 0 with probability p and scales the rest by 1/(1 − p), so the expected value ' +
    'is unchanged (inverted dropout). The network cannot rely on any single unit, which reduces overfitting. ' +
    'At evaluation and prediction it passes its input through unchanged.',
  formula: 'training: y = x · m / (1 − p), m ~ Bernoulli(1 − p);   evaluation: y = x',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    rate: { kind: 'float', label: 'Rate p', help: 'The probability that a value is dropped (set to 0) in a training step.', default: 0.5, min: 0, max: 0.95 },
  },
  summary: (p) => `p = ${p.rate}`,
  inferShape: (inputs) => ({ shape: inputs[0]! }),
  trainingOnly: true,
});
