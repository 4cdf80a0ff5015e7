/** Adagrad, as torch.optim.Adagrad's single-tensor path (initial accumulator 0). */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { SCALAR, type OptimExports } from '../backend/wasm-optim';
import { OptimizerBase, penalisedGradient } from './optimizer';

type AdagradConfig = Extract<OptimizerConfig, { type: 'adagrad' }>;

export class Adagrad extends OptimizerBase {
  readonly type = 'adagrad';
  readonly slotNames = ['sum'];
  private readonly epsilon: number;
  private readonly lrDecay: number;
  private clr = 0;

  constructor(cfg: AdagradConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.adagrad;
    super(params, 1, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.epsilon = cfg.epsilon ?? d.epsilon;
    this.lrDecay = cfg.lrDecay ?? d.lrDecay;
  }

  protected override beginStep(t: number): void {
    this.clr = this.learningRate / (1 + (t - 1) * this.lrDecay);
  }

  protected writeScalars(scalars: Float32Array): void {
    scalars[SCALAR.epsilon] = this.epsilon;
    scalars[SCALAR.decayedRate] = this.clr;
  }

  protected updateParamInWasm(kernels: OptimExports, data: number, grad: number, sum: number, _unused: number, n: number): void {
    kernels.adagrad(data, grad, sum, n);
  }

  protected updateParam(data: Float32Array, grad: Float32Array, offset: number): void {
    const wd = this.paramWeightDecay, l1 = this.paramL1;
    const sum = this.slots[0], clr = this.clr, eps = this.epsilon;
    const n = data.length;
    for (let j = 0, k = offset; j < n; j++, k++) {
      const p = data[j];
      const g = penalisedGradient(grad[j], p, wd, l1);
      // s stays in float64 for this step's update; the slot keeps its float32 rounding.
      const s = sum[k] + g * g;
      sum[k] = s;
      data[j] = p - (clr * g) / (Math.sqrt(s) + eps);
    }
  }
}
