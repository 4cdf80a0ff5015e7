import { defineLoss } from './loss-factory';

export const mae = defineLoss({
  type: 'mae',
  label: 'MAE',
  description:
    'Mean absolute error: the average distance between prediction and target. ' +
    'Less sensitive to outliers than MSE. For classes, the targets are 0/1 (one output) or one-hot.',
  formula: 'L = mean(|ŷ − y|)   over samples and outputs',
  loss: { classTargets: 'binary' },
});
