import { definePool } from './pool-factory';

export const maxPool2d = definePool({
  type: 'maxPool2d',
  label: 'MaxPool2D',
  description:
    'Keeps the largest value of each window in every channel: the image gets smaller while a detected feature ' +
    'survives wherever in the window it was. No weights to learn; the gradient flows only to the winning pixel.',
  formula: 'y[c, i, j] = max over the window of x[c, i·s + u, j·s + v]',
});
