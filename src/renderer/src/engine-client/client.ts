/**
 * The renderer's side of the engine protocol: sends requests over whatever port the transport
 * provides, correlates answers by requestId, and survives engine restarts: a fresh port gets
 * the current project again ('load'), and the user learns what happened. Knows nothing about
 * React; the training store (training-store.ts) turns its events into state.
 */
import type { GraphIssue } from '../../../shared/graph-types';
import type { Project, SerializedOptimizerState, SerializedWeights } from '../../../shared/project-types';
import type { GradientCheckResult } from '../../../shared/protocol-gradcheck';
import type { StepTrace } from '../../../shared/protocol-trace';
import {
  PROTOCOL_VERSION,
  type AnswerOf,
  type CommandType,
  type EngineCommandMessage,
  type EngineEvent,
  type EngineRequest,
  type EngineRequestMessage,
  type Evaluation,
  type EvalSplit,
  type ModelSummary,
  type ProbeFrame,
  type ProbeSubscription,
  type RequestBody,
  type RequestType,
  type TrainingState,
} from '../../../shared/protocol';
import type { ClientPort, EngineTransport } from './transports';

export type ConnectionState = 'connecting' | 'connected' | 'failed';

export type CsvInput = { text: string; sha256: string };

export type LoadResult =
  | { type: 'loaded'; summary: ModelSummary; state: TrainingState; notice?: string }
  | { type: 'invalid'; issues: GraphIssue[] }
  | { type: 'error'; message: string };

export type Prediction = AnswerOf<'predict'>;
export type Inspection = AnswerOf<'inspect'>;

/** Commands without an answer (their effects arrive as progress/done events); subscribeProbes has its own method. */
export type EngineCommand = Extract<EngineCommandMessage, { type: Exclude<CommandType, 'subscribeProbes'> }>;

/** The requests `ask` sends: every request but 'load', which has its own method (it is resent after a restart). */
export type AskType = Exclude<RequestType, 'load'>;
/** Request K as its caller writes it: the client adds the requestId. */
export type Ask<K extends AskType> = { type: K } & RequestBody<K>;

/** What the client tells its listeners: engine events for the latest load, plus its own. */
export type ClientEvent =
  | { type: 'connection'; state: ConnectionState; message?: string }
  | { type: 'loading' }
  | { type: 'loaded'; summary: ModelSummary; state: TrainingState; reload: boolean; notice?: string }
  | { type: 'invalid'; issues: GraphIssue[] }
  | { type: 'loadError'; message: string }
  | { type: 'error'; message: string }
  | { type: 'restarted'; message: string }
  | Extract<EngineEvent, { type: 'progress' | 'done' | 'diverged' | 'probePoints' }>
  /** A frame the engine pushed because of subscribeProbes (answers to probe() go to their caller). */
  | { type: 'probes'; frame: ProbeFrame };

type Pending = { kind: 'load' | 'request'; resolve: (value: unknown) => void; reject: (e: Error) => void };
type Listener = (event: ClientEvent) => void;

