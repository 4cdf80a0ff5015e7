/** Optimisers numerically as PyTorch 1.13's torch.optim (single-tensor paths). */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import type { Optimizer } from './optimizer';
import { Rmsprop } from './rmsprop';
import { Sgd } from './sgd';

export type { Optimizer, OptimizerSnapshot, PenaltyOptions } from './optimizer';
export { OptimizerBase } from './optimizer';
export { OPTIMIZER_DEFAULTS } from './defaults';
export { Adagrad, Adam, Rmsprop, Sgd };

/**
 * An optimiser for these (trainable) params. `opts.l1` adds l1·sign(p) to the gradient of
 * every param declared with `decay` (as `weightDecay` does: kernels and biases), before the update.
 */
export function createOptimizer(cfg: OptimizerConfig, params: Param[], opts?: { l1?: number }): Optimizer {
  const l1 = opts?.l1 ?? 0;
  switch (cfg.type) {
    case 'sgd':
      return new Sgd(cfg, params, l1);
    case 'adam':
      return new Adam(cfg, params, l1);
    case 'rmsprop':
      return new Rmsprop(cfg, params, l1);
    case 'adagrad':
      return new Adagrad(cfg, params, l1);
  }
}
