/**
 * The engine host: dispatches protocol requests over a port to a Trainer and streams
 * throttled, batched progress back. The same code runs in an Electron utility process, a Web
 * Worker and Node worker_threads (tests); only the port and the data source differ.
 */
import { GraphError } from '../shared/graph-types';
import { validateProject } from '../shared/project';
import {
  PROTOCOL_VERSION,
  Reply,
  type CommandHandlers,
  type EngineEvent,
  type EnginePort,
  type EngineRequest,
  type EngineRequestMessage,
  type RequestHandler,
  type RequestHandlers,
  type RequestOf,
  type ReplyOf,
  type RequestType,
  type ResponseOf,
  type TrainingState,
} from '../shared/protocol';
import type { Project } from '../shared/project-types';
import type { PreparedData } from './data/types';
import { StepLossBuffer } from './host-progress';
import { inspectNode, modelSummary, predictRows, traceFromSession } from './host-queries';
import { HostProbes } from './host-probes';
import { createTrainer, prepareProjectData, weightsToProject, weightMapOf, type DataSource } from './session';
import { optimizerStateToProject, resumeFromProject } from './optimizer-state';
import { DivergenceError, Trainer } from './train';
import { DEFAULT_GRADIENT_CHECK_COUNT } from '../shared/protocol-gradcheck';
import { paceProblem, type TrainingPace } from '../shared/protocol-pace';
import { PaceTimer, stepIntervalMs, type ClearTimerFn, type TimerFn } from './host-pace';
import { computeLossSurface } from './loss-surface';

export interface HostOptions {
  /** Runs `fn` soon, after pending messages (default setTimeout 0). */
  schedule?: (fn: () => void) => void;
  /** Milliseconds between progress messages (default 33: about 30 per second). */
  progressIntervalMs?: number;
  /** Milliseconds of training per slice before yielding to incoming messages (default 20). */
  sliceMs?: number;
  now?: () => number;
  /** Delayed calls between paced steps (default setTimeout / clearTimeout); tests pass fake timers. */
  setTimer?: TimerFn;
  clearTimer?: ClearTimerFn;
}

type Port = EnginePort<EngineRequest, EngineEvent>;

export class EngineHost {
  private project: Project | null = null;
  private data: PreparedData | null = null;
  /** The CSV text of a CSV project (the PyTorch export writes it beside the script). */
  private csvText: string | undefined;
  private trainer: Trainer | null = null;
  private status: TrainingState['status'] = 'idle';
  private looping = false;
  /** Identifies the current training loop: a slice of an older loop (stopped, restarted) does nothing. */
  private loopId = 0;
  private pace: TrainingPace = 'max';
  private untilStopped = false;
  private readonly paceTimer: PaceTimer;
  private lastProgress = 0;
  private elapsedMs = 0;
  private rateWindow = { t: 0, samples: 0, rate: 0 };
  private readonly steps = new StepLossBuffer();
  private pendingEpochs = 0;
  private readonly schedule: (fn: () => void) => void;
  private readonly now: () => number;
  private readonly progressIntervalMs: number;
  private readonly sliceMs: number;
  private readonly probes: HostProbes;
  private readonly requests: RequestHandlers;
  private readonly commands: CommandHandlers;

  constructor(
    private readonly port: Port,
    private readonly source: DataSource,
    options: HostOptions = {},
  ) {
    this.schedule = options.schedule ?? ((fn) => setTimeout(fn, 0));
    this.now = options.now ?? (() => performance.now());
    this.progressIntervalMs = options.progressIntervalMs ?? 33;
    this.sliceMs = options.sliceMs ?? 20;
    this.paceTimer = new PaceTimer(options.setTimer, options.clearTimer);
    this.probes = new HostProbes(port, () => ({ trainer: this.trainer, data: this.data }), this.now);
    this.requests = this.requestHandlers();
    this.commands = this.commandHandlers();
    port.on((msg) => void this.handle(msg));
    port.postMessage({ type: 'ready', protocol: PROTOCOL_VERSION });
  }

