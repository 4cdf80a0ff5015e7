import { defineActivation } from './activation-factory';

export const identity = defineActivation({
  type: 'identity',
  label: 'Identity',
  description:
    'Passes its input through unchanged (a "linear" activation). ' +
    'Useful to make the output of a regression network explicit.',
  formula: 'y = x',
});
