/**
 * The data the engine protocol carries (protocol.ts): model summaries, training state, probe
 * frames, evaluations. Plain data plus typed arrays; a leaf module, so the protocol-* files
 * can use these shapes without importing the message map that joins them.
 */
import type { RunEpoch } from './project-types';

export interface LayerSummary {
  id: string;
  type: string;
  label: string;
  /** Output shape without the batch dimension. */
  shape: number[];
  params: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
  train: number;
  validation: number;
  test: number;
  task: 'classification' | 'regression';
  classNames?: string[];
  featureNames: string[];
  featureShape: number[];
  stepsPerEpoch: number;
}

/** One finished epoch's metrics, as streamed in progress and stored in a run (one definition: RunEpoch). */
export type EpochRecord = RunEpoch;

export type TrainingStatus = 'idle' | 'training' | 'paused' | 'finished' | 'stoppedEarly' | 'stopped' | 'diverged';

export interface TrainingState {
  status: TrainingStatus;
  /** Completed epochs, and the configured total. */
  epoch: number;
  totalEpochs: number;
  /** Train until stopped: totalEpochs does not end the run. */
  untilStopped?: boolean;
  stepInEpoch: number;
  stepsPerEpoch: number;
  globalStep: number;
  learningRate: number;
  samplesPerSecond: number;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
}

export interface EvalResult {
  loss: number;
  accuracy?: number;
  mae?: number;
  r2?: number;
}

/** What a renderer wants to watch live. Every part is optional; an empty object sends only step/epoch. */
export interface ProbeSubscription {
  /** The model's output over the 2-D input plane (2-feature data only), plus each hidden neuron's. */
  boundary?: {
    /** Cells per side of the main map (8…128, default 64). */
    resolution?: number;
    /** Also send a grid per neuron of Dense layers with at most 16 units. */
    neurons?: boolean;
    /** Cells per side of each neuron's map (4…64, default 24). */
    neuronResolution?: number;
  };
  /** L2 norms of each layer's weights and of their gradients on the last batch. */
  norms?: boolean;
  /** Dense kernels and biases (layers up to 64×64), for the network view's edges. */
  network?: boolean;
  /** Least milliseconds between pushed frames while training (default 70, at least 16). */
  intervalMs?: number;
}

/**
 * A grid over the input plane in RAW feature units. Row 0 is the top (largest second feature),
 * column 0 the left (smallest first feature); cell centres are sampled. values: rows × cols × channels.
 */
export interface BoundaryGrid {
  resolution: number;
  /** [min, max] of the first and second feature covered by the grid (the data range plus padding). */
  xRange: [number, number];
  yRange: [number, number];
  channels: number;
  values: Float32Array;
}

/** The activations of one layer's neurons over the plane: units × resolution × resolution. */
export interface NeuronGrids {
  /** The Dense node the neurons belong to. */
  nodeId: string;
  /** Whose output is shown: the activation node right after the Dense, or the Dense itself. */
  valueNodeId: string;
  units: number;
  resolution: number;
  values: Float32Array;
}

export interface LayerNorm {
  nodeId: string;
  /** sqrt of the sum of squares over all the node's parameters. */
  weight: number;
  /** The same over their gradients from the last backward pass. */
  grad: number;
}

/** The network view gets Dense kernels up to this many inputs and units. */
export const MAX_NETWORK_WIDTH = 64;

export interface NetworkLayer {
  nodeId: string;
  inputs: number;
  units: number;
  /** inputs × units, row-major (as in the weights). */
  kernel: Float32Array;
  bias: Float32Array | null;
  /** Type of the activation node right after this Dense, if any. */
  activation: string | null;
}

export interface ProbeFrame {
  globalStep: number;
  epoch: number;
  boundary?: BoundaryGrid;
  neurons?: NeuronGrids[];
  /** Why there is no boundary although it was asked for (e.g. the data has 4 features). */
  boundaryUnavailable?: string;
  norms?: LayerNorm[];
  network?: NetworkLayer[];
}

/** Data points in raw feature units, two values per row; labels are class indices or target values. */
export interface ProbePoints {
  featureNames: [string, string];
  train: { x: Float32Array; y: Float32Array };
  validation: { x: Float32Array; y: Float32Array };
  test: { x: Float32Array; y: Float32Array };
}

export type EvalSplit = 'train' | 'validation' | 'test';

export interface Evaluation {
  split: EvalSplit;
  n: number;
  task: 'classification' | 'regression';
  metrics: EvalResult;
  classNames?: string[];
  /** Classification: classes × classes counts, row = true class, column = predicted, row-major. */
  confusion?: number[];
  /** Per class; NaN where undefined (no predictions of / no samples of that class). */
  precision?: number[];
  recall?: number[];
  /** The first `rows` samples: raw features (rows × featureSize, omitted above 64 features), targets, model outputs. */
  predictions: {
    rows: number;
    featureSize: number;
    features: Float32Array | null;
    targets: Float32Array;
    targetSize: number;
    outputs: Float32Array;
    outputSize: number;
    /** Classification: predicted class per row. */
    predicted: Int32Array | null;
  };
  /** Regression: (true, predicted) of the first output for up to 5000 samples, interleaved. */
  scatter?: Float32Array;
}
