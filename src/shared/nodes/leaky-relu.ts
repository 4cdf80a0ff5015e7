import { defineActivation } from './activation-factory';

export const leakyRelu = defineActivation({
  type: 'leakyRelu',
  label: 'Leaky ReLU',
  description:
    'Like ReLU, but negative values are multiplied by a small slope α instead of being zeroed, ' +
    'so units never stop learning completely ("dead" ReLUs).',
  formula: 'y = x if x ≥ 0, else α·x',
  params: {
    alpha: { kind: 'float', label: 'Slope α', help: 'Slope for negative inputs.', default: 0.01, min: 0 },
  },
  summary: (p) => `α = ${p.alpha}`,
});
