/** RMSprop (not centred), as torch.optim.RMSprop's single-tensor path; `rho` is PyTorch's `alpha`. */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { OptimizerBase } from './optimizer';

type RmspropConfig = Extract<OptimizerConfig, { type: 'rmsprop' }>;

export class Rmsprop extends OptimizerBase {
  readonly type = 'rmsprop';
  readonly slotNames: readonly string[];
  private readonly rho: number;
  private readonly epsilon: number;
  private readonly momentum: number;
  private readonly squareAvg: Float32Array;
  private readonly buf: Float32Array;
  private lr = 0;

  constructor(cfg: RmspropConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.rmsprop;
    const momentum = cfg.momentum ?? d.momentum;
    super(params, momentum > 0 ? 2 : 1, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.rho = cfg.rho ?? d.rho;
    this.epsilon = cfg.epsilon ?? d.epsilon;
    this.momentum = momentum;
    this.slotNames = momentum > 0 ? ['squareAvg', 'momentumBuffer'] : ['squareAvg'];
    this.squareAvg = this.slots[0];
    this.buf = this.slots[1] ?? new Float32Array(0);
  }

  protected beginStep(lr: number): void {
    this.lr = lr;
  }

  protected update(p: number, g: number, k: number): number {
    const sq = (this.squareAvg[k] = this.rho * this.squareAvg[k] + (1 - this.rho) * g * g);
    const avg = Math.sqrt(sq) + this.epsilon;
    if (this.momentum > 0) return p - this.lr * (this.buf[k] = this.momentum * this.buf[k] + g / avg);
    return p - (this.lr * g) / avg;
  }
}
