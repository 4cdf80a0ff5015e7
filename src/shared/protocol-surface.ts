/**
 * The loss surface (see gradient descent move): the training loss over a grid of values of two
 * chosen weights, the others fixed at their current values, with the paths optimisers take from
 * the current weights (e.g. full batch, mini-batch and stochastic side by side). Part of the
 * renderer ↔ engine protocol; handled by src/engine/loss-surface.ts.
 */
import type { OptimizerConfig } from './project-types';

/** One scalar weight: index `index` (row-major) of parameter `param` of node `nodeId`. */
export interface WeightRef {
  nodeId: string;
  param: string;
  index: number;
}

/** A path to trace: `steps` optimiser steps from the current weights with these settings. */
export interface SurfacePathSpec {
  label: string;
  batchSize: number;
  /** The learning rate (default: the project's). */
  learningRate?: number;
  /** Another optimiser (e.g. momentum or Adam against plain SGD); its learningRate is replaced by `learningRate` when that is given. */
  optimizer?: OptimizerConfig;
  steps: number;
}

export const MAX_SURFACE_RESOLUTION = 64;
export const MAX_SURFACE_PATH_STEPS = 5000;

/** What a lossSurface request carries. */
export interface SurfaceRequestBody {
  weights: [WeightRef, WeightRef];
  /** Cells per side (4…64, default 41). */
  resolution?: number;
  paths?: SurfacePathSpec[];
}

export interface LossSurface {
  /** The grid covers the current point and every path, with a margin. */
  xRange: [number, number];
  yRange: [number, number];
  resolution: number;
  /** resolution × resolution training losses; row 0 is the smallest y, column 0 the smallest x. */
  values: Float32Array;
  /** The two weights' current values. */
  current: [number, number];
  /** Each path as (x, y) pairs, starting at the current point. */
  paths: { label: string; points: Float32Array }[];
}

/** The loss-surface request (protocol.ts joins it into EngineRequests). */
export interface SurfaceRequests {
  lossSurface: { request: SurfaceRequestBody; response: { type: 'lossSurface'; surface: LossSurface } };
}
