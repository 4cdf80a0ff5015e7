/**
 * Feature normalisation fitted on the TRAINING rows only, then applied to every part:
 * x' = (x − offset) · scale, per feature.
 * - standard: offset = mean, scale = 1 / population std (a constant feature gets scale 1);
 * - minmax:   offset = min, scale = 1 / (max − min), mapping training data to [0, 1]
 *             (a constant feature gets scale 1, so it becomes 0);
 * - none:     offset 0, scale 1.
 */
import type { NormalizeMode } from '../../shared/project-types';
import type { Normalizer } from './types';

export function fitNormalizer(mode: NormalizeMode, x: Float32Array, rows: Int32Array, featureSize: number): Normalizer {
  const offset = new Float32Array(featureSize);
  const scale = new Float32Array(featureSize).fill(1);
  const n = rows.length;
  if (mode === 'none' || n === 0) return { mode, offset, scale };
  if (mode === 'standard') {
    const mean = new Float64Array(featureSize);
    for (const r of rows) for (let k = 0, base = r * featureSize; k < featureSize; k++) mean[k] += x[base + k];
    for (let k = 0; k < featureSize; k++) mean[k] /= n;
    const sq = new Float64Array(featureSize);
    for (const r of rows) {
      for (let k = 0, base = r * featureSize; k < featureSize; k++) {
        const d = x[base + k] - mean[k];
        sq[k] += d * d;
      }
    }
    for (let k = 0; k < featureSize; k++) {
      const std = Math.sqrt(sq[k] / n);
      offset[k] = mean[k];
      scale[k] = std > 0 ? 1 / std : 1;
    }
    return { mode, offset, scale };
  }
  const min = new Float64Array(featureSize).fill(Infinity);
  const max = new Float64Array(featureSize).fill(-Infinity);
  for (const r of rows) {
    for (let k = 0, base = r * featureSize; k < featureSize; k++) {
      const v = x[base + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  for (let k = 0; k < featureSize; k++) {
    offset[k] = min[k];
    scale[k] = max[k] > min[k] ? 1 / (max[k] - min[k]) : 1;
  }
  return { mode, offset, scale };
}

/** Normalises the first `n` samples of `featureSize` values in `x`, in place. */
export function applyNormalizer(norm: Normalizer, x: Float32Array, n: number, featureSize: number): void {
  if (norm.mode === 'none') return;
  const { offset, scale } = norm;
  for (let i = 0; i < n * featureSize; i += featureSize) {
    for (let k = 0; k < featureSize; k++) x[i + k] = (x[i + k] - offset[k]) * scale[k];
  }
}

/** The inverse, for showing normalised inputs (e.g. a decision-boundary grid) in data units. */
export function invertNormalizer(norm: Normalizer, x: Float32Array, n: number, featureSize: number): void {
  if (norm.mode === 'none') return;
  const { offset, scale } = norm;
  for (let i = 0; i < n * featureSize; i += featureSize) {
    for (let k = 0; k < featureSize; k++) x[i + k] = x[i + k] / scale[k] + offset[k];
  }
}
