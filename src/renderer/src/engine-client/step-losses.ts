/**
 * The batch losses of the current run, for the loss chart: two growable Float64Arrays (global
 * step, loss) filled from the engine's interleaved progress chunks. Appending copies the
 * chunk's numbers only; the arrays double when full. Past `maxPoints` the series keeps every
 * other point and from then on takes every `stride`-th incoming point, so memory stays bounded
 * on long runs while the curve keeps its shape.
 */
export class StepLossSeries {
  steps: Float64Array;
  losses: Float64Array;
  length = 0;
  /** Only every `stride`-th incoming point is kept (1 until the series first fills up). */
  stride = 1;
  private skipped = 0;

  constructor(
    private readonly initialCapacity = 4096,
    readonly maxPoints = 1 << 18,
  ) {
    this.steps = new Float64Array(initialCapacity);
    this.losses = new Float64Array(initialCapacity);
  }

  /** Appends interleaved (global step, loss) pairs as sent in a progress message. */
  append(chunk: Float64Array): void {
    for (let i = 0; i + 1 < chunk.length; i += 2) {
      if (++this.skipped < this.stride) continue;
      this.skipped = 0;
      if (this.length === this.steps.length) this.makeRoom();
      this.steps[this.length] = chunk[i];
      this.losses[this.length] = chunk[i + 1];
      this.length++;
    }
  }

  clear(): void {
    this.length = 0;
    this.stride = 1;
    this.skipped = 0;
    if (this.steps.length > this.initialCapacity) {
      this.steps = new Float64Array(this.initialCapacity);
      this.losses = new Float64Array(this.initialCapacity);
    }
  }

  /** Views (no copies) of the filled part; valid until the next append or clear. */
  view(): { steps: Float64Array; losses: Float64Array } {
    return { steps: this.steps.subarray(0, this.length), losses: this.losses.subarray(0, this.length) };
  }

  /** The last loss, or NaN when empty. */
  get lastLoss(): number {
    return this.length ? this.losses[this.length - 1] : NaN;
  }

  private makeRoom(): void {
    if (this.steps.length < this.maxPoints) {
      const capacity = Math.min(this.maxPoints, this.steps.length * 2);
      const steps = new Float64Array(capacity);
      const losses = new Float64Array(capacity);
      steps.set(this.steps);
      losses.set(this.losses);
      this.steps = steps;
      this.losses = losses;
      return;
    }
    // Full: keep every other point, and from now on every other incoming one too.
    const half = Math.floor(this.length / 2);
    for (let i = 0; i < half; i++) {
      this.steps[i] = this.steps[i * 2];
      this.losses[i] = this.losses[i * 2];
    }
    this.length = half;
    this.stride *= 2;
  }
}
