/**
 * Inverted dropout and additive Gaussian noise: elementwise, training-time only (the layers pass
 * values through unchanged at evaluation). The random draws are separate from the arithmetic, so
 * a gradient check can fix the mask. Backward passes accumulate.
 */
import type { Rng } from '../random';

/** mask[i] = 0 with probability `rate`, else 1/(1 − rate): E[mask] = 1. */
export function fillDropoutMask(mask: Float32Array, len: number, rate: number, rng: Rng): void {
  const keep = 1 / (1 - rate);
  for (let i = 0; i < len; i++) mask[i] = rng.next() < rate ? 0 : keep;
}

/** y = x ⊙ mask. */
export function dropoutForward(x: Float32Array, mask: Float32Array, y: Float32Array, len: number): void {
  for (let i = 0; i < len; i++) y[i] = x[i] * mask[i];
}

/** dx += dy ⊙ mask. */
export function dropoutBackward(dy: Float32Array, mask: Float32Array, dx: Float32Array, len: number): void {
  for (let i = 0; i < len; i++) dx[i] += dy[i] * mask[i];
}

/** y = x + stddev·ε with ε ~ N(0, 1) fresh per element (d y / d x = 1). */
export function gaussianNoiseForward(x: Float32Array, y: Float32Array, len: number, stddev: number, rng: Rng): void {
  for (let i = 0; i < len; i++) y[i] = x[i] + stddev * rng.normal();
}

/** y = x (evaluation mode, flatten, reshape). */
export function copyForward(x: Float32Array, y: Float32Array, len: number): void {
  for (let i = 0; i < len; i++) y[i] = x[i];
}

/** dx += dy (noise, identity-like layers). */
export function passBackward(dy: Float32Array, dx: Float32Array, len: number): void {
  for (let i = 0; i < len; i++) dx[i] += dy[i];
}
