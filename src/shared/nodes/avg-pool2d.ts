import { definePool } from './pool-factory';

export const avgPool2d = definePool({
  type: 'avgPool2d',
  label: 'AvgPool2D',
  description:
    'Averages each window in every channel: a smoothed, smaller image. No weights to learn; ' +
    'the gradient is shared equally by the pixels of the window.',
  formula: 'y[c, i, j] = mean over the window of x[c, i·s + u, j·s + v]',
});