  /** One handler per request; each returns the answer, which answer() posts with the request's id. */
  private requestHandlers(): RequestHandlers {
    return {
      load: (msg) => this.load(msg.project, msg.csv),
      predict: (msg) => predictRows(this.requireTrainer(), this.data!, msg.x, msg.rows, msg.normalized ?? false),
      inspect: (msg) => inspectNode(this.requireTrainer().model, msg.nodeId),
      getWeights: () => ({ type: 'weights', weights: weightsToProject(this.requireTrainer().model) }),
      getOptimizerState: () => ({ type: 'optimizerState', state: optimizerStateToProject(this.requireTrainer()) ?? null }),
      gradientCheck: (msg) => ({
        type: 'gradientChecked',
        result: this.requireTrainer().gradientCheck(msg.nodeId, msg.param, msg.epsilon, msg.count ?? DEFAULT_GRADIENT_CHECK_COUNT, msg.include),
      }),
      trace: (msg) => traceFromSession(this.requireTrainer(), this.project!, this.data!, msg.sample, msg.rows ?? 1),
      exportModel: async (msg) => {
        const model = this.requireTrainer().model;
        // Loaded on first use: the ONNX and PyTorch writers are not needed to start training.
        const { exportModel } = await import('../interop/host-export');
        return exportModel(msg, this.project!, this.data!, model, this.csvText); // copied, not transferred: the bytes may be views of shared buffers
      },
      lossSurface: (msg) => {
        const surface = computeLossSurface(this.requireTrainer(), this.project!.graph, this.project!.training, this.data!, msg);
        return new Reply({ type: 'lossSurface', surface }, [surface.values.buffer, ...surface.paths.map((p) => p.points.buffer)] as ArrayBuffer[]);
      },
      ...this.probes.requests,
    };
  }

  private commandHandlers(): CommandHandlers {
    return {
      train: () => this.train(),
      pause: () => {
        if (this.status === 'training') this.setStatus('paused');
      },
      resume: () => {
        if (this.status === 'paused') this.startLoop();
      },
      step: (msg) => this.stepOnce(msg.unit),
      stop: () => this.stop(),
      reset: () => this.reset(),
      setPace: (msg) => this.setPace(msg.pace, msg.untilStopped),
      setLearningRate: (msg) => {
        if (!(msg.value > 0) || !Number.isFinite(msg.value)) throw new Error(`learning rate must be a positive number (got ${msg.value})`);
        this.requireTrainer().learningRateOverride = msg.value;
        this.postProgress(true);
      },
      ...this.probes.commands,
    };
  }

