/**
 * Feature normalisation fitted on the TRAINING rows only, then applied to every part:
 * x' = (x − offset) · scale, per feature.
 * - standard: offset = mean, scale = 1 / population std (a constant feature gets scale 1);
 * - minmax:   offset = min, scale = 1 / (max − min), mapping training data to [0, 1]
 *             (a constant feature gets scale 1, so it becomes 0);
 * - none:     offset 0, scale 1.
 * Statistics are taken per group of `groupSize` consecutive features. Flat data: groups of 1
 * (per feature). Images [C, H, W]: groups of H·W, i.e. per channel, as torchvision's Normalize:
 * every pixel of a channel gets the same offset and scale. Per-pixel statistics would be wrong for
 * images: a border pixel that is almost always 0 would get a tiny std and blow its rare ink up.
 */
import type { NormalizeMode } from '../../shared/project-types';
import type { Normalizer } from './types';

export function fitNormalizer(mode: NormalizeMode, x: Float32Array, rows: Int32Array, featureSize: number, groupSize = 1): Normalizer {
  const offset = new Float32Array(featureSize);
  const scale = new Float32Array(featureSize).fill(1);
  const n = rows.length;
  if (mode === 'none' || n === 0) return { mode, offset, scale };
  const groups = Math.ceil(featureSize / groupSize);
  const groupOf = (k: number): number => Math.floor(k / groupSize);
  const count = new Float64Array(groups);
  for (let k = 0; k < featureSize; k++) count[groupOf(k)] += n;
  if (mode === 'standard') {
    const mean = new Float64Array(groups);
    for (const r of rows) for (let k = 0, base = r * featureSize; k < featureSize; k++) mean[groupOf(k)] += x[base + k];
    for (let g = 0; g < groups; g++) mean[g] /= count[g];
    const sq = new Float64Array(groups);
    for (const r of rows) {
      for (let k = 0, base = r * featureSize; k < featureSize; k++) {
        const d = x[base + k] - mean[groupOf(k)];
        sq[groupOf(k)] += d * d;
      }
    }
    for (let k = 0; k < featureSize; k++) {
      const g = groupOf(k);
      const std = Math.sqrt(sq[g] / count[g]);
      offset[k] = mean[g];
      scale[k] = std > 0 ? 1 / std : 1;
    }
    return { mode, offset, scale };
  }
  const min = new Float64Array(groups).fill(Infinity);
  const max = new Float64Array(groups).fill(-Infinity);
  for (const r of rows) {
    for (let k = 0, base = r * featureSize; k < featureSize; k++) {
      const v = x[base + k];
      const g = groupOf(k);
      if (v < min[g]) min[g] = v;
      if (v > max[g]) max[g] = v;
    }
  }
  for (let k = 0; k < featureSize; k++) {
    const g = groupOf(k);
    offset[k] = min[g];
    scale[k] = max[g] > min[g] ? 1 / (max[g] - min[g]) : 1;
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
