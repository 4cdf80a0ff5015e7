/**
 * Protocol messages for the image views (convolution filters and feature maps, autoencoder
 * reconstructions, bottleneck codes, dataset previews, hand-set weights). Part of the
 * renderer ↔ engine protocol (protocol.ts joins them into EngineRequest / EngineEvent); handled
 * by src/engine/host-images.ts. Arrays travel as transferred buffers from the engine.
 */
import type { EvalSplit } from './protocol';

/** At most this many samples per 'sampleImages' request. */
export const MAX_SAMPLE_IMAGES = 256;
/** At most this many rows per 'probeImage' request (a whole MNIST test split fits). */
export const MAX_PROBE_ROWS = 5000;

/**
 * Where the rows of a 'probeImage' come from: a split of the loaded data (`count` rows from
 * `start`, default all), or feature values given by the renderer (raw data units unless
 * `normalized`, as in 'predict').
 */
export type ImageSource =
  | { split: EvalSplit; start?: number; count?: number }
  | { x: Float32Array; rows: number; normalized?: boolean };

/** Samples of a split, for showing them: raw feature values and their labels. */
export interface ImageSamples {
  split: EvalSplit;
  start: number;
  /** Rows in the whole split. */
  total: number;
  rows: number;
  featureShape: number[];
  /** rows × featureSize feature values in data units (the normalisation undone). */
  x: Float32Array;
  /** Class index per row (classification) or targetSize values per row (regression). */
  y: Float32Array;
  targetSize: number;
  classNames?: string[];
  /** The fitted normaliser, per feature: what the network sees is (x − offset) · scale. */
  offset: Float32Array;
  scale: Float32Array;
}

/** One node's outputs for every probed row: rows × size(shape), row-major (images NCHW). */
export interface NodeActivations {
  nodeId: string;
  shape: number[];
  values: Float32Array;
}

/** The answer to 'probeImage': evaluation mode, like 'predict' (no dropout or noise; averaged weights when averaging is on). */
export interface ImageProbe {
  rows: number;
  nodes: NodeActivations[];
  /** The rows' labels when they came from a split (as in ImageSamples.y), else null. */
  y: Float32Array | null;
}

/** renderer → engine */
export type ImageRequest =
  /** Rows [start, start + count) of a split (count ≤ MAX_SAMPLE_IMAGES), answered with 'images'. */
  | { type: 'sampleImages'; requestId: number; split: EvalSplit; start?: number; count: number }
  /** The outputs of `nodeIds` for some rows (a forward pass in evaluation mode), answered with 'imageProbe'. */
  | { type: 'probeImage'; requestId: number; nodeIds: string[]; source: ImageSource }
  /** Overwrites one parameter tensor of the live model (hand-set weights), answered with 'paramSet'. */
  | { type: 'setParam'; requestId: number; nodeId: string; name: string; data: Float32Array };

/** engine → renderer */
export type ImageEvent =
  | { type: 'images'; requestId: number; samples: ImageSamples }
  | { type: 'imageProbe'; requestId: number; probe: ImageProbe }
  | { type: 'paramSet'; requestId: number; nodeId: string; name: string };
