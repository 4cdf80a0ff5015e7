import { defineActivation } from './activation-factory';

export const softplus = defineActivation({
  type: 'softplus',
  label: 'Softplus',
  description:
    'A smooth version of ReLU: always positive, close to 0 for very negative x and close to x for large x. ' +
    'Its derivative is the sigmoid.',
  formula: 'softplus(x) = ln(1 + e^x)',
});
