/**
 * Batch normalization, as torch.nn.BatchNorm1d on [batch, F] and BatchNorm2d on [batch, C, H, W]:
 * per feature (per channel over its H·W positions and the batch), y = γ·x̂ + β with
 * x̂ = (x − μ)/√(σ² + ε).
 * - training: μ and σ² (biased) of the batch; the running averages move towards them by
 *   `momentum`, the variance's with the unbiased estimate (× m/(m − 1), m values per feature),
 *   as PyTorch. With one value per feature (a batch of one flat sample) the variance says
 *   nothing: x̂ is 0 and the running variance is left as it is (PyTorch refuses such a batch).
 * - evaluation: the running averages, so each sample's output depends on it alone.
 * The kernels below are this type's own (no other node uses them); the statistics are summed in
 * float64. Everything is allocated in the constructor: a step allocates nothing.
 */
import type { Param, StateBuffer } from '../tensor';
import { bufferOf, Layer, paramOf, type EngineNode, type RuntimeNode } from './layer';

/** Where feature c of sample n lives: x[n·size + c·inner + p] for p < inner (inner = H·W, or 1). */
export interface NormGeometry {
  rows: number;
  channels: number;
  inner: number;
}

/**
 * Per channel, over its m = rows·inner values: the batch mean into `mean`, 1/√(σ² + ε) into
 * `invStd` (σ² the biased batch variance) and the unbiased variance σ²·m/(m − 1) into `unbiased`
 * (NaN when m = 1).
 */
export function batchStatistics(x: Float32Array, g: NormGeometry, eps: number, mean: Float64Array, invStd: Float64Array, unbiased: Float64Array): void {
  const { rows, channels, inner } = g;
  const size = channels * inner;
  const m = rows * inner;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let n = 0; n < rows; n++) {
      const base = n * size + c * inner;
      for (let p = 0; p < inner; p++) sum += x[base + p];
    }
    const mu = sum / m;
    let sq = 0;
    for (let n = 0; n < rows; n++) {
      const base = n * size + c * inner;
      for (let p = 0; p < inner; p++) {
        const d = x[base + p] - mu;
        sq += d * d;
      }
    }
    mean[c] = mu;
    invStd[c] = 1 / Math.sqrt(sq / m + eps);
    unbiased[c] = sq / (m - 1); // m = 1: sq is 0, so 0/0 = NaN
  }
}

/** y = γ·(x − mean)·invStd + β per channel. */
export function normalizeForward(
  x: Float32Array, g: NormGeometry, mean: Float64Array, invStd: Float64Array, gamma: Float32Array, beta: Float32Array, y: Float32Array,
): void {
  const { rows, channels, inner } = g;
  const size = channels * inner;
  for (let c = 0; c < channels; c++) {
    const mu = mean[c];
    const scale = gamma[c] * invStd[c];
    const shift = beta[c];
    for (let n = 0; n < rows; n++) {
      const base = n * size + c * inner;
      for (let p = 0; p < inner; p++) y[base + p] = (x[base + p] - mu) * scale + shift;
    }
  }
}

/**
 * Accumulates dγ += Σ dy·x̂ and dβ += Σ dy per channel and, when dx is given, dx +=
 * - with batch statistics (they depend on x too): γ·invStd/m · (m·dy − Σdy − x̂·Σ(dy·x̂));
 * - with running statistics (constants): γ·invStd·dy.
 */
export function normalizeBackward(
  x: Float32Array, dy: Float32Array, g: NormGeometry, mean: Float64Array, invStd: Float64Array, gamma: Float32Array,
  dGamma: Float32Array, dBeta: Float32Array, dx: Float32Array | null, batchStats: boolean,
): void {
  const { rows, channels, inner } = g;
  const size = channels * inner;
  const m = rows * inner;
  for (let c = 0; c < channels; c++) {
    const mu = mean[c];
    const s = invStd[c];
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let n = 0; n < rows; n++) {
      const base = n * size + c * inner;
      for (let p = 0; p < inner; p++) {
        const d = dy[base + p];
        sumDy += d;
        sumDyXhat += d * (x[base + p] - mu) * s;
      }
    }
    dGamma[c] += sumDyXhat;
    dBeta[c] += sumDy;
    if (dx === null) continue;
    const k = gamma[c] * s;
    if (!batchStats) {
      for (let n = 0; n < rows; n++) {
        const base = n * size + c * inner;
        for (let p = 0; p < inner; p++) dx[base + p] += k * dy[base + p];
      }
      continue;
    }
    const meanDy = sumDy / m;
    const meanDyXhat = sumDyXhat / m;
    for (let n = 0; n < rows; n++) {
      const base = n * size + c * inner;
      for (let p = 0; p < inner; p++) {
        const xhat = (x[base + p] - mu) * s;
        dx[base + p] += k * (dy[base + p] - meanDy - xhat * meanDyXhat);
      }
    }
  }
}

export class BatchNormLayer extends Layer {
  private readonly gamma: Param;
  private readonly beta: Param;
  private readonly runningMean: StateBuffer;
  private readonly runningVar: StateBuffer;
  /** The statistics the last forward pass normalised with (batch or running), per channel. */
  private readonly mean: Float64Array;
  private readonly invStd: Float64Array;
  private readonly unbiased: Float64Array;
  private readonly geometry: NormGeometry;
  /** Whether the last forward pass used the batch's statistics (training). */
  private batchStats = false;

  constructor(
    node: RuntimeNode,
    private readonly momentum: number,
    private readonly eps: number,
  ) {
    super(node);
    this.gamma = paramOf(node, 'gamma');
    this.beta = paramOf(node, 'beta');
    this.runningMean = bufferOf(node, 'runningMean');
    this.runningVar = bufferOf(node, 'runningVar');
    const channels = node.shape[0];
    this.geometry = { rows: 0, channels, inner: node.size / channels };
    this.mean = new Float64Array(channels);
    this.invStd = new Float64Array(channels);
    this.unbiased = new Float64Array(channels);
  }

  forward(rows: number, training: boolean): void {
    const g = this.geometry;
    g.rows = rows;
    const x = this.node.inputs[0].output;
    this.batchStats = training;
    if (training) {
      batchStatistics(x, g, this.eps, this.mean, this.invStd, this.unbiased);
      this.updateRunning();
    } else {
      const rm = this.runningMean.data;
      const rv = this.runningVar.data;
      for (let c = 0; c < g.channels; c++) {
        this.mean[c] = rm[c];
        this.invStd[c] = 1 / Math.sqrt(rv[c] + this.eps);
      }
    }
    normalizeForward(x, g, this.mean, this.invStd, this.gamma.data, this.beta.data, this.node.output);
  }

  backward(rows: number): void {
    const g = this.geometry;
    g.rows = rows;
    const src = this.node.inputs[0];
    normalizeBackward(
      src.output, this.node.grad, g, this.mean, this.invStd, this.gamma.data,
      this.gamma.grad, this.beta.grad, this.propagateToInputs ? src.grad : null, this.batchStats,
    );
  }

  private updateRunning(): void {
    const mom = this.momentum;
    const rm = this.runningMean.data;
    const rv = this.runningVar.data;
    for (let c = 0; c < this.geometry.channels; c++) {
      rm[c] = (1 - mom) * rm[c] + mom * this.mean[c];
      const v = this.unbiased[c];
      if (v === v) rv[c] = (1 - mom) * rv[c] + mom * v; // NaN (one value per feature): no information
    }
  }
}

export const batchNorm: EngineNode<'batchNorm'> = {
  build: (node, p) => new BatchNormLayer(node, p.momentum, p.epsilon),
};
