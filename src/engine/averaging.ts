/**
 * Polyak averaging (averaged SGD): a running mean of the parameters over the steps taken,
 * swapped into the params for evaluation and swapped back to continue training.
 */
import type { Param } from './tensor';

export class WeightAverager {
  /** The running means, one buffer per param, allocated once. */
  private readonly averages: Float32Array[];
  /** Where the current values wait while the averages are swapped in. */
  private readonly saved: Float32Array[];
  private count = 0;
  private swapped = false;

  constructor(private readonly params: readonly Param[]) {
    this.averages = params.map((p) => new Float32Array(p.data.length));
    this.saved = params.map((p) => new Float32Array(p.data.length));
  }

  /** Number of parameter snapshots averaged so far. */
  get samples(): number {
    return this.count;
  }

  /** Fold the params' current values into the mean; call after each optimiser step. */
  update(): void {
    if (this.swapped) throw new Error('WeightAverager.update: the averages are swapped in; call useCurrent() first');
    const n = this.count + 1;
    for (let i = 0; i < this.params.length; i++) {
      const data = this.params[i].data;
      const avg = this.averages[i];
      for (let j = 0; j < data.length; j++) avg[j] += (data[j] - avg[j]) / n;
    }
    this.count++;
  }

  /** Put the averaged values into the params (for evaluation). No-op before the first update. */
  useAverage(): void {
    if (this.swapped || this.count === 0) return;
    for (let i = 0; i < this.params.length; i++) {
      this.saved[i].set(this.params[i].data);
      this.params[i].data.set(this.averages[i]);
    }
    this.swapped = true;
  }

  /** Restore the params' own values, exactly as they were before useAverage(). */
  useCurrent(): void {
    if (!this.swapped) return;
    for (let i = 0; i < this.params.length; i++) this.params[i].data.set(this.saved[i]);
    this.swapped = false;
  }

  /** Forget the mean (the params keep their current values). */
  reset(): void {
    this.useCurrent();
    for (const avg of this.averages) avg.fill(0);
    this.count = 0;
  }
}
