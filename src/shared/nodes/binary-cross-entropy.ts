import { defineLoss } from './loss-factory';

export const binaryCrossEntropy = defineLoss({
  type: 'binaryCrossEntropy',
  label: 'Binary cross-entropy',
  description:
    'For two classes: the prediction p is the probability of class 1, and the loss is small when p is close to the label (0 or 1). ' +
    'It needs a Sigmoid right before it (computed together, in a numerically stable way).',
  formula: 'L = −mean(y·ln p + (1 − y)·ln(1 − p))',
  loss: {
    requires: 'sigmoid',
    requiresMessage: 'Binary cross-entropy needs a probability: add a Sigmoid before it',
    classTargets: 'binary',
  },
});
