import { defineLoss } from './loss-factory';

export const mse = defineLoss({
  type: 'mse',
  label: 'MSE',
  description:
    'Mean squared error: the average of the squared differences between prediction and target. ' +
    'The standard loss for regression; large mistakes cost much more than small ones. ' +
    'For classes, the targets are 0/1 (one output) or one-hot (one output per class).',
  formula: 'L = mean((ŷ − y)²)   over samples and outputs',
  loss: { classTargets: 'binary' },
});
