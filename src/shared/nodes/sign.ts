import { defineActivation } from './activation-factory';

export const sign = defineActivation({
  type: 'sign',
  label: 'Sign',
  description:
    'Outputs +1 if x ≥ 0, else −1, like the perceptron with ±1 labels. Its true gradient is 0 almost everywhere, ' +
    'so training lets the gradient pass straight through unchanged (the straight-through estimator). ' +
    "On a single-layer perceptron with MSE loss this update is exactly Rosenblatt's perceptron rule Δw = η(y − ŷ)x (up to the constant 2/n).",
  formula: 'y = +1 if x ≥ 0, else −1   (backward: ∂y/∂x taken as 1)',
  signedOutput: true,
  straightThrough: true,
});
