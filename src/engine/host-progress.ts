/**
 * Collects per-step losses between progress messages. A run can take 100k steps per second,
 * far more than a chart can use, so the buffer keeps at most `capacity` points per message:
 * when it fills up it keeps every other point and doubles its stride.
 */
export class StepLossBuffer {
  private readonly data: Float64Array;
  private count = 0;
  private stride = 1;
  private skipped = 0;

  constructor(private readonly capacity = 1024) {
    this.data = new Float64Array(capacity * 2);
  }

  add(step: number, loss: number): void {
    if (++this.skipped < this.stride) return;
    this.skipped = 0;
    if (this.count === this.capacity) this.halve();
    this.data[this.count * 2] = step;
    this.data[this.count * 2 + 1] = loss;
    this.count++;
  }

  /** The points since the last take, as a fresh (transferable) array; resets the buffer. */
  take(): Float64Array {
    const out = this.data.slice(0, this.count * 2);
    this.count = 0;
    this.stride = 1;
    this.skipped = 0;
    return out;
  }

  get size(): number {
    return this.count;
  }

  private halve(): void {
    const d = this.data;
    for (let i = 0; i < this.count / 2; i++) {
      d[i * 2] = d[i * 4];
      d[i * 2 + 1] = d[i * 4 + 1];
    }
    this.count = Math.floor(this.count / 2);
    this.stride *= 2;
  }
}
