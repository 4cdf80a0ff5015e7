/**
 * The training loop as a state machine the host can drive one step at a time: batching and
 * sampling, the optimiser and its schedule, validation, early stopping, metrics and NaN
 * detection. A step (trainStep) allocates nothing.
 */
import type { Graph } from '../shared/graph-types';
import type { TrainingConfig } from '../shared/project-types';
import type { EpochRecord } from '../shared/protocol';
import { describePosition, lastStepPosition } from '../shared/run-position';
import { ActivationGuard } from './activation-guard';
import { gradientCheck } from './gradient-check';
import type { GradientCheckResult } from '../shared/protocol-gradcheck';
import { WeightAverager } from './averaging';
import { compileModel } from './compile';
import type { DataPart, PreparedData } from './data/types';
import { EarlyStopping } from './early-stopping';
import { MetricAccumulator, type Metrics } from './metrics';
import type { Model } from './model';
import { copyRows } from './ops/reduce';
import { KIND_DATA, KIND_OPTIMIZER, stepProfile } from './profile';
import { createOptimizer, type Optimizer, type OptimizerSnapshot } from './optim';
import { Rng, streamSeed } from './random';
import { learningRateAt, scheduleUnit } from './schedules';
import type { WeightMap } from './tensor';

/** One finished epoch's metrics: the same record the protocol streams and runs store. */
export type EpochMetrics = EpochRecord;

export type TrainerStatus = 'ready' | 'finished' | 'stoppedEarly' | 'diverged';

/**
 * Training produced NaN/Inf: names the first layer whose values went non-finite, and where, as
 * the status line counts (`run-position.ts`: 1-based epoch and step of the step that failed).
 */
export class DivergenceError extends Error {
  constructor(
    readonly nodeId: string | null,
    readonly epoch: number,
    readonly step: number,
  ) {
    super(
      `The loss became NaN or infinite at ${describePosition({ epoch, step })}` +
        (nodeId ? `: the first non-finite values appear in node '${nodeId}'` : '') +
        '. help: lower the learning rate, or normalise the inputs',
    );
    this.name = 'DivergenceError';
  }
}

export class Trainer {
  readonly model: Model;
  readonly history: EpochMetrics[] = [];
  status: TrainerStatus = 'ready';
  /** Completed epochs. */
  epoch = 0;
  /** Steps taken in the current epoch, and in total. */
  stepInEpoch = 0;
  globalStep = 0;
  readonly stepsPerEpoch: number;
  /** Replaces the configured base learning rate (the UI's live slider); the schedule still applies. */
  learningRateOverride: number | null = null;
  /** Train until stopped: the configured epochs no longer end the run (the UI's "until stopped"). */
  untilStopped = false;
  /** Epoch early stopping chose (1-based), when it stopped training. */
  stoppedAtBestEpoch: number | null = null;
  /** The rate the last step used (what the epoch's record shows). */
  private lastRate = 0;
  private nextRate = 0;

  private readonly batchSize: number;
  /** Sample order of the epoch (a permutation for 'shuffle'). */
  private readonly order: Int32Array;
  /** Indices drawn with replacement for the current batch ('replacement' sampling). */
  private readonly drawn: Int32Array;
  private readonly yBatch: Float32Array;
  private readonly shuffleRng: Rng;
  private readonly optimizer: Optimizer;
  /** Polyak averager (evaluation uses the averaged weights), when averaging is on. */
  readonly averager: WeightAverager | null;
  /** Evaluation reuses the model's buffers; this puts the last training batch's values back. */
  private readonly guard: ActivationGuard;
  private readonly early: EarlyStopping | null;
  private readonly running: MetricAccumulator;
  private readonly evalMetrics: MetricAccumulator;

  constructor(
    graph: Graph,
    readonly data: PreparedData,
    readonly config: TrainingConfig,
    weights?: WeightMap,
  ) {
    const train = data.train;
    if (train.n === 0) throw new Error('the training split is empty: lower the validation/test fractions');
    this.batchSize = Math.min(config.batchSize, train.n);
    this.model = compileModel(graph, {
      dataShape: data.featureShape,
      batchSize: Math.max(this.batchSize, Math.min(256, Math.max(data.validation.n, data.test.n, 1))),
      task: data.task,
      numClasses: data.numClasses,
      targetSize: data.targetSize,
      seed: config.seed,
      weights,
    });
    this.model.setInputGradient(false);
    this.stepsPerEpoch = Math.ceil(train.n / this.batchSize);
    this.order = Int32Array.from({ length: train.n }, (_, i) => i);
    this.drawn = new Int32Array(this.batchSize);
    this.yBatch = new Float32Array(this.model.maxBatch * data.targetSize);
    this.shuffleRng = new Rng(streamSeed(config.seed, 'shuffle'));
    this.optimizer = createOptimizer(config.optimizer, this.model.params, { l1: config.l1 });
    this.averager = config.averaging ? new WeightAverager(this.model.weights) : null;
    this.guard = new ActivationGuard(this.model);
    this.early = config.earlyStopping ? new EarlyStopping(config.earlyStopping, this.model.weights) : null;
    const primary = this.model.primaryLoss;
    const newAccumulator = () =>
      new MetricAccumulator(data.task, primary.prediction.size, primary.classTargets, primary.targetSource === 'labels');
    this.running = newAccumulator();
    this.evalMetrics = newAccumulator();
  }

