/**
 * Every optimiser hyper-parameter default in one place. They are PyTorch 1.13's, except
 * RMSprop's `rho` (PyTorch calls it `alpha`) and the fact that the learning rate is always given.
 */
export const OPTIMIZER_DEFAULTS = {
  sgd: { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 },
  adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
  rmsprop: { rho: 0.99, epsilon: 1e-8, momentum: 0, weightDecay: 0 },
  adagrad: { epsilon: 1e-10, lrDecay: 0, weightDecay: 0 },
} as const;
