/**
 * The host's side of probes: the renderer subscribes once ('subscribeProbes') and the host
 * pushes 'probes' frames on its own schedule — after training slices at most every
 * `intervalMs` (default 70 ms, so ≥ 10 frames/s for playground networks), and at once on every
 * state change (pause, step, reset, load, end of run). A frame that takes long to compute
 * stretches the interval (4× its cost), so probes never take more than ~20 % of the engine's time.
 */
import { Reply, type CommandHandlers, type EngineEvent, type EnginePort, type EngineRequest, type ProbeSubscription, type RequestHandlers } from '../shared/protocol';
import type { PreparedData } from './data/types';
import { imageHandlers } from './host-images';
import { planePoints, planeUnavailable, pointsTransfer } from './probes-grid';
import { evaluateSplit } from './probes-eval';
import { ProbeRunner } from './probes';
import type { Trainer } from './train';

export const DEFAULT_PROBE_INTERVAL_MS = 70;
const MIN_INTERVAL_MS = 16;

export interface ProbeContext {
  trainer: Trainer | null;
  data: PreparedData | null;
}

export class HostProbes {
  private sub: ProbeSubscription | null = null;
  private runner: ProbeRunner | null = null;
  private lastFrame = -Infinity;
  private lastCost = 0;

  constructor(
    private readonly port: EnginePort<EngineRequest, EngineEvent>,
    private readonly context: () => ProbeContext,
    private readonly now: () => number,
  ) {}

  /** The requests answered here; the image views' (host-images.ts) share the probes' runner and activation guard. */
  readonly requests: Pick<RequestHandlers, 'probe' | 'evaluate' | 'sampleImages' | 'probeImage' | 'setParam'> = {
    probe: (msg) => {
      const { frame, transfer } = this.requireRunner().frame(msg.probes);
      return new Reply({ type: 'probes', frame }, transfer);
    },
    evaluate: (msg) => {
      const { evaluation, transfer } = evaluateSplit(this.requireRunner(), msg.split, msg.predictions);
      return new Reply({ type: 'evaluation', evaluation }, transfer);
    },
    ...imageHandlers(() => this.currentRunner()),
  };

  readonly commands: Pick<CommandHandlers, 'subscribeProbes'> = {
    subscribeProbes: (msg) => {
      const hadBoundary = this.sub?.boundary !== undefined;
      this.sub = msg.probes;
      if (!this.sub || !this.currentRunner()) return;
      if (this.sub.boundary && !hadBoundary) this.sendPoints();
      this.push();
    },
  };

  /** A (new) project was loaded: send its points and a first frame to a subscriber. */
  loaded(): void {
    this.runner = null;
    if (!this.sub || !this.currentRunner()) return;
    if (this.sub.boundary) this.sendPoints();
    this.push();
  }

  /** Called after every progress message: forced ones (state changes) push a frame now, others when the interval has passed. */
  afterProgress(force: boolean): void {
    if (!this.sub) return;
    const interval = Math.max(MIN_INTERVAL_MS, this.sub.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS, 4 * this.lastCost);
    if (!force && this.now() - this.lastFrame < interval) return;
    if (this.currentRunner()) this.push();
  }

  private push(): void {
    const t0 = this.now();
    const { frame, transfer } = this.runner!.frame(this.sub!);
    this.port.postMessage({ type: 'probes', frame }, transfer);
    this.lastFrame = this.now();
    this.lastCost = this.lastFrame - t0;
  }

  private sendPoints(): void {
    const data = this.runner!.data;
    const reason = planeUnavailable(data);
    if (reason) {
      this.port.postMessage({ type: 'probePoints', points: null, reason });
      return;
    }
    const points = planePoints(data);
    this.port.postMessage({ type: 'probePoints', points }, pointsTransfer(points));
  }

  /** The runner of the current trainer (reset and new runs replace the trainer). */
  private currentRunner(): ProbeRunner | null {
    const { trainer, data } = this.context();
    if (!trainer || !data) return (this.runner = null);
    if (this.runner?.trainer !== trainer || this.runner.data !== data) this.runner = new ProbeRunner(trainer, data);
    return this.runner;
  }

  private requireRunner(): ProbeRunner {
    const runner = this.currentRunner();
    if (!runner) throw new Error('no project is loaded in the engine');
    return runner;
  }
}
