import { defineLoss } from './loss-factory';

export const crossEntropy = defineLoss({
  type: 'crossEntropy',
  label: 'Cross-entropy',
  description:
    'For several classes: the loss is −ln of the probability the network gives to the true class, so it is 0 when that probability is 1. ' +
    'It needs a Softmax right before it (computed together, in a numerically stable way), with one output per class.',
  formula: 'L = −mean(ln p_y)   (p_y: probability of the true class y)',
  loss: {
    requires: 'softmax',
    requiresMessage: 'Cross-entropy needs probabilities: add a Softmax before it',
    classTargets: 'index',
  },
});
