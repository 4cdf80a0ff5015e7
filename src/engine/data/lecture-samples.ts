/**
 * Built-in datasets of one sample (values in src/shared/data/one-samples.ts, see
 * docs/step-through.md and docs/autodiff.md): `sample-221`, the single training example of the
 * 2-2-1 sigmoid network worked by hand in deck 000 (inputs x₁ = 1, x₂ = 2, target y = 1; an
 * illustrative instance, the slide itself only has symbols), and `sample-layer`, the sample of
 * the `sigmoid-layer` computational graph (x = (1, 0.5), y = (1, 0)).
 */
import { SAMPLE_221, SAMPLE_LAYER, type OneSample } from '../../shared/data/one-samples';
import type { Dataset } from './types';

function oneSampleDataset(sample: OneSample, name: string): Dataset {
  const format = (v: readonly number[]) => (v.length === 1 ? String(v[0]) : `(${v.join(', ')})`);
  return {
    name,
    description: `One sample: x = ${format(sample.x)}, y = ${format(sample.y)}.`,
    task: 'regression',
    n: 1,
    x: Float32Array.from(sample.x),
    featureShape: [sample.x.length],
    featureNames: sample.x.map((_, i) => `x${i + 1}`),
    y: Float32Array.from(sample.y),
    targetSize: sample.y.length,
  };
}

export const sample221Dataset = (name: string): Dataset => oneSampleDataset(SAMPLE_221, name);
export const sampleLayerDataset = (name: string): Dataset => oneSampleDataset(SAMPLE_LAYER, name);
