/** SGD with optional (Nesterov) momentum and dampening, as torch.optim.SGD (PyTorch 1.13). */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { OptimizerBase } from './optimizer';

type SgdConfig = Extract<OptimizerConfig, { type: 'sgd' }>;

export class Sgd extends OptimizerBase {
  readonly type = 'sgd';
  readonly slotNames: readonly string[];
  private readonly momentum: number;
  private readonly dampening: number;
  private readonly nesterov: boolean;
  private readonly buf: Float32Array;
  private lr = 0;
  private first = true;

  constructor(cfg: SgdConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.sgd;
    const momentum = cfg.momentum ?? d.momentum;
    super(params, momentum !== 0 ? 1 : 0, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.momentum = momentum;
    this.slotNames = momentum !== 0 ? ['momentumBuffer'] : [];
    this.dampening = cfg.dampening ?? d.dampening;
    this.nesterov = cfg.nesterov ?? d.nesterov;
    this.buf = this.slots[0] ?? new Float32Array(0);
  }

  protected beginStep(lr: number, t: number): void {
    this.lr = lr;
    // PyTorch starts the momentum buffer at the first gradient (no dampening on step 1).
    this.first = t === 1;
  }

  protected update(p: number, g: number, k: number): number {
    const mu = this.momentum;
    if (mu === 0) return p - this.lr * g;
    const b = (this.buf[k] = this.first ? g : mu * this.buf[k] + (1 - this.dampening) * g);
    return p - this.lr * (this.nesterov ? g + mu * b : b);
  }
}
