import { defineActivation } from './activation-factory';

export const softmax = defineActivation({
  type: 'softmax',
  label: 'Softmax',
  description:
    'Turns a vector of scores into probabilities that are positive and sum to 1, one per class. ' +
    'Put it before a Cross-entropy loss; it works over the features, so its input must be flat.',
  formula: 'yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)',
  flatOnly: true,
});