export class EngineClient {
  private port: ClientPort | null = null;
  private outbox: EngineRequest[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();
  private readonly rawListeners = new Set<(event: EngineEvent) => void>();
  private probeSubscription: ProbeSubscription | null = null;
  private nextId = 1;
  private latestLoadId = 0;
  private reloadId = 0;
  private project: { project: Project; csv?: CsvInput } | null = null;
  private lastEpoch = 0;
  /** A replacement port arrived and the restart notice has not been shown yet (or the reverse). */
  private replacedWithoutNotice = false;
  private noticeWithoutReplacement = false;
  private state: ConnectionState = 'connecting';
  private connectedOnce = false;

  constructor(private readonly transport: EngineTransport) {
    transport.start({
      connect: (port) => this.connect(port),
      restarted: () => this.restarted(),
      failed: (reason) => this.failed(reason),
    });
  }

  get connection(): ConnectionState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every event from the engine as it arrives (before the client handles it). */
  onEngineEvent(listener: (event: EngineEvent) => void): () => void {
    this.rawListeners.add(listener);
    return () => this.rawListeners.delete(listener);
  }

  /** Compiles `project` in the engine (replacing any loaded one); the engine becomes idle. */
  load(project: Project, csv?: CsvInput): Promise<LoadResult> {
    this.project = { project, csv };
    const requestId = this.nextId++;
    this.latestLoadId = requestId;
    this.emit({ type: 'loading' });
    const result = this.request('load', { type: 'load', requestId, project, ...(csv ? { csv } : {}) }) as Promise<LoadResult>;
    return result.catch((e: Error) => ({ type: 'error', message: e.message }));
  }

  send(command: EngineCommand): void {
    this.post(command);
  }

  /** What the engine should push while training (null stops it). Renewed after an engine restart. */
  subscribeProbes(probes: ProbeSubscription | null): void {
    this.probeSubscription = probes;
    this.post({ type: 'subscribeProbes', probes });
  }

  /** One probe frame now. */
  async probe(probes: ProbeSubscription): Promise<ProbeFrame> {
    return (await this.ask({ type: 'probe', probes })).frame;
  }

  /** Confusion matrix, per-class precision/recall, a predictions table or a regression scatter for one split. */
  async evaluate(split: EvalSplit, predictions?: number): Promise<Evaluation> {
    return (await this.ask({ type: 'evaluate', split, ...(predictions === undefined ? {} : { predictions }) })).evaluation;
  }

  predict(x: Float32Array, rows: number, normalized = false): Promise<Prediction> {
    return this.ask({ type: 'predict', x, rows, normalized });
  }

  inspect(nodeId: string): Promise<Inspection> {
    return this.ask({ type: 'inspect', nodeId });
  }

  /** Request K, answered by the event the protocol map names for K (rejected with the engine's error message). */
  ask<K extends AskType>(request: Ask<K>): Promise<AnswerOf<K>> {
    const message = { ...request, requestId: this.nextId++ } as EngineRequestMessage;
    // The host answers request K with AnswerOf<K> (its handler table is typed from the same map).
    return this.request('request', message) as Promise<AnswerOf<K>>;
  }

  /** Backprop against finite differences for some weights of one tensor (protocol-gradcheck.ts). */
  async gradientCheck(nodeId: string, param: string, epsilon: number, count?: number, include?: number): Promise<GradientCheckResult> {
    return (await this.ask({ type: 'gradientCheck', nodeId, param, epsilon, ...(count ? { count } : {}), ...(include === undefined ? {} : { include }) })).result;
  }

  /** The step-through: one training step's stages on training row `sample` (and the rows after it), from the current weights. */
  async trace(sample: number, rows = 1): Promise<StepTrace> {
    return (await this.ask({ type: 'trace', sample, rows })).trace;
  }

  async getWeights(): Promise<SerializedWeights> {
    return (await this.ask({ type: 'getWeights' })).weights;
  }

  /** The optimiser's state to save with the weights (null: none worth keeping). */
  async getOptimizerState(): Promise<SerializedOptimizerState | null> {
    return (await this.ask({ type: 'getOptimizerState' })).state;
  }

  dispose(): void {
    this.transport.dispose();
    this.port?.close();
    this.port = null;
    this.rejectPending(new Error('The engine client was closed'));
  }

  private request(kind: Pending['kind'], message: EngineRequestMessage): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.requestId, { kind, resolve, reject });
      this.post(message);
    });
  }

  private post(message: EngineRequest): void {
    if (this.port && this.state === 'connected') this.port.postMessage(message);
    else this.outbox.push(message);
  }

  private connect(port: ClientPort): void {
    const replacing = this.connectedOnce;
    this.connectedOnce = true;
    this.port?.close();
    this.port = port;
    port.on((e) => this.receive(e));
    this.setConnection('connected');
    const queued = this.outbox.splice(0);
    if (replacing) {
      if (this.noticeWithoutReplacement) this.noticeWithoutReplacement = false;
      else this.replacedWithoutNotice = true;
      this.rejectPending(new Error('The engine stopped and was restarted; try again'), this.latestLoadId);
      // The queue may already hold a newer load; otherwise the fresh engine gets the current project.
      if (this.project && !queued.some((m) => m.type === 'load')) this.reload();
      // Subscriptions live in the engine: renew them unless the queue does.
      if (this.probeSubscription && !queued.some((m) => m.type === 'subscribeProbes')) port.postMessage({ type: 'subscribeProbes', probes: this.probeSubscription });
    }
    for (const m of queued) port.postMessage(m);
  }

  /** Sends the current project again; a pending load of it now waits for this answer. */
  private reload(): void {
    const { project, csv } = this.project!;
    const requestId = this.nextId++;
    const waiting = this.pending.get(this.latestLoadId);
    this.pending.delete(this.latestLoadId);
    this.latestLoadId = this.reloadId = requestId;
    this.pending.set(requestId, waiting ?? { kind: 'load', resolve: () => {}, reject: () => {} });
    this.emit({ type: 'loading' });
    this.port!.postMessage({ type: 'load', requestId, project, ...(csv ? { csv } : {}) });
  }

  private restarted(): void {
    if (this.replacedWithoutNotice) this.replacedWithoutNotice = false;
    else {
      // The fresh port is still on its way: hold requests until it arrives.
      this.noticeWithoutReplacement = true;
      this.setConnection('connecting');
    }
    this.emit({ type: 'restarted', message: `The engine stopped after ${this.lastEpoch} finished epoch${this.lastEpoch === 1 ? '' : 's'} and was restarted; your project is unchanged.` });
  }

  private failed(reason: string): void {
    this.port?.close();
    this.port = null;
    this.rejectPending(new Error(`The engine stopped: ${reason}`));
    this.setConnection('failed', `The engine keeps stopping and was not restarted (${reason}). Your project is unchanged; save it and reload the page.`);
  }

  private receive(e: EngineEvent): void {
    for (const l of [...this.rawListeners]) l(e);
    switch (e.type) {
      case 'ready':
        if (e.protocol !== PROTOCOL_VERSION) this.emit({ type: 'error', message: `The engine speaks protocol version ${e.protocol}, the app expects ${PROTOCOL_VERSION}` });
        return;
      case 'progress':
      case 'done':
      case 'diverged':
        this.lastEpoch = e.state.epoch;
        return this.emit(e);
      case 'error':
        return this.answerError(e.requestId, e.message);
      case 'loaded':
      case 'invalid':
        return this.answerLoad(e);
      case 'probes':
        if (e.requestId !== undefined) return this.settle(e.requestId)?.resolve(e);
        return this.emit({ type: 'probes', frame: e.frame });
      case 'probePoints':
        return this.emit(e);
      default:
        // Every other event answers a request (EngineRequests in protocol.ts).
        return this.answer(e);
    }
  }

  private answer(e: AnswerOf<Exclude<RequestType, 'load' | 'probe'>>): void {
    if (typeof e.requestId === 'number') this.settle(e.requestId)?.resolve(e);
    else console.warn('engine client: unknown engine event', e);
  }

  private answerLoad(e: Extract<EngineEvent, { type: 'loaded' | 'invalid' }>): void {
    const p = this.settle(e.requestId);
    const notice = e.type === 'loaded' && e.notice ? { notice: e.notice } : {};
    const result: LoadResult = e.type === 'loaded' ? { type: 'loaded', summary: e.summary, state: e.state, ...notice } : { type: 'invalid', issues: e.issues };
    p?.resolve(result);
    if (e.requestId !== this.latestLoadId) return; // a newer load is on its way
    const reload = e.requestId === this.reloadId;
    if (e.type === 'loaded') {
      if (!reload) this.lastEpoch = e.state.epoch;
      this.emit({ type: 'loaded', summary: e.summary, state: e.state, reload, ...notice });
    } else this.emit({ type: 'invalid', issues: e.issues });
  }

  private answerError(requestId: number | undefined, message: string): void {
    const p = requestId === undefined ? undefined : this.settle(requestId);
    if (p?.kind === 'load') p.resolve({ type: 'error', message } satisfies LoadResult);
    else p?.reject(new Error(message));
    // Errors of predict/inspect/getWeights belong to their callers; the rest are the store's.
    if (p?.kind === 'load' && requestId === this.latestLoadId) this.emit({ type: 'loadError', message });
    else if (!p) this.emit({ type: 'error', message });
  }

  private settle(requestId: number): Pending | undefined {
    const p = this.pending.get(requestId);
    this.pending.delete(requestId);
    return p;
  }

  private rejectPending(error: Error, keep?: number): void {
    for (const [id, p] of [...this.pending]) {
      if (id === keep) continue;
      this.pending.delete(id);
      if (p.kind === 'load') p.resolve({ type: 'error', message: error.message } satisfies LoadResult);
      else p.reject(error);
    }
  }

  private setConnection(state: ConnectionState, message?: string): void {
    this.state = state;
    this.emit({ type: 'connection', state, ...(message ? { message } : {}) });
  }

  private emit(event: ClientEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
}
