/**
 * Layer normalization, as torch.nn.LayerNorm(the sample's shape): each sample's values
 * normalised by their own mean and (biased) variance, y = γ ⊙ x̂ + β elementwise. The same in
 * training and evaluation. This type's own kernels; sums in float64; nothing allocated per step.
 */
import type { Param } from '../tensor';
import { Layer, optionalParam, type EngineNode, type RuntimeNode } from './layer';

/** Per row of `size` values: its mean and 1/√(σ² + ε) into mean[n]/invStd[n]; y = x̂ (then ⊙γ + β when given). */
export function layerNormForward(
  x: Float32Array, rows: number, size: number, eps: number, mean: Float64Array, invStd: Float64Array,
  gamma: Float32Array | null, beta: Float32Array | null, y: Float32Array,
): void {
  for (let n = 0; n < rows; n++) {
    const base = n * size;
    let sum = 0;
    for (let i = 0; i < size; i++) sum += x[base + i];
    const mu = sum / size;
    let sq = 0;
    for (let i = 0; i < size; i++) {
      const d = x[base + i] - mu;
      sq += d * d;
    }
    const s = 1 / Math.sqrt(sq / size + eps);
    mean[n] = mu;
    invStd[n] = s;
    if (gamma === null || beta === null) for (let i = 0; i < size; i++) y[base + i] = (x[base + i] - mu) * s;
    else for (let i = 0; i < size; i++) y[base + i] = (x[base + i] - mu) * s * gamma[i] + beta[i];
  }
}

/**
 * dγ += Σ_n dy·x̂, dβ += Σ_n dy, and with g = dy ⊙ γ (or dy):
 * dx += invStd · (g − mean(g) − x̂ · mean(g ⊙ x̂)) per row.
 */
export function layerNormBackward(
  x: Float32Array, dy: Float32Array, rows: number, size: number, mean: Float64Array, invStd: Float64Array,
  gamma: Float32Array | null, dGamma: Float32Array | null, dBeta: Float32Array | null, dx: Float32Array | null,
): void {
  for (let n = 0; n < rows; n++) {
    const base = n * size;
    const mu = mean[n];
    const s = invStd[n];
    let sumG = 0;
    let sumGXhat = 0;
    for (let i = 0; i < size; i++) {
      const xhat = (x[base + i] - mu) * s;
      const d = dy[base + i];
      const g = gamma === null ? d : d * gamma[i];
      sumG += g;
      sumGXhat += g * xhat;
      if (dGamma !== null) dGamma[i] += d * xhat;
      if (dBeta !== null) dBeta[i] += d;
    }
    if (dx === null) continue;
    const meanG = sumG / size;
    const meanGXhat = sumGXhat / size;
    for (let i = 0; i < size; i++) {
      const xhat = (x[base + i] - mu) * s;
      const g = gamma === null ? dy[base + i] : dy[base + i] * gamma[i];
      dx[base + i] += s * (g - meanG - xhat * meanGXhat);
    }
  }
}

export class LayerNormLayer extends Layer {
  private readonly gamma: Param | null;
  private readonly beta: Param | null;
  /** Each row's mean and 1/√(σ² + ε) from the last forward pass. */
  private readonly mean: Float64Array;
  private readonly invStd: Float64Array;

  constructor(
    node: RuntimeNode,
    private readonly eps: number,
    maxBatch: number,
  ) {
    super(node);
    this.gamma = optionalParam(node, 'gamma');
    this.beta = optionalParam(node, 'beta');
    this.mean = new Float64Array(maxBatch);
    this.invStd = new Float64Array(maxBatch);
  }

  forward(rows: number): void {
    const gamma = this.gamma;
    const beta = this.beta;
    layerNormForward(
      this.node.inputs[0].output, rows, this.node.size, this.eps, this.mean, this.invStd,
      gamma ? gamma.data : null, beta ? beta.data : null, this.node.output,
    );
  }

  backward(rows: number): void {
    const src = this.node.inputs[0];
    const gamma = this.gamma;
    const beta = this.beta;
    layerNormBackward(
      src.output, this.node.grad, rows, this.node.size, this.mean, this.invStd,
      gamma ? gamma.data : null, gamma ? gamma.grad : null, beta ? beta.grad : null, this.propagateToInputs ? src.grad : null,
    );
  }
}

export const layerNorm: EngineNode<'layerNorm'> = {
  build: (node, p, ctx) => new LayerNormLayer(node, p.epsilon, ctx.maxBatch),
};
