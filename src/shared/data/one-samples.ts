/**
 * Built-in datasets of exactly one sample, as plain numbers: the engine builds them from here
 * (src/engine/data/lecture-samples.ts) and "Open as network" looks a computational graph's sample
 * up here (src/shared/compgraph/as-network.ts), so the two can never disagree.
 */
export interface OneSample {
  /** Dataset id in the catalog (src/shared/data/catalog.ts). */
  id: string;
  x: readonly number[];
  /** The target: one value per output (targetSize = y.length). */
  y: readonly number[];
}

/** The lectures' 2-2-1 network worked by hand (deck 000): x = (1, 2), y = 1. */
export const SAMPLE_221: OneSample = { id: 'sample-221', x: [1, 2], y: [1] };

/** The sample of the `sigmoid-layer` computational graph: two inputs, two targets. */
export const SAMPLE_LAYER: OneSample = { id: 'sample-layer', x: [1, 0.5], y: [1, 0] };

export const ONE_SAMPLES: readonly OneSample[] = [SAMPLE_221, SAMPLE_LAYER];
