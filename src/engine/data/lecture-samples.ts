/**
 * Fixed samples of the lectures' worked examples (see docs/step-through.md):
 * `sample-221`, the single training example of the 2-2-1 sigmoid network worked by hand in
 * deck 000 (inputs x₁ = 1, x₂ = 2, target y = 1). The numbers are an illustrative instance:
 * the slide itself only has symbols.
 */
import type { Dataset } from './types';

export function sample221Dataset(name: string): Dataset {
  return {
    name,
    description: 'One sample: x = (1, 2), y = 1.',
    task: 'regression',
    n: 1,
    x: Float32Array.of(1, 2),
    featureShape: [2],
    featureNames: ['x1', 'x2'],
    y: Float32Array.of(1),
    targetSize: 1,
  };
}
