/**
 * Polyak averaging (averaged SGD): a running mean of the weights over the steps taken, swapped
 * in for evaluation and swapped back to continue training. It averages every saved tensor, the
 * buffers (running statistics) too, so evaluation sees statistics that match the averaged weights.
 */
import type { Weight } from './tensor';

export class WeightAverager {
  /** The running means, one buffer per param, allocated once. */
  private readonly averages: Float32Array[];
  /** Where the current values wait while the averages are swapped in. */
  private readonly saved: Float32Array[];
  private count = 0;
  private swapped = false;

  constructor(private readonly weights: readonly Weight[]) {
    this.averages = weights.map((p) => new Float32Array(p.data.length));
    this.saved = weights.map((p) => new Float32Array(p.data.length));
  }

  /** Number of parameter snapshots averaged so far. */
  get samples(): number {
    return this.count;
  }

  /** Fold the weights' current values into the mean; call after each optimiser step. */
  update(): void {
    if (this.swapped) throw new Error('WeightAverager.update: the averages are swapped in; call useCurrent() first');
    const n = this.count + 1;
    for (let i = 0; i < this.weights.length; i++) {
      const data = this.weights[i].data;
      const avg = this.averages[i];
      for (let j = 0; j < data.length; j++) avg[j] += (data[j] - avg[j]) / n;
    }
    this.count++;
  }

  /** Put the averaged values into the weights (for evaluation). No-op before the first update. */
  useAverage(): void {
    if (this.swapped || this.count === 0) return;
    for (let i = 0; i < this.weights.length; i++) {
      this.saved[i].set(this.weights[i].data);
      this.weights[i].data.set(this.averages[i]);
    }
    this.swapped = true;
  }

  /** Restore the weights' own values, exactly as they were before useAverage(). */
  useCurrent(): void {
    if (!this.swapped) return;
    for (let i = 0; i < this.weights.length; i++) this.weights[i].data.set(this.saved[i]);
    this.swapped = false;
  }

  /** Forget the mean (the weights keep their current values). */
  reset(): void {
    this.useCurrent();
    for (const avg of this.averages) avg.fill(0);
    this.count = 0;
  }
}
