/** Adam, as torch.optim.Adam's single-tensor path (PyTorch 1.13, amsgrad off). */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { SCALAR, type OptimExports } from '../backend/wasm-optim';
import { OptimizerBase, penalisedGradient } from './optimizer';

type AdamConfig = Extract<OptimizerConfig, { type: 'adam' }>;

export class Adam extends OptimizerBase {
  readonly type = 'adam';
  readonly slotNames = ['expAvg', 'expAvgSq'];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private stepSize = 0;
  private bc2Sqrt = 1;

  constructor(cfg: AdamConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.adam;
    super(params, 2, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.beta1 = cfg.beta1 ?? d.beta1;
    this.beta2 = cfg.beta2 ?? d.beta2;
    this.epsilon = cfg.epsilon ?? d.epsilon;
  }

  protected override beginStep(t: number): void {
    // PyTorch's arithmetic: step_size = lr / bc1, denom = sqrt(v) / sqrt(bc2) + eps.
    this.stepSize = this.learningRate / (1 - this.beta1 ** t);
    this.bc2Sqrt = Math.sqrt(1 - this.beta2 ** t);
  }

  protected writeScalars(scalars: Float32Array): void {
    scalars[SCALAR.beta1] = this.beta1;
    scalars[SCALAR.oneMinusBeta1] = 1 - this.beta1;
    scalars[SCALAR.beta2] = this.beta2;
    scalars[SCALAR.oneMinusBeta2] = 1 - this.beta2;
    scalars[SCALAR.epsilon] = this.epsilon;
    scalars[SCALAR.stepSize] = this.stepSize;
    scalars[SCALAR.bc2Sqrt] = this.bc2Sqrt;
  }

  protected updateParamInWasm(kernels: OptimExports, data: number, grad: number, expAvg: number, expAvgSq: number, n: number): void {
    kernels.adam(data, grad, expAvg, expAvgSq, n);
  }

  protected updateParam(data: Float32Array, grad: Float32Array, offset: number): void {
    const wd = this.paramWeightDecay, l1 = this.paramL1;
    const m = this.slots[0], v = this.slots[1];
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const stepSize = this.stepSize, bc2Sqrt = this.bc2Sqrt;
    const n = data.length;
    for (let j = 0, k = offset; j < n; j++, k++) {
      const p = data[j];
      const g = penalisedGradient(grad[j], p, wd, l1);
      // The moments stay in float64 for this step's update; the slots keep their float32 rounding.
      const mk = b1 * m[k] + (1 - b1) * g;
      const vk = b2 * v[k] + (1 - b2) * g * g;
      m[k] = mk;
      v[k] = vk;
      data[j] = p - (stepSize * mk) / (Math.sqrt(vk) / bc2Sqrt + eps);
    }
  }
}