  get done(): boolean {
    return this.status !== 'ready';
  }

  /** The learning rate the next step will use. */
  get learningRate(): number {
    this.computeNextRate();
    return this.nextRate;
  }

  /**
   * Sets `nextRate` to the rate the next step will use. The step reads the field rather than
   * the getter: a double returned from a call V8 does not inline is boxed on the heap, every
   * step (test/engine/allocation.test.ts); a double field is written in place.
   */
  private computeNextRate(): void {
    const base = this.learningRateOverride ?? this.config.optimizer.learningRate;
    const t = scheduleUnit(this.config.schedule) === 'step' ? this.globalStep : this.epoch;
    this.nextRate = learningRateAt(this.config.schedule, base, t);
  }

  /**
   * One optimiser step on one mini-batch. Returns the batch loss (computed before the update).
   * At the end of an epoch it also validates, applies early stopping and appends to history.
   */
  trainStep(): number {
    if (this.done) throw new Error(`training is ${this.status}`);
    const profiled = stepProfile.on; // timing points: profile.ts
    const outer = profiled ? stepProfile.enter(KIND_DATA) : 0;
    if (this.stepInEpoch === 0 && (this.config.sampling ?? 'shuffle') === 'shuffle') this.shuffleRng.shuffle(this.order);
    const train = this.data.train;
    const start = this.stepInEpoch * this.batchSize;
    const rows = Math.min(this.batchSize, train.n - start);
    this.gatherBatch(train, start, rows);
    if (profiled) stepProfile.enter(outer);

    // The rate announced before this step (learningRate), read before the step count advances:
    // as torch.optim.lr_scheduler, a step uses the current rate and then the schedule moves on.
    this.computeNextRate();
    const lr = this.nextRate;
    const model = this.model;
    model.run(model.inputBuffer, rows, this.yBatch, true);
    const loss = model.lossValue;
    this.stepInEpoch++;
    this.globalStep++;
    if (!Number.isFinite(loss)) {
      this.status = 'diverged';
      const at = lastStepPosition(this.epoch, this.stepInEpoch, this.stepsPerEpoch)!;
      throw new DivergenceError(model.firstNonFiniteNode()?.id ?? null, at.epoch, at.step);
    }
    this.running.add(loss, model.prediction.output, this.yBatch, rows);
    model.backward();
    if (profiled) stepProfile.enter(KIND_OPTIMIZER);
    this.optimizer.learningRate = lr; // a field, then update(): see Optimizer.learningRate
    this.optimizer.update();
    if (profiled) stepProfile.enter(outer);
    this.lastRate = lr;
    this.averager?.update();
    if (this.stepInEpoch === this.stepsPerEpoch) this.endEpoch();
    return loss;
  }

  /** The optimiser, whose state (slots and step count) a saved project keeps for resuming. */
  get optimizerInUse(): Optimizer {
    return this.optimizer;
  }

  /**
   * Continues a run that was saved after `position.epoch` epochs and `position.stepInEpoch` more
   * steps: the optimiser takes `snapshot` (its step count is the run's global step, so schedules
   * continue), and the sample order is replayed from the seed to where the run was, so the next
   * batches are the ones the uninterrupted run would have drawn. Only before the first step.
   */
  resumeAt(position: { epoch: number; stepInEpoch: number }, snapshot: OptimizerSnapshot): void {
    if (this.globalStep !== 0) throw new Error('resumeAt: the trainer has already taken steps');
    const { epoch, stepInEpoch } = position;
    if (!Number.isInteger(epoch) || epoch < 0 || !Number.isInteger(stepInEpoch) || stepInEpoch < 0 || stepInEpoch >= this.stepsPerEpoch)
      throw new Error(`resumeAt: position epoch ${epoch}, step ${stepInEpoch} does not fit ${this.stepsPerEpoch} steps per epoch`);
    const steps = epoch * this.stepsPerEpoch + stepInEpoch;
    if (snapshot.step !== steps) throw new Error(`resumeAt: the optimizer took ${snapshot.step} steps, but epoch ${epoch} and step ${stepInEpoch} mean ${steps}`);
    this.optimizer.setState(snapshot);
    this.replaySampling(epoch, stepInEpoch);
    this.epoch = epoch;
    this.stepInEpoch = stepInEpoch;
    this.globalStep = steps;
    if (!this.untilStopped && this.epoch >= this.config.epochs) this.status = 'finished';
  }

