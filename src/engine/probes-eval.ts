/**
 * Evaluation of one split for the panel: metrics (the trainer's own evaluate), the confusion
 * matrix with per-class precision and recall, the first rows' predictions, and for regression
 * a predicted-vs-true scatter.
 */
import type { EvalSplit, Evaluation } from '../shared/protocol';
import { invertNormalizer } from './data/normalize';
import type { PreparedData } from './data/types';
import { forwardChunks, type ProbeRunner } from './probes';

const MAX_TABLE_FEATURES = 64;
const MAX_SCATTER = 5000;
export const DEFAULT_PREDICTION_ROWS = 50;

/** Predicted class per row: argmax over several outputs; one output is thresholded (0.5, or 0 for ±1 targets). */
export function predictedClasses(outputs: Float32Array, rows: number, cols: number, threshold: number, out: Int32Array, offset = 0): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    if (cols === 1) {
      out[offset + r] = outputs[o] >= threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < cols; j++) if (outputs[o + j] > outputs[o + best]) best = j;
    out[offset + r] = best;
  }
}

/** counts[t·k + p]; precision per predicted column, recall per true row (NaN when the denominator is 0). */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): { counts: number[]; precision: number[]; recall: number[] } {
  const counts = new Array<number>(classes * classes).fill(0);
  for (let i = 0; i < truth.length; i++) counts[truth[i] * classes + predicted[i]]++;
  const precision: number[] = [];
  const recall: number[] = [];
  for (let c = 0; c < classes; c++) {
    let col = 0;
    let row = 0;
    for (let j = 0; j < classes; j++) {
      col += counts[j * classes + c];
      row += counts[c * classes + j];
    }
    const hit = counts[c * classes + c];
    precision.push(col > 0 ? hit / col : NaN);
    recall.push(row > 0 ? hit / row : NaN);
  }
  return { counts, precision, recall };
}

export function evaluateSplit(runner: ProbeRunner, split: EvalSplit, tableRows = DEFAULT_PREDICTION_ROWS): { evaluation: Evaluation; transfer: ArrayBuffer[] } {
  const { trainer, data } = runner;
  const part = data[split];
  const model = trainer.model;
  const cols = model.prediction.size;
  const t = data.targetSize;
  const k = data.featureSize;
  const rows = Math.min(Math.max(0, Math.floor(tableRows)), part.n);
  return runner.guard.run(() => {
    const metrics = part.n > 0 ? trainer.evaluate(part) : { loss: NaN };
    const outputs = new Float32Array(part.n * cols);
    const pred = model.prediction;
    if (part.n > 0) forwardChunks(trainer, part.x, part.n, (start, n) => outputs.set(pred.output.subarray(0, n * cols), start * cols));
    const features = k <= MAX_TABLE_FEATURES ? part.x.slice(0, rows * k) : null;
    if (features) invertNormalizer(data.normalizer, features, rows, k);
    const evaluation: Evaluation = {
      split,
      n: part.n,
      task: data.task,
      metrics,
      predictions: {
        rows,
        featureSize: k,
        features,
        targets: part.y.slice(0, rows * t),
        targetSize: t,
        outputs: outputs.slice(0, rows * cols),
        outputSize: cols,
        predicted: null,
      },
    };
    if (data.task === 'classification') addClassification(evaluation, runner, outputs, part.y, part.n);
    else evaluation.scatter = regressionScatter(outputs, cols, part.y, t, part.n);
    const p = evaluation.predictions;
    const transfer = [p.targets.buffer, p.outputs.buffer, ...(p.features ? [p.features.buffer] : []), ...(p.predicted ? [p.predicted.buffer] : []), ...(evaluation.scatter ? [evaluation.scatter.buffer] : [])];
    return { evaluation, transfer: transfer as ArrayBuffer[] };
  });
}

function addClassification(e: Evaluation, runner: ProbeRunner, outputs: Float32Array, y: Float32Array, n: number): void {
  const data: PreparedData = runner.data;
  const cols = runner.trainer.model.prediction.size;
  const threshold = runner.trainer.model.primaryLoss.classTargets === 'signed' ? 0 : 0.5;
  const classes = Math.max(data.numClasses, cols === 1 ? 2 : cols);
  const predicted = new Int32Array(n);
  predictedClasses(outputs, n, cols, threshold, predicted);
  const { counts, precision, recall } = confusionMatrix(y, predicted, classes);
  e.classNames = data.dataset.classNames ?? Array.from({ length: classes }, (_, i) => String(i));
  e.confusion = counts;
  e.precision = precision;
  e.recall = recall;
  e.predictions.predicted = predicted.slice(0, e.predictions.rows);
}

function regressionScatter(outputs: Float32Array, cols: number, y: Float32Array, t: number, n: number): Float32Array {
  const m = Math.min(n, MAX_SCATTER);
  const out = new Float32Array(m * 2);
  for (let i = 0; i < m; i++) {
    out[i * 2] = y[i * t];
    out[i * 2 + 1] = outputs[i * cols];
  }
  return out;
}
