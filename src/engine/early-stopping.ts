/** Early stopping on a monitored loss, with an optional snapshot of the best weights (params and buffers). */
import type { EarlyStoppingConfig } from '../shared/project-types';
import type { Weight } from './tensor';

export class EarlyStopping {
  bestLoss = Infinity;
  bestEpoch = -1;
  private waited = 0;
  private readonly snapshot: Float32Array[] | null;

  constructor(
    private readonly cfg: EarlyStoppingConfig,
    private readonly weights: readonly Weight[],
  ) {
    this.snapshot = cfg.restoreBest ? weights.map((p) => new Float32Array(p.data.length)) : null;
  }

  /** Records the epoch's monitored loss; true when training should stop. */
  observe(epoch: number, loss: number): boolean {
    if (loss < this.bestLoss - (this.cfg.minDelta ?? 0)) {
      this.bestLoss = loss;
      this.bestEpoch = epoch;
      this.waited = 0;
      if (this.snapshot) this.weights.forEach((p, i) => this.snapshot![i].set(p.data));
      return false;
    }
    this.waited++;
    return this.waited >= this.cfg.patience;
  }

  /** Puts the best weights back (if restoreBest). */
  restore(): boolean {
    if (!this.snapshot || this.bestEpoch < 0) return false;
    this.weights.forEach((p, i) => p.data.set(this.snapshot![i]));
    return true;
  }

  reset(): void {
    this.bestLoss = Infinity;
    this.bestEpoch = -1;
    this.waited = 0;
  }
}
