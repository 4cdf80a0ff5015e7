import { defineActivation } from './activation-factory';

export const logSoftmax = defineActivation({
  type: 'logSoftmax',
  label: 'LogSoftmax',
  description:
    'The logarithm of Softmax, computed in a numerically stable way: log-probabilities, one per class. ' +
    'Put it before an NLL loss; its input must be flat.',
  formula: 'yᵢ = xᵢ − ln Σⱼ e^(xⱼ)',
  flatOnly: true,
});
