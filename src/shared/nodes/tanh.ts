import { defineActivation } from './activation-factory';

export const tanh = defineActivation({
  type: 'tanh',
  label: 'Tanh',
  description:
    'Squashes every value into (−1, 1) and is centred on zero. ' +
    'It is a rescaled sigmoid: tanh(x) = 2σ(2x) − 1.',
  formula: 'tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))',
});
