/**
 * Each optimiser's update rule in words and symbols, for the step-through's update stage. The
 * text describes what the optimiser classes in this folder compute (g is ∂L/∂w plus the penalty
 * terms below); it is shown, never evaluated.
 */
import type { OptimizerConfig } from '../../shared/project-types';
import { OPTIMIZER_DEFAULTS } from './defaults';

export interface UpdateRule {
  /** Name of the optimiser, e.g. "SGD with momentum 0.9". */
  name: string;
  rule: string;
  /** True for plain w ← w − α·∂L/∂w (SGD, no momentum, no weight decay, no L1). */
  plain: boolean;
}

export function updateRule(cfg: OptimizerConfig, l1 = 0): UpdateRule {
  const decay = cfg.weightDecay ?? 0;
  const penalties = [decay ? `${decay}·w` : '', l1 ? `${l1}·sign(w)` : ''].filter(Boolean);
  const g = penalties.length ? `g = ∂L/∂w + ${penalties.join(' + ')}` : 'g = ∂L/∂w';
  switch (cfg.type) {
    case 'sgd': {
      const d = OPTIMIZER_DEFAULTS.sgd;
      const mu = cfg.momentum ?? d.momentum;
      if (mu === 0) {
        return penalties.length
          ? { name: 'SGD', rule: `w ← w − α·g,  ${g}`, plain: false }
          : { name: 'SGD', rule: 'w ← w − α·∂L/∂w', plain: true };
      }
      const dampening = cfg.dampening ?? d.dampening;
      const nesterov = cfg.nesterov ?? d.nesterov;
      const v = `v ← ${mu}·v + ${dampening ? `(1 − ${dampening})·` : ''}g  (v = g on the first step)`;
      const step = nesterov ? `w ← w − α·(g + ${mu}·v)` : 'w ← w − α·v';
      return { name: `SGD with ${nesterov ? 'Nesterov ' : ''}momentum ${mu}`, rule: `${v};  ${step};  ${g}`, plain: false };
    }
    case 'adam': {
      const d = OPTIMIZER_DEFAULTS.adam;
      const b1 = cfg.beta1 ?? d.beta1, b2 = cfg.beta2 ?? d.beta2, eps = cfg.epsilon ?? d.epsilon;
      return {
        name: 'Adam',
        rule: `m ← ${b1}·m + (1 − ${b1})·g;  v ← ${b2}·v + (1 − ${b2})·g²;  w ← w − α·m̂ / (√v̂ + ${eps}),  m̂ = m/(1 − ${b1}ᵗ), v̂ = v/(1 − ${b2}ᵗ);  ${g}`,
        plain: false,
      };
    }
    case 'rmsprop': {
      const d = OPTIMIZER_DEFAULTS.rmsprop;
      const rho = cfg.rho ?? d.rho, eps = cfg.epsilon ?? d.epsilon, mu = cfg.momentum ?? d.momentum;
      const s = `s ← ${rho}·s + (1 − ${rho})·g²`;
      const step = mu > 0 ? `b ← ${mu}·b + g/(√s + ${eps});  w ← w − α·b` : `w ← w − α·g/(√s + ${eps})`;
      return { name: 'RMSprop', rule: `${s};  ${step};  ${g}`, plain: false };
    }
    case 'adagrad': {
      const d = OPTIMIZER_DEFAULTS.adagrad;
      const eps = cfg.epsilon ?? d.epsilon, lrDecay = cfg.lrDecay ?? d.lrDecay;
      const rate = lrDecay ? `α/(1 + (t − 1)·${lrDecay})` : 'α';
      return { name: 'Adagrad', rule: `s ← s + g²;  w ← w − ${rate}·g/(√s + ${eps});  ${g}`, plain: false };
    }
  }
}
