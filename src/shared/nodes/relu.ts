import { defineActivation } from './activation-factory';

export const relu = defineActivation({
  type: 'relu',
  label: 'ReLU',
  description:
    'Keeps positive values and sets negative ones to zero. ' +
    'Cheap, and its gradient does not vanish for positive inputs, so it is the usual choice in hidden layers.',
  formula: 'ReLU(x) = max(0, x)',
});
