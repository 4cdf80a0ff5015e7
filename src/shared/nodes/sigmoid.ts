import { defineActivation } from './activation-factory';

export const sigmoid = defineActivation({
  type: 'sigmoid',
  label: 'Sigmoid',
  description:
    'Squashes every value into (0, 1), so an output can be read as a probability. ' +
    'Its gradient vanishes for large |x|, which slows deep networks down.',
  formula: 'σ(x) = 1 / (1 + e^(−x))',
});