  private async handle(msg: EngineRequest): Promise<void> {
    try {
      if (Object.hasOwn(this.requests, msg.type)) return await this.answer(msg as EngineRequestMessage);
      if (Object.hasOwn(this.commands, msg.type)) return await (this.commands[msg.type as keyof CommandHandlers] as (m: EngineRequest) => void | Promise<void>)(msg);
      throw new Error(`the engine does not know the message type '${String((msg as { type?: unknown }).type)}'`);
    } catch (e) {
      const requestId = 'requestId' in msg && typeof msg.requestId === 'number' ? msg.requestId : undefined;
      this.port.postMessage({ type: 'error', requestId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Runs request K's handler and posts its answer with the request's id. */
  private async answer<K extends RequestType>(msg: RequestOf<K>): Promise<void> {
    const handler: RequestHandler<K> = this.requests[msg.type as K];
    const reply = await handler(msg);
    const { message, transfer, afterPost } = reply instanceof Reply ? reply : new Reply(reply as ResponseOf<K>);
    this.port.postMessage({ ...message, requestId: msg.requestId } as EngineEvent, transfer);
    afterPost?.();
  }

  private async load(raw: Project, csv?: { text: string; sha256: string }): Promise<ReplyOf<'load'>> {
    this.haltLoop();
    try {
      const project = validateProject(raw);
      let csvText = csv?.text;
      const read = this.source.readProjectCsv;
      const source: DataSource = csv
        ? { ...this.source, readProjectCsv: async () => csv }
        : read
          ? {
              ...this.source,
              readProjectCsv: async (rel) => {
                const file = await read(rel);
                csvText = file.text; // kept for the PyTorch export, which copies the data beside its script
                return file;
              },
            }
          : this.source;
      const data = await prepareProjectData(project, source);
      const trainer = createTrainer(project, data);
      trainer.untilStopped = this.untilStopped;
      // A file saved after training continues that run (epochs, schedule, moments).
      const notice = resumeFromProject(trainer, project.optimizerState);
      Object.assign(this, { project, data, trainer, elapsedMs: 0, csvText });
      this.setStatus('idle', false);
      // The probes' first points and frame follow the 'loaded' answer.
      const loaded = { type: 'loaded' as const, summary: modelSummary(trainer, data), state: this.state(), ...(notice ? { notice } : {}) };
      return new Reply(loaded, [], () => this.probes.loaded());
    } catch (e) {
      if (e instanceof GraphError) return { type: 'invalid', issues: e.issues };
      throw e;
    }
  }

  /** Starts a run: continues from the current weights when a previous run ended. */
  private train(): void {
    const trainer = this.requireTrainer();
    if (trainer.done) this.newRun(weightMapOf(trainer.model));
    this.startLoop();
  }

  private reset(): void {
    this.requireTrainer();
    this.haltLoop();
    this.newRun(undefined);
    this.setStatus('idle');
  }

  private newRun(weights: ReturnType<typeof weightMapOf> | undefined): void {
    const lr = this.trainer?.learningRateOverride ?? null;
    const project = { ...this.project!, weights: undefined };
    this.trainer = new Trainer(project.graph, this.data!, project.training, weights);
    this.trainer.learningRateOverride = lr;
    this.trainer.untilStopped = this.untilStopped;
    this.elapsedMs = 0;
  }

  private stop(): void {
    if (this.status !== 'training' && this.status !== 'paused') return;
    this.haltLoop();
    this.finish('stopped');
  }

  /** Ends the training loop: its pending slice or paced timer will do nothing. */
  private haltLoop(): void {
    this.looping = false;
    this.loopId++;
    this.paceTimer.cancel();
  }

  /**
   * A new pace applies from the next step. A paced loop waiting for its timer moves on at once
   * (going from 1 step/s to 20 should not wait out the second); 'step' pauses a running loop.
   */
  private setPace(pace: TrainingPace, untilStopped: boolean): void {
    const problem = paceProblem(pace);
    if (problem) throw new Error(problem);
    this.pace = pace;
    this.untilStopped = untilStopped === true;
    if (!this.trainer) return;
    this.trainer.untilStopped = this.untilStopped;
    if (this.status === 'training' && pace === 'step') return this.setStatus('paused');
    if (this.looping && this.paceTimer.pending) {
      this.paceTimer.cancel();
      const id = this.loopId;
      this.schedule(() => this.slice(id));
    }
    this.postProgress(true);
  }

  private startLoop(): void {
    if (this.requireTrainer().done) return;
    // One step at a time: Train and Resume each take a single step and pause again.
    if (this.pace === 'step') return this.stepOnce('batch');
    this.setStatus('training');
    if (this.looping) return;
    this.looping = true;
    const id = ++this.loopId;
    this.rateWindow = { t: this.now(), samples: 0, rate: this.rateWindow.rate };
    this.schedule(() => this.slice(id));
  }

  /**
   * As fast as possible: trains for about sliceMs, then yields so pause/stop/learning-rate
   * messages get through. Paced: one step, its progress and probe frame, then a timer.
   */
  private slice(id: number): void {
    if (id !== this.loopId) return;
    if (!this.looping || this.status !== 'training') {
      this.looping = false;
      return;
    }
    const trainer = this.trainer!;
    const interval = stepIntervalMs(this.pace);
    if (interval !== null) return this.pacedStep(trainer, id, interval);
    const start = this.now();
    do {
      if (!this.runStep(trainer)) return;
    } while (this.now() - start < this.sliceMs);
    this.elapsedMs += this.now() - start;
    this.postProgress(false);
    this.schedule(() => this.slice(id));
  }

  private pacedStep(trainer: Trainer, id: number, interval: number): void {
    const start = this.now();
    if (!this.runStep(trainer)) return;
    this.elapsedMs += this.now() - start;
    this.postProgress(true); // every step is shown: its progress, then a probe frame
    this.paceTimer.after(interval, () => this.slice(id));
  }

  /** One step with bookkeeping; false when the run ended (finished, early-stopped or diverged). */
  private runStep(trainer: Trainer): boolean {
    const epochBefore = trainer.epoch;
    try {
      const loss = trainer.trainStep();
      this.steps.add(trainer.globalStep, loss);
      this.rateWindow.samples += this.lastBatchRows(trainer);
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      this.haltLoop();
      this.status = 'diverged';
      this.postProgress(true);
      this.port.postMessage({ type: 'diverged', state: this.state(), message: e.message, nodeId: e.nodeId });
      return false;
    }
    if (trainer.epoch > epochBefore) this.pendingEpochs++;
    if (trainer.done) {
      this.haltLoop();
      this.finish(trainer.status === 'stoppedEarly' ? 'stoppedEarly' : 'finished');
      return false;
    }
    return true;
  }

  private stepOnce(unit: 'batch' | 'epoch'): void {
    const trainer = this.requireTrainer();
    if (this.status === 'training') this.setStatus('paused', false);
    if (trainer.done) this.newRun(weightMapOf(trainer.model));
    this.haltLoop();
    const t0 = this.now();
    const target = trainer.epoch + 1;
    const t = this.trainer!;
    do {
      if (!this.runStep(t)) return;
    } while (unit === 'epoch' && t.epoch < target);
    this.elapsedMs += this.now() - t0;
    this.status = 'paused';
    this.postProgress(true);
  }

  private finish(status: 'finished' | 'stoppedEarly' | 'stopped'): void {
    this.status = status;
    this.postProgress(true);
    const trainer = this.trainer!;
    const test = this.data!.test.n > 0 ? trainer.evaluate(this.data!.test) : undefined;
    const message =
      status === 'stoppedEarly'
        ? `Early stopping after epoch ${trainer.epoch}: the validation loss did not improve for ${this.project!.training.earlyStopping!.patience} epochs; best epoch ${trainer.stoppedAtBestEpoch}${this.project!.training.earlyStopping!.restoreBest ? ' (its weights were restored)' : ''}.`
        : undefined;
    this.port.postMessage({ type: 'done', state: this.state(), test, message });
  }

  private postProgress(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastProgress < this.progressIntervalMs) return;
    this.lastProgress = t;
    const trainer = this.trainer!;
    const window = t - this.rateWindow.t;
    if (window >= 250) this.rateWindow = { t, samples: 0, rate: (1000 * this.rateWindow.samples) / window };
    const epochs = this.pendingEpochs > 0 ? trainer.history.slice(-this.pendingEpochs) : [];
    this.pendingEpochs = 0;
    const steps = this.steps.take();
    this.port.postMessage({ type: 'progress', state: this.state(), epochs, steps }, [steps.buffer as ArrayBuffer]);
    this.probes.afterProgress(force);
  }

  private state(): TrainingState {
    const t = this.trainer!;
    return {
      status: this.status,
      epoch: t.epoch,
      totalEpochs: t.config.epochs,
      untilStopped: t.untilStopped,
      stepInEpoch: t.stepInEpoch,
      stepsPerEpoch: t.stepsPerEpoch,
      globalStep: t.globalStep,
      learningRate: t.learningRate,
      samplesPerSecond: this.rateWindow.rate,
      elapsedMs: this.elapsedMs,
    };
  }

  private setStatus(status: TrainingState['status'], notify = true): void {
    this.status = status;
    if (notify && this.trainer) this.postProgress(true);
  }

  private lastBatchRows(trainer: Trainer): number {
    return trainer.model.rows;
  }

  private requireTrainer(): Trainer {
    if (!this.trainer) throw new Error('no project is loaded in the engine');
    return this.trainer;
  }
}
