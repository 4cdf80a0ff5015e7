/** The penalties layers add to the loss (see ops/regularizers.ts for the formulas). */
import {
  activityL1,
  activityL1Backward,
  kernelPenalty,
  kernelPenaltyBackward,
  klSparsity,
  klSparsityBackward,
} from '../ops/regularizers';
import type { Param } from '../tensor';
import type { Layer, Penalty, RuntimeNode } from './layer';

/** λ₁·Σ|w| + λ₂·Σw² over one kernel. */
export class KernelPenalty implements Penalty {
  constructor(
    private readonly kernel: Param,
    private readonly l1: number,
    private readonly l2: number,
  ) {}
  compute(_rows: number, out: Float64Array, slot: number): void {
    out[slot] = kernelPenalty(this.kernel.data, this.l1, this.l2);
  }
  backward(): void {
    kernelPenaltyBackward(this.kernel.data, this.kernel.grad, this.l1, this.l2);
  }
}

/** λ·(1/B)·Σ|a| over a node's outputs. */
export class ActivityL1Penalty implements Penalty {
  constructor(
    private readonly node: RuntimeNode,
    private readonly lambda: number,
  ) {}
  compute(rows: number, out: Float64Array, slot: number): void {
    out[slot] = activityL1(this.node.output, rows, this.node.size, this.lambda);
  }
  backward(rows: number): void {
    activityL1Backward(this.node.output, this.node.grad, rows, this.node.size, this.lambda);
  }
}

/** β·Σ_j KL(ρ ‖ ρ̂_j) with ρ̂_j the batch mean of output j. */
export class KlSparsityPenalty implements Penalty {
  private readonly rhoHat: Float64Array;
  constructor(
    private readonly node: RuntimeNode,
    private readonly rho: number,
    private readonly beta: number,
  ) {
    this.rhoHat = new Float64Array(node.size);
  }
  /** ρ̂ of the last forward pass (for the UI: how active each unit is on average). */
  get meanActivations(): Float64Array {
    return this.rhoHat;
  }
  compute(rows: number, out: Float64Array, slot: number): void {
    out[slot] = klSparsity(this.node.output, rows, this.node.size, this.rho, this.beta, this.rhoHat);
  }
  backward(rows: number): void {
    klSparsityBackward(this.node.grad, rows, this.node.size, this.rho, this.beta, this.rhoHat);
  }
}

export interface KernelPenaltyParams {
  l1: number;
  l2: number;
}

/** Gives a Dense/Conv2D layer the penalty on its kernel when λ₁ or λ₂ is set. */
export function withKernelPenalty<L extends Layer>(layer: L, kernel: Param, p: KernelPenaltyParams): L {
  if (p.l1 > 0 || p.l2 > 0) layer.penalty = new KernelPenalty(kernel, p.l1, p.l2);
  return layer;
}

export interface ActivityPenaltyParams {
  activityRegularizer: 'none' | 'l1' | 'kl';
  activityL1: number;
  rho: number;
  sparsityWeight: number;
}

/** Gives an activation layer its activity penalty, if one is chosen. */
export function withActivityPenalty<L extends Layer>(layer: L, p: ActivityPenaltyParams): L {
  if (p.activityRegularizer === 'l1' && p.activityL1 > 0) layer.penalty = new ActivityL1Penalty(layer.node, p.activityL1);
  if (p.activityRegularizer === 'kl' && p.sparsityWeight > 0) layer.penalty = new KlSparsityPenalty(layer.node, p.rho, p.sparsityWeight);
  return layer;
}
