import { defineLoss } from './loss-factory';

export const nll = defineLoss({
  type: 'nll',
  label: 'NLL',
  description:
    'Negative log-likelihood: the same as Cross-entropy, but it reads log-probabilities. ' +
    'It needs a LogSoftmax right before it, with one output per class.',
  formula: 'L = −mean(z_y)   (z: log-probabilities, y: the true class)',
  loss: {
    requires: 'logSoftmax',
    requiresMessage: 'NLL needs log-probabilities: add a LogSoftmax before it',
    classTargets: 'index',
  },
});
