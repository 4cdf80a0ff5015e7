/**
 * Penalty params shared by several node types, so every node that has them gets the same names,
 * limits and texts: kernel penalties on Dense and Conv2D, activity penalties on every activation.
 */

/** λ₁·Σ|w| + λ₂·Σw² over a layer's kernel (never its bias), added to the loss. */
export const kernelPenaltyParams = {
  l1: {
    kind: 'float',
    label: 'Kernel L1 λ₁',
    help: 'Adds λ₁·Σ|w| over the kernel to the loss: pushes unneeded weights to exactly 0.',
    default: 0,
    min: 0,
  },
  l2: {
    kind: 'float',
    label: 'Kernel L2 λ₂',
    help: "Adds λ₂·Σw² over the kernel to the loss (gradient 2λ₂·w): keeps weights small. Unlike the optimiser's weight decay it is part of the loss and applies to this layer only.",
    default: 0,
    min: 0,
  },
} as const;

/** A penalty on an activation's outputs a, added to the loss (means are over the batch). */
export const activityParams = {
  activityRegularizer: {
    kind: 'enum',
    label: 'Activity penalty',
    help: 'none; l1: λ·Σ|a| per sample, for sparse codes; kl: KL sparsity of a Sigmoid (sparse autoencoders).',
    default: 'none',
    options: ['none', 'l1', 'kl'],
  },
  activityL1: {
    kind: 'float',
    label: 'Activity L1 λ',
    help: 'Weight λ of the L1 activity penalty λ·mean over the batch of Σ|a|.',
    default: 0.01,
    min: 0,
    visibleWhen: { param: 'activityRegularizer', equals: 'l1' },
  },
  rho: {
    kind: 'float',
    label: 'Target activation ρ',
    help: 'KL sparsity: the average activation each unit should have over a batch, e.g. 0.05.',
    default: 0.05,
    min: 0,
    minExclusive: true,
    max: 0.99,
    visibleWhen: { param: 'activityRegularizer', equals: 'kl' },
  },
  sparsityWeight: {
    kind: 'float',
    label: 'Sparsity weight β',
    help: 'KL sparsity: the penalty is β·Σⱼ KL(ρ‖ρ̂ⱼ), ρ̂ⱼ the batch-mean activation of unit j.',
    default: 1,
    min: 0,
    visibleWhen: { param: 'activityRegularizer', equals: 'kl' },
  },
} as const;

export type ActivityParams = typeof activityParams;
