/**
 * The chart data of the current run, fed from the training store (epoch records, step losses,
 * the state's learning rate) and from probe frames (per-layer norms). Appends only the new
 * points of each update; a new run (the store's history restarts) clears the series in place.
 */
import type { EpochRecord, ProbeFrame, TrainingState } from '../../../shared/protocol';
import type { StepLossSeries } from '../engine-client/step-losses';
import { PointSeries, Signal } from './series';
import { Ema } from './smoothing';

export const EPOCH_KEYS = ['loss', 'valLoss', 'accuracy', 'valAccuracy', 'mae', 'valMae', 'r2', 'valR2', 'learningRate'] as const;
export type EpochKey = (typeof EPOCH_KEYS)[number];

/** What LiveSeries reads from the training store. */
export interface HistorySource {
  epochs: readonly EpochRecord[];
  epochCount: number;
  stepLosses: StepLossSeries;
  training: TrainingState | null;
}

export interface LayerNormSeries {
  weight: PointSeries;
  grad: PointSeries;
}

export class LiveSeries {
  /** Fire when their series got points (or were cleared), so each chart redraws only for its own data. */
  readonly epochChanged = new Signal();
  readonly stepChanged = new Signal();
  readonly rateChanged = new Signal();
  readonly normsChanged = new Signal();
  /** Fires when the set of layers with norm series changes (charts rebuild their datasets). */
  readonly layersChanged = new Signal();
  readonly epoch = Object.fromEntries(EPOCH_KEYS.map((k) => [k, new PointSeries(4000)])) as Record<EpochKey, PointSeries>;
  /** Capped at 4000 points each (a chart is ~500 px wide; decimation draws ≤ 1 point per pixel). */
  readonly stepLoss = new PointSeries(4000);
  readonly stepSmooth = new PointSeries(4000);
  /** Learning rate against fractional epochs (global step / steps per epoch), from each state update. */
  readonly learningRate = new PointSeries(2000);
  readonly norms = new Map<string, LayerNormSeries>();

  private consumedEpochs = 0;
  private lastEpochRecord: EpochRecord | null = null;
  private consumedSteps = 0;
  private lastStepX = NaN;
  private seenStride = 1;
  private ema: Ema;
  private lastState: TrainingState | null = null;
  private lastNormStep = -1;
  private normIds = '';

  constructor(private smoothing = 0.6) {
    this.ema = new Ema(smoothing);
  }

  /** Takes whatever is new in the store; returns true when a series changed. */
  sync(s: HistorySource): boolean {
    const a = this.syncEpochs(s);
    const b = this.syncSteps(s.stepLosses);
    const c = this.syncState(s.training);
    if (a) this.epochChanged.emit();
    if (b) this.stepChanged.emit();
    if (c) this.rateChanged.emit();
    return a || b || c;
  }

  setSmoothing(weight: number, s: HistorySource): void {
    this.smoothing = weight;
    this.consumedSteps = 0; // rebuild the step series with the new weight
    this.lastStepX = NaN;
    this.syncSteps(s.stepLosses, true);
    this.stepChanged.emit();
  }

  /** Norms from a probe frame: one point per layer at the frame's global step. */
  addFrame(frame: ProbeFrame): void {
    if (!frame.norms) return;
    const ids = frame.norms.map((n) => n.nodeId).join('\n');
    if (ids !== this.normIds) {
      this.normIds = ids;
      this.norms.clear();
      for (const n of frame.norms) this.norms.set(n.nodeId, { weight: new PointSeries(2000), grad: new PointSeries(2000) });
      this.layersChanged.emit();
    } else if (frame.globalStep < this.lastNormStep) {
      for (const s of this.norms.values()) {
        s.weight.clear();
        s.grad.clear();
      }
    }
    this.lastNormStep = frame.globalStep;
    for (const n of frame.norms) {
      const s = this.norms.get(n.nodeId)!;
      s.weight.set(frame.globalStep, n.weight);
      if (frame.globalStep > 0) s.grad.set(frame.globalStep, n.grad); // no gradients before the first step
    }
    this.normsChanged.emit();
  }

  private syncEpochs(s: HistorySource): boolean {
    const restarted = s.epochCount < this.consumedEpochs || (this.consumedEpochs > 0 && s.epochs[this.consumedEpochs - 1] !== this.lastEpochRecord);
    if (restarted) {
      for (const k of EPOCH_KEYS) this.epoch[k].clear();
      this.consumedEpochs = 0;
    }
    for (let i = this.consumedEpochs; i < s.epochCount; i++) {
      const e = s.epochs[i];
      for (const k of EPOCH_KEYS) {
        const v = e[k];
        if (v !== undefined) this.epoch[k].push(e.epoch, v);
      }
    }
    const changed = restarted || s.epochCount > this.consumedEpochs;
    this.consumedEpochs = s.epochCount;
    this.lastEpochRecord = s.epochCount > 0 ? s.epochs[s.epochCount - 1] : null;
    return changed;
  }

  private syncSteps(series: StepLossSeries, force = false): boolean {
    const n = series.length;
    const restarted =
      force || n < this.consumedSteps || series.stride !== this.seenStride || (this.consumedSteps > 0 && series.steps[this.consumedSteps - 1] !== this.lastStepX);
    if (restarted) {
      this.stepLoss.clear();
      this.stepSmooth.clear();
      this.ema = new Ema(this.smoothing);
      this.consumedSteps = 0;
      this.seenStride = series.stride;
    }
    for (let i = this.consumedSteps; i < n; i++) {
      const x = series.steps[i];
      const y = series.losses[i];
      this.stepLoss.push(x, y);
      this.stepSmooth.push(x, this.ema.next(y));
    }
    const changed = restarted || n > this.consumedSteps;
    this.consumedSteps = n;
    this.lastStepX = n > 0 ? series.steps[n - 1] : NaN;
    return changed;
  }

  private syncState(state: TrainingState | null): boolean {
    const prev = this.lastState;
    this.lastState = state;
    if (state === prev) return false;
    let changed = false;
    // A new run, or nothing loaded (a failed load) before this state: the old curve goes.
    if (!state || !prev || state.globalStep < prev.globalStep) {
      changed = this.learningRate.length > 0;
      this.learningRate.clear();
    }
    if (!state) return changed;
    const x = state.stepsPerEpoch > 0 ? state.globalStep / state.stepsPerEpoch : state.epoch;
    const last = this.learningRate.last;
    if (!last || last.y !== state.learningRate || x - last.x >= 0.01) {
      // A change of rate shows as a step: repeat the old rate at the new x first.
      if (last && last.y !== state.learningRate && x > last.x) this.learningRate.set(x, last.y);
      this.learningRate.push(x, state.learningRate);
      changed = true;
    }
    return changed;
  }
}