  /** Draws what trainStep would have drawn in the first `epochs` epochs and `steps` steps. */
  private replaySampling(epochs: number, steps: number): void {
    const sampling = this.config.sampling ?? 'shuffle';
    const n = this.data.train.n;
    const epochsStarted = epochs + (steps > 0 ? 1 : 0);
    if (sampling === 'shuffle') {
      for (let e = 0; e < epochsStarted; e++) this.shuffleRng.shuffle(this.order);
    } else if (sampling === 'replacement') {
      for (let e = 0; e < epochsStarted; e++) {
        const stepsInThisEpoch = e < epochs ? this.stepsPerEpoch : steps;
        for (let k = 0; k < stepsInThisEpoch; k++) {
          const rows = Math.min(this.batchSize, n - k * this.batchSize);
          for (let i = 0; i < rows; i++) this.shuffleRng.int(n);
        }
      }
    }
  }

  /** Runs the rest of the current epoch; returns its metrics. */
  runEpoch(): EpochMetrics {
    const target = this.epoch + 1;
    while (!this.done && this.epoch < target) this.trainStep();
    return this.history[this.history.length - 1];
  }

  /** Backprop against finite differences for `count` weights of one tensor (gradient-check.ts). */
  gradientCheck(nodeId: string, param: string, epsilon: number, count: number, include?: number): GradientCheckResult {
    return gradientCheck(this.model, this.guard, this.data.train, this.data.targetSize, nodeId, param, epsilon, count, include);
  }

  /** Loss and metrics on a split, in evaluation mode (dropout off; averaged weights if enabled). */
  evaluate(part: DataPart): Metrics {
    return this.guard.run(() => this.evaluateRows(part));
  }

  private evaluateRows(part: DataPart): Metrics {
    const model = this.model;
    const acc = this.evalMetrics;
    acc.reset();
    this.averager?.useAverage();
    const k = model.featureSize;
    const t = this.data.targetSize;
    for (let start = 0; start < part.n; start += model.maxBatch) {
      const rows = Math.min(model.maxBatch, part.n - start);
      const y = part.y.subarray(start * t, (start + rows) * t);
      const loss = model.forward(part.x.subarray(start * k, (start + rows) * k), rows, y, false);
      acc.add(loss, model.prediction.output, y, rows);
    }
    this.averager?.useCurrent();
    return acc.result();
  }

  /** Predictions (rows × outputs) for feature rows already normalised like the training data. */
  predict(x: Float32Array, rows: number): Float32Array {
    return this.guard.run(() => this.predictRows(x, rows));
  }

  private predictRows(x: Float32Array, rows: number): Float32Array {
    const model = this.model;
    const out = new Float32Array(rows * model.prediction.size);
    this.averager?.useAverage();
    for (let start = 0; start < rows; start += model.maxBatch) {
      const n = Math.min(model.maxBatch, rows - start);
      model.forward(x.subarray(start * model.featureSize, (start + n) * model.featureSize), n, null, false);
      out.set(model.prediction.output.subarray(0, n * model.prediction.size), start * model.prediction.size);
    }
    this.averager?.useCurrent();
    return out;
  }

  private gatherBatch(train: DataPart, start: number, rows: number): void {
    const model = this.model;
    let indices = this.order;
    if (this.config.sampling === 'replacement') {
      indices = this.drawn;
      for (let i = 0; i < rows; i++) indices[i] = this.shuffleRng.int(train.n);
      start = 0;
    }
    copyRows(train.x, indices, start, rows, model.featureSize, model.inputBuffer);
    copyRows(train.y, indices, start, rows, this.data.targetSize, this.yBatch);
  }

  private endEpoch(): void {
    const lr = this.lastRate;
    this.epoch++;
    this.stepInEpoch = 0;
    const train = this.running.result();
    this.running.reset();
    const m: EpochMetrics = { epoch: this.epoch, loss: train.loss, learningRate: lr };
    if (train.accuracy !== undefined) m.accuracy = train.accuracy;
    if (train.mae !== undefined) m.mae = train.mae;
    if (train.r2 !== undefined) m.r2 = train.r2;
    if (this.data.validation.n > 0) {
      const v = this.evaluate(this.data.validation);
      m.valLoss = v.loss;
      if (v.accuracy !== undefined) m.valAccuracy = v.accuracy;
      if (v.mae !== undefined) m.valMae = v.mae;
      if (v.r2 !== undefined) m.valR2 = v.r2;
    }
    this.history.push(m);
    // Early stopping watches the validation loss, or the training loss when there is no validation split.
    if (this.early && this.early.observe(this.epoch, m.valLoss ?? m.loss)) {
      this.status = 'stoppedEarly';
      this.stoppedAtBestEpoch = this.early.bestEpoch;
      this.early.restore();
    } else if (!this.untilStopped && this.epoch >= this.config.epochs) {
      this.status = 'finished';
    }
  }
}
