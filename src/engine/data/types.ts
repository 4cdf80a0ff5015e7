/** The in-memory form of a dataset, as the trainer consumes it. */
import type { Task } from '../../shared/project-types';

export interface Dataset {
  /** Display name, e.g. "Iris" or "concrete.csv". */
  name: string;
  /** Optional notes for the user, e.g. "2 rows with missing measurements were dropped." */
  description?: string;
  /** A CSV dataset: the SHA-256 (lower-case hex) of the file's bytes it was read from. */
  sha256?: string;
  task: Task;
  /** Number of samples. */
  n: number;
  /** Features, row-major: sample i occupies x[i*featureSize .. (i+1)*featureSize). */
  x: Float32Array;
  /** Shape of one sample's features: [2], [64], or [1, 8, 8] for images. */
  featureShape: number[];
  featureNames: string[];
  /**
   * Targets. Classification: one class index per sample (0..numClasses-1, stored as float).
   * Regression: targetSize values per sample, row-major.
   */
  y: Float32Array;
  /** 1 for classification; the number of regression outputs otherwise. */
  targetSize: number;
  /** Classification only: class names, index = label. */
  classNames?: string[];
  /**
   * Rows [fixedTestStart, n) form a predefined test set (MNIST keeps its own test images);
   * the split then takes validation from the rows before it and ignores `split.test`.
   */
  fixedTestStart?: number;
}

/** One part of a split dataset, already normalised, rows copied contiguously. */
export interface DataPart {
  n: number;
  x: Float32Array;
  y: Float32Array;
}

export interface Normalizer {
  mode: 'standard' | 'minmax' | 'none';
  /** Per-feature offset and scale: x' = (x - offset) * scale. */
  offset: Float32Array;
  scale: Float32Array;
}

export interface PreparedData {
  dataset: Dataset;
  train: DataPart;
  validation: DataPart;
  test: DataPart;
  normalizer: Normalizer;
  featureShape: number[];
  featureSize: number;
  task: Task;
  numClasses: number; // 0 for regression
  targetSize: number;
  /** Adjustments the split made, in words for the user (e.g. why validation is empty). */
  notes?: string[];
}

/** How the engine reads the data files shipped with the app (Node: fs; browser: fetch). */
export interface DatasetIO {
  /** Text of a file in resources/datasets, e.g. 'iris.csv'. */
  readText(file: string): Promise<string>;
  /** Bytes of a file in resources/datasets (gzip is the caller's job), e.g. 'mnist/train-images-idx3-ubyte-every10th.gz'. */
  readBytes(file: string): Promise<Uint8Array>;
}

/** DataError lives in src/shared (the dataset catalog throws it too); the engine's modules import it from here. */
export { DataError } from '../../shared/data/data-error';
