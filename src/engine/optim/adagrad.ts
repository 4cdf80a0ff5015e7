/** Adagrad, as torch.optim.Adagrad's single-tensor path (initial accumulator 0). */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { OptimizerBase } from './optimizer';

type AdagradConfig = Extract<OptimizerConfig, { type: 'adagrad' }>;

export class Adagrad extends OptimizerBase {
  readonly type = 'adagrad';
  readonly slotNames = ['sum'];
  private readonly epsilon: number;
  private readonly lrDecay: number;
  private readonly sum: Float32Array;
  private clr = 0;

  constructor(cfg: AdagradConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.adagrad;
    super(params, 1, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.epsilon = cfg.epsilon ?? d.epsilon;
    this.lrDecay = cfg.lrDecay ?? d.lrDecay;
    this.sum = this.slots[0];
  }

  protected beginStep(lr: number, t: number): void {
    this.clr = lr / (1 + (t - 1) * this.lrDecay);
  }

  protected update(p: number, g: number, k: number): number {
    const s = (this.sum[k] += g * g);
    return p - (this.clr * g) / (Math.sqrt(s) + this.epsilon);
  }
}
