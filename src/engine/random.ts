/**
 * The engine's one source of randomness: a seeded mulberry32 generator (the same one the
 * peer benchmarks use in JS). Same seed => the same stream, on every platform.
 */
export class Rng {
  /**
   * The 32-bit state, and Box–Muller's cached second value, live in typed arrays: as plain
   * fields, a state above 2³⁰ (not a small integer) or a double would be stored as a fresh heap
   * number on every draw, so dropout and noise would allocate in every training step.
   */
  private readonly state = new Int32Array(1);
  private readonly spareNormal = new Float64Array(1);
  private hasSpare = false;

  constructor(seed: number) {
    this.state[0] = seed | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    // Same bits as `state = (state + 0x6d2b79f5) >>> 0` in uint32: the int32 view only changes the sign's reading.
    let t = (this.state[0] = (this.state[0] + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal[0];
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal[0] = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher–Yates shuffle of the first `n` entries (default all). Allocates nothing. */
  shuffle(a: Int32Array | Uint32Array | number[], n: number = a.length): void {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A new independent generator derived from this one (for separate streams: init, data, dropout). */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}

/** Derive a stream seed from a base seed and a purpose, so streams don't overlap. */
export function streamSeed(seed: number, purpose: 'init' | 'split' | 'shuffle' | 'dropout' | 'data'): number {
  const salt = { init: 0x9e3779b9, split: 0x85ebca6b, shuffle: 0xc2b2ae35, dropout: 0x27d4eb2f, data: 0x165667b1 }[purpose];
  let h = (seed ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The bare mulberry32 stream as a function, as the peer benchmarks' JS code writes it
 * (bench data must match theirs number for number). The engine itself uses Rng.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
