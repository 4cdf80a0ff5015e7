import { defineActivation } from './activation-factory';

export const elu = defineActivation({
  type: 'elu',
  label: 'ELU',
  description:
    'Like ReLU for positive values, but negative values curve smoothly towards −α, ' +
    'which keeps mean activations closer to zero.',
  formula: 'y = x if x > 0, else α·(e^x − 1)',
  params: {
    alpha: { kind: 'float', label: 'α', help: 'The value negative inputs approach.', default: 1.0, min: 0, minExclusive: true },
  },
  summary: (p) => `α = ${p.alpha}`,
});
