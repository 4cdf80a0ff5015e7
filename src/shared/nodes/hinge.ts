import { defineLoss } from './loss-factory';

export const hinge = defineLoss({
  type: 'hinge',
  label: 'Hinge',
  description:
    'The perceptron criterion for labels y ∈ {−1, +1}: zero when the output a has the sign of the label, ' +
    'otherwise it grows with how far a is on the wrong side. Connect it straight to a Dense (no activation).',
  formula: 'L = mean(max(0, −y·a))',
  loss: { classTargets: 'signed' },
});
