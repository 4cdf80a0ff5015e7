/**
 * The versioned message protocol between the renderer and the engine host (an Electron
 * utility process on the desktop, a Web Worker in the browser, worker_threads in tests).
 * Plain data plus ArrayBuffers; large arrays travel as transferred buffers.
 */
import type { GraphIssue } from './graph-types';
import type { Project, SerializedWeights } from './project-types';

export const PROTOCOL_VERSION = 1;

/** The smallest port both MessagePort flavours and worker_threads can provide. */
export interface EnginePort<In, Out> {
  on(listener: (message: In) => void): void;
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
}

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

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy?: number;
  mae?: number;
  r2?: number;
  valLoss?: number;
  valAccuracy?: number;
  valMae?: number;
  valR2?: number;
  learningRate: number;
}

export type TrainingStatus = 'idle' | 'training' | 'paused' | 'finished' | 'stoppedEarly' | 'stopped' | 'diverged';

export interface TrainingState {
  status: TrainingStatus;
  /** Completed epochs, and the configured total. */
  epoch: number;
  totalEpochs: number;
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

/** renderer → engine */
export type EngineRequest =
  | { type: 'load'; requestId: number; project: Project; csv?: { text: string; sha256: string } }
  | { type: 'train' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step'; unit: 'batch' | 'epoch' }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'setLearningRate'; value: number }
  | { type: 'predict'; requestId: number; x: Float32Array; rows: number; normalized?: boolean }
  | { type: 'inspect'; requestId: number; nodeId: string }
  | { type: 'getWeights'; requestId: number };

/** engine → renderer */
export type EngineEvent =
  | { type: 'ready'; protocol: number }
  | { type: 'loaded'; requestId: number; summary: ModelSummary; state: TrainingState }
  | { type: 'invalid'; requestId: number; issues: GraphIssue[] }
  | { type: 'error'; requestId?: number; message: string }
  | {
      type: 'progress';
      state: TrainingState;
      /** Epochs finished since the previous progress message. */
      epochs: EpochRecord[];
      /** (global step, batch loss) pairs since the previous message, interleaved, maybe subsampled. */
      steps: Float64Array;
    }
  | { type: 'done'; state: TrainingState; test?: EvalResult; message?: string }
  | { type: 'diverged'; state: TrainingState; message: string; nodeId: string | null }
  | { type: 'prediction'; requestId: number; outputs: Float32Array; rows: number; cols: number }
  | {
      type: 'inspection';
      requestId: number;
      nodeId: string;
      /** Values of the last batch: rows × size each; weights by param name. */
      rows: number;
      shape: number[];
      activations: Float32Array;
      gradients: Float32Array;
      params: { name: string; shape: number[]; data: Float32Array; grad: Float32Array }[];
    }
  | { type: 'weights'; requestId: number; weights: SerializedWeights };
