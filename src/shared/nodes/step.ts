import { defineActivation } from './activation-factory';

export const step = defineActivation({
  type: 'step',
  label: 'Step',
  description:
    'The Heaviside step of the classic perceptron: 1 if x ≥ 0, else 0. Its true gradient is 0 almost everywhere, ' +
    'so training lets the gradient pass straight through unchanged (the straight-through estimator). ' +
    "On a single-layer perceptron with MSE loss this update is exactly Rosenblatt's perceptron rule Δw = η(y − ŷ)x (up to the constant 2/n).",
  formula: 'y = 1 if x ≥ 0, else 0   (backward: ∂y/∂x taken as 1)',
  straightThrough: true,
});
