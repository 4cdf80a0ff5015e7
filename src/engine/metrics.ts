/**
 * Running metrics over batches: loss (sample-weighted), accuracy for classification,
 * MAE and R² for regression. Buffers are allocated once; add() allocates nothing.
 */
import type { Task } from '../shared/project-types';

export interface Metrics {
  loss: number;
  accuracy?: number;
  mae?: number;
  r2?: number;
}

export class MetricAccumulator {
  private samples = 0;
  private lossSum = 0;
  private correct = 0;
  private absErr = 0;
  private readonly sse: Float64Array;
  private readonly sumY: Float64Array;
  private readonly sumY2: Float64Array;

  /**
   * @param outputs prediction values per sample
   * @param classTargets how the primary loss reads labels: one output is thresholded at 0.5
   *   ('binary': probabilities or 0/1 regression) or at 0 ('signed': ±1), several take the argmax.
   * @param hasLabels false when the primary loss reconstructs the input (no accuracy then).
   */
  constructor(
    private readonly task: Task,
    private readonly outputs: number,
    private readonly classTargets: 'index' | 'binary' | 'signed',
    private readonly hasLabels: boolean,
  ) {
    this.sse = new Float64Array(outputs);
    this.sumY = new Float64Array(outputs);
    this.sumY2 = new Float64Array(outputs);
  }

  reset(): void {
    this.samples = this.lossSum = this.correct = this.absErr = 0;
    this.sse.fill(0);
    this.sumY.fill(0);
    this.sumY2.fill(0);
  }

  /** `loss` is the batch's mean loss; `pred` holds rows × outputs, `y` the raw targets. */
  add(loss: number, pred: Float32Array, y: Float32Array, rows: number): void {
    this.samples += rows;
    this.lossSum += loss * rows;
    if (!this.hasLabels) return;
    if (this.task === 'classification') this.correct += this.countCorrect(pred, y, rows);
    else this.addRegression(pred, y, rows);
  }

  result(): Metrics {
    const n = this.samples;
    const m: Metrics = { loss: n > 0 ? this.lossSum / n : NaN };
    if (!this.hasLabels || n === 0) return m;
    if (this.task === 'classification') {
      m.accuracy = this.correct / n;
      return m;
    }
    m.mae = this.absErr / (n * this.outputs);
    let r2 = 0;
    for (let j = 0; j < this.outputs; j++) {
      const mean = this.sumY[j] / n;
      const sst = this.sumY2[j] - n * mean * mean;
      r2 += sst > 0 ? 1 - this.sse[j] / sst : this.sse[j] === 0 ? 1 : 0;
    }
    m.r2 = r2 / this.outputs;
    return m;
  }

  private countCorrect(pred: Float32Array, y: Float32Array, rows: number): number {
    const k = this.outputs;
    let correct = 0;
    if (k === 1) {
      const threshold = this.classTargets === 'signed' ? 0 : 0.5;
      for (let i = 0; i < rows; i++) if ((pred[i] >= threshold ? 1 : 0) === (y[i] > 0 ? 1 : 0)) correct++;
      return correct;
    }
    for (let i = 0; i < rows; i++) {
      const base = i * k;
      let best = 0;
      for (let j = 1; j < k; j++) if (pred[base + j] > pred[base + best]) best = j;
      if (best === y[i]) correct++;
    }
    return correct;
  }

  private addRegression(pred: Float32Array, y: Float32Array, rows: number): void {
    const k = this.outputs;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < k; j++) {
        const t = y[i * k + j];
        const e = pred[i * k + j] - t;
        this.absErr += Math.abs(e);
        this.sse[j] += e * e;
        this.sumY[j] += t;
        this.sumY2[j] += t * t;
      }
    }
  }
}
