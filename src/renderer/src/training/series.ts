/**
 * Chart data that grows in place. Chart.js reads these arrays directly (`parsing: false`,
 * {x, y} points), so an engine message appends points and marks the chart dirty; nothing is
 * re-created per message. Each series is capped: past `cap` points it keeps every other point
 * and from then on every `stride`-th new one, so a 100k-step run stays a few thousand points.
 */
export interface Point {
  x: number;
  y: number;
}

/** A tiny observable: charts subscribe and schedule a redraw when it fires. */
export class Signal {
  private readonly listeners = new Set<() => void>();
  version = 0;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}

export class PointSeries {
  readonly points: Point[] = [];
  private stride = 1;
  private skipped = 0;

  constructor(readonly cap = 20_000) {}

  push(x: number, y: number): void {
    if (++this.skipped < this.stride) return;
    this.skipped = 0;
    if (this.points.length >= this.cap) this.halve();
    this.points.push({ x, y });
  }

  /** Replaces the last point's y when x is the same (a value refined in place), else appends. */
  set(x: number, y: number): void {
    const last = this.points[this.points.length - 1];
    if (last && last.x === x) last.y = y;
    else this.push(x, y);
  }

  clear(): void {
    this.points.length = 0; // same array: Chart.js keeps its reference
    this.stride = 1;
    this.skipped = 0;
  }

  get length(): number {
    return this.points.length;
  }

  get last(): Point | undefined {
    return this.points[this.points.length - 1];
  }

  private halve(): void {
    const p = this.points;
    const half = Math.floor(p.length / 2);
    for (let i = 0; i < half; i++) p[i] = p[i * 2];
    p.length = half;
    this.stride *= 2;
  }
}
