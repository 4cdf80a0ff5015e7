/** Adam, as torch.optim.Adam's single-tensor path (PyTorch 1.13, amsgrad off). */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { OptimizerBase } from './optimizer';

type AdamConfig = Extract<OptimizerConfig, { type: 'adam' }>;

export class Adam extends OptimizerBase {
  readonly type = 'adam';
  readonly slotNames = ['expAvg', 'expAvgSq'];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private stepSize = 0;
  private bc2Sqrt = 1;

  constructor(cfg: AdamConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.adam;
    super(params, 2, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.beta1 = cfg.beta1 ?? d.beta1;
    this.beta2 = cfg.beta2 ?? d.beta2;
    this.epsilon = cfg.epsilon ?? d.epsilon;
    [this.m, this.v] = this.slots;
  }

  protected beginStep(lr: number, t: number): void {
    // PyTorch's arithmetic: step_size = lr / bc1, denom = sqrt(v) / sqrt(bc2) + eps.
    this.stepSize = lr / (1 - this.beta1 ** t);
    this.bc2Sqrt = Math.sqrt(1 - this.beta2 ** t);
  }

  protected update(p: number, g: number, k: number): number {
    const m = (this.m[k] = this.beta1 * this.m[k] + (1 - this.beta1) * g);
    const v = (this.v[k] = this.beta2 * this.v[k] + (1 - this.beta2) * g * g);
    return p - (this.stepSize * m) / (Math.sqrt(v) / this.bc2Sqrt + this.epsilon);
  }
}
