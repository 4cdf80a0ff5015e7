/** RMSprop (not centred), as torch.optim.RMSprop's single-tensor path; `rho` is PyTorch's `alpha`. */
import type { OptimizerConfig } from '../../shared/project-types';
import type { Param } from '../tensor';
import { OPTIMIZER_DEFAULTS } from './defaults';
import { SCALAR, type OptimExports } from '../backend/wasm-optim';
import { OptimizerBase, penalisedGradient } from './optimizer';

type RmspropConfig = Extract<OptimizerConfig, { type: 'rmsprop' }>;

export class Rmsprop extends OptimizerBase {
  readonly type = 'rmsprop';
  readonly slotNames: readonly string[];
  private readonly rho: number;
  private readonly epsilon: number;
  private readonly momentum: number;

  constructor(cfg: RmspropConfig, params: readonly Param[], l1: number) {
    const d = OPTIMIZER_DEFAULTS.rmsprop;
    const momentum = cfg.momentum ?? d.momentum;
    super(params, momentum > 0 ? 2 : 1, { weightDecay: cfg.weightDecay ?? d.weightDecay, l1 });
    this.rho = cfg.rho ?? d.rho;
    this.epsilon = cfg.epsilon ?? d.epsilon;
    this.momentum = momentum;
    this.slotNames = momentum > 0 ? ['squareAvg', 'momentumBuffer'] : ['squareAvg'];
  }

  protected writeScalars(scalars: Float32Array): void {
    scalars[SCALAR.momentum] = this.momentum;
    scalars[SCALAR.rho] = this.rho;
    scalars[SCALAR.oneMinusRho] = 1 - this.rho;
    scalars[SCALAR.epsilon] = this.epsilon;
  }

  protected updateParamInWasm(kernels: OptimExports, data: number, grad: number, squareAvg: number, buf: number, n: number): void {
    kernels.rmsprop(data, grad, squareAvg, buf, n, this.momentum > 0 ? 1 : 0);
  }

  protected updateParam(data: Float32Array, grad: Float32Array, offset: number): void {
    const wd = this.paramWeightDecay, l1 = this.paramL1;
    // Without momentum there is no second slot; buf is then never read (a Float32Array all the same, so the loop stays monomorphic).
    const squareAvg = this.slots[0], buf = this.momentum > 0 ? this.slots[1] : squareAvg;
    const rho = this.rho, eps = this.epsilon, mu = this.momentum, lr = this.learningRate;
    const n = data.length;
    for (let j = 0, k = offset; j < n; j++, k++) {
      const p = data[j];
      const g = penalisedGradient(grad[j], p, wd, l1);
      // sq stays in float64 for this step's update; the slot keeps its float32 rounding.
      const sq = rho * squareAvg[k] + (1 - rho) * g * g;
      squareAvg[k] = sq;
      const avg = Math.sqrt(sq) + eps;
      if (mu > 0) {
        const b = mu * buf[k] + g / avg;
        buf[k] = b;
        data[j] = p - lr * b;
      } else {
        data[j] = p - (lr * g) / avg;
      }
    }
  }
}
