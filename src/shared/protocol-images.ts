/**
 * Protocol messages for the image views (convolution filters and feature maps, autoencoder
 * reconstructions, bottleneck codes, dataset previews, hand-set weights). Part of the
 * renderer ↔ engine protocol (protocol.ts joins ImageRequests into EngineRequests); handled
 * by src/engine/host-images.ts. Arrays travel as transferred buffers from the engine.
 */
import type { EvalSplit } from './protocol-data';

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

/** The image views' requests (see EngineRequests in protocol.ts). */
export interface ImageRequests {
  /** Rows [start, start + count) of a split (count ≤ MAX_SAMPLE_IMAGES). */
  sampleImages: { request: { split: EvalSplit; start?: number; count: number }; response: { type: 'images'; samples: ImageSamples } };
  /** The outputs of `nodeIds` for some rows (a forward pass in evaluation mode). */
  probeImage: { request: { nodeIds: string[]; source: ImageSource }; response: { type: 'imageProbe'; probe: ImageProbe } };
  /** Overwrites one parameter tensor of the live model (hand-set weights). */
  setParam: { request: { nodeId: string; name: string; data: Float32Array }; response: { type: 'paramSet'; nodeId: string; name: string } };
}
