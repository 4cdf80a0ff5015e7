/**
 * Grids over the 2-D input plane for decision boundaries (TensorFlow Playground style): the
 * range the data covers, the cell centres in raw feature units, normalised like the training
 * data, and the data points themselves in raw units.
 */
import type { ProbePoints } from '../shared/protocol';
import { applyNormalizer, invertNormalizer } from './data/normalize';
import type { DataPart, PreparedData } from './data/types';

export const MAIN_RESOLUTION = { min: 8, max: 128, default: 64 } as const;
export const NEURON_RESOLUTION = { min: 4, max: 64, default: 24 } as const;
/** Extra room around the data on each side, as a fraction of its span. */
const PADDING = 0.1;

export interface PlaneRange {
  x: [number, number];
  y: [number, number];
}

/** Why this data has no decision boundary, or null when it has one (exactly two features). */
export function planeUnavailable(data: PreparedData): string | null {
  if (data.featureSize === 2 && data.featureShape.length === 1) return null;
  const has = data.featureShape.length === 1 ? `${data.featureSize}` : `samples of shape [${data.featureShape.join(', ')}] (${data.featureSize} values)`;
  return `the decision boundary needs data with 2 input features; this data has ${has}`;
}

/** The raw data range of features 0 and 1 over every row, padded by 10 % of the span on each side. */
export function planeRange(data: PreparedData): PlaneRange {
  const { x, n } = data.dataset;
  const k = data.featureSize;
  const range = (f: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i * k + f];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) return [lo - 1, lo + 1];
    const pad = (hi - lo) * PADDING;
    return [lo - pad, hi + pad];
  };
  return { x: range(0), y: range(1) };
}

/** Clamps a requested resolution into its limits (integers only). */
export function clampResolution(value: number | undefined, limits: { min: number; max: number; default: number }): number {
  if (value === undefined || !Number.isFinite(value)) return limits.default;
  return Math.max(limits.min, Math.min(limits.max, Math.round(value)));
}

/**
 * Raw coordinates of the cell centres, row-major with row 0 at the top (largest y):
 * cell (r, c) = (x0 + (c + ½)·dx, y1 − (r + ½)·dy).
 */
export function gridPoints(resolution: number, range: PlaneRange): Float32Array {
  const out = new Float32Array(resolution * resolution * 2);
  const dx = (range.x[1] - range.x[0]) / resolution;
  const dy = (range.y[1] - range.y[0]) / resolution;
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const i = (r * resolution + c) * 2;
      out[i] = range.x[0] + (c + 0.5) * dx;
      out[i + 1] = range.y[1] - (r + 0.5) * dy;
    }
  }
  return out;
}

/** Cell centres normalised like the training data, ready for the model (cached by resolution). */
export class GridInputs {
  readonly range: PlaneRange;
  private readonly cache = new Map<number, Float32Array>();

  constructor(private readonly data: PreparedData) {
    this.range = planeRange(data);
  }

  normalized(resolution: number): Float32Array {
    let x = this.cache.get(resolution);
    if (!x) {
      x = gridPoints(resolution, this.range);
      applyNormalizer(this.data.normalizer, x, resolution * resolution, 2);
      this.cache.set(resolution, x);
    }
    return x;
  }
}

/** The training, validation and test points in raw feature units, with their labels (first target). */
export function planePoints(data: PreparedData): ProbePoints {
  const part = (p: DataPart) => {
    const x = p.x.slice(0, p.n * 2);
    invertNormalizer(data.normalizer, x, p.n, 2);
    const t = data.targetSize;
    const y = new Float32Array(p.n);
    for (let i = 0; i < p.n; i++) y[i] = p.y[i * t];
    return { x, y };
  };
  const names = data.dataset.featureNames;
  return {
    featureNames: [names[0] ?? 'x1', names[1] ?? 'x2'],
    train: part(data.train),
    validation: part(data.validation),
    test: part(data.test),
  };
}

export function pointsTransfer(p: ProbePoints): ArrayBuffer[] {
  return [p.train, p.validation, p.test].flatMap((s) => [s.x.buffer, s.y.buffer]) as ArrayBuffer[];
}
