/**
 * The versioned message protocol between the renderer and the engine host (an Electron
 * utility process on the desktop, a Web Worker in the browser, worker_threads in tests).
 * Plain data plus ArrayBuffers; large arrays travel as transferred buffers.
 *
 * One map per kind of message, and every other type derived from them:
 * - requests (EngineRequests): renderer → engine with a requestId, answered by one event with
 *   the same requestId (or an 'error' carrying it). The client's `ask` and the host's handler
 *   table (RequestHandlers) are typed from this map, so a request without a handler or with a
 *   wrongly shaped answer does not compile.
 * - commands (EngineCommands): renderer → engine, one-way; their effects arrive as pushes.
 * - pushes (EnginePushes): engine → renderer on the engine's own schedule.
 * Adding a request: an entry in a map (here or in a protocol-* file), a handler in the host's
 * table, a method on the client; docs/architecture.md, "Boundaries", walks through it.
 */
import type { GraphIssue } from './graph-types';
import type { Project, SerializedOptimizerState, SerializedWeights } from './project-types';
import type { EpochRecord, EvalResult, EvalSplit, Evaluation, ModelSummary, ProbeFrame, ProbePoints, ProbeSubscription, TrainingState } from './protocol-data';
import type { ImageRequests } from './protocol-images';
import type { GradientCheckRequests } from './protocol-gradcheck';
import type { ExportRequests } from './protocol-interop';
import type { TraceRequests } from './protocol-trace';
import type { PaceCommands } from './protocol-pace';
import type { SurfaceRequests } from './protocol-surface';

export * from './protocol-data';
export type { ImageProbe, ImageSamples, ImageSource, NodeActivations } from './protocol-images';

export const PROTOCOL_VERSION = 1;

/** The smallest port both MessagePort flavours and worker_threads can provide. */
export interface EnginePort<In, Out> {
  on(listener: (message: In) => void): void;
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
}

/** Requests of the core protocol: `request` is the message without type and requestId, `response` the answering event without requestId. */
export interface CoreRequests {
  /** Compiles a project (replacing any loaded one); answered with 'loaded', or 'invalid' with the graph's issues. */
  load: {
    request: { project: Project; csv?: { text: string; sha256: string } };
    /** `notice`: the project's optimizerState did not fit and was ignored (why, in words). */
    response: { type: 'loaded'; summary: ModelSummary; state: TrainingState; notice?: string } | { type: 'invalid'; issues: GraphIssue[] };
  };
  /** The model's outputs for some rows (raw feature units unless `normalized`). */
  predict: {
    request: { x: Float32Array; rows: number; normalized?: boolean };
    response: { type: 'prediction'; outputs: Float32Array; rows: number; cols: number };
  };
  /** One node's values on the last training batch. */
  inspect: {
    request: { nodeId: string };
    response: {
      type: 'inspection';
      nodeId: string;
      /** Values of the last batch: rows × size each; weights by param name. */
      rows: number;
      shape: number[];
      activations: Float32Array;
      gradients: Float32Array;
      params: { name: string; shape: number[]; data: Float32Array; grad: Float32Array }[];
    };
  };
  getWeights: { request: Empty; response: { type: 'weights'; weights: SerializedWeights } };
  /** The optimiser's state for a saved file (null when none is worth keeping: no step yet, diverged). */
  getOptimizerState: { request: Empty; response: { type: 'optimizerState'; state: SerializedOptimizerState | null } };
  /** One probe frame now (see 'subscribeProbes' for frames pushed while training). */
  probe: { request: { probes: ProbeSubscription }; response: { type: 'probes'; frame: ProbeFrame } };
  /** Confusion matrix, per-class precision/recall, predictions table (first `predictions` rows, default 50) or regression scatter. */
  evaluate: { request: { split: EvalSplit; predictions?: number }; response: { type: 'evaluation'; evaluation: Evaluation } };
}

/**
 * Every request: the core ones, the image views' (protocol-images.ts), the gradient check's
 * (protocol-gradcheck.ts), File › Export's (protocol-interop.ts), the step-through's (protocol-trace.ts)
 * and the loss surface's (protocol-surface.ts).
 */
export interface EngineRequests extends CoreRequests, ImageRequests, GradientCheckRequests, ExportRequests, TraceRequests, SurfaceRequests {}

/** renderer → engine, one-way: what each command carries besides its type (paced training: protocol-pace.ts). */
export interface EngineCommands extends PaceCommands {
  /** Starts a run (continuing from the current weights when a previous run ended). */
  train: Empty;
  pause: Empty;
  resume: Empty;
  step: { unit: 'batch' | 'epoch' };
  stop: Empty;
  reset: Empty;
  setLearningRate: { value: number };
  /** Live probes: the host pushes 'probes' frames while training (null unsubscribes). */
  subscribeProbes: { probes: ProbeSubscription | null };
}

/** engine → renderer on the engine's own schedule: what each push carries besides its type. */
export interface EnginePushes {
  ready: { protocol: number };
  /** A failed request (with its requestId) or a failure of the engine's own work (without). */
  error: { requestId?: number; message: string };
  progress: {
    state: TrainingState;
    /** Epochs finished since the previous progress message. */
    epochs: EpochRecord[];
    /** (global step, batch loss) pairs since the previous message, interleaved, maybe subsampled. */
    steps: Float64Array;
  };
  done: { state: TrainingState; test?: EvalResult; message?: string };
  diverged: { state: TrainingState; message: string; nodeId: string | null };
  /** A probe frame pushed while subscribed (the answer to 'probe' has the same type and a requestId). */
  probes: { frame: ProbeFrame; requestId?: undefined };
  /** The data points to draw on the decision-boundary plane (raw feature units); null when the data is not 2-D. */
  probePoints: { points: ProbePoints | null; reason?: string };
}

/** No fields besides the message's type (and requestId). */
export type Empty = Record<never, never>;

/** Spells out an intersection as one object type (per member of a union), for readable messages. */
type Flat<T> = T extends unknown ? { [P in keyof T]: T[P] } : never;

export type RequestType = keyof EngineRequests;
export type CommandType = keyof EngineCommands;
export type PushType = keyof EnginePushes;

/** What the caller of request K supplies (the client adds type and requestId). */
export type RequestBody<K extends RequestType> = EngineRequests[K]['request'];
/** Request K on the wire. */
export type RequestOf<K extends RequestType> = Flat<{ type: K; requestId: number } & RequestBody<K>>;
/** What answers request K, as a handler returns it (the host adds the requestId). */
export type ResponseOf<K extends RequestType> = EngineRequests[K]['response'];
/** The answer to request K on the wire. */
export type AnswerOf<K extends RequestType> = Flat<ResponseOf<K> & { requestId: number }>;
export type CommandOf<K extends CommandType> = Flat<{ type: K } & EngineCommands[K]>;
export type PushOf<K extends PushType> = Flat<{ type: K } & EnginePushes[K]>;

export type EngineCommandMessage = { [K in CommandType]: CommandOf<K> }[CommandType];

/** Any request on the wire (RequestOf<RequestType> would not tell the requests apart). */
export type EngineRequestMessage = { [K in RequestType]: RequestOf<K> }[RequestType];

/** renderer → engine */
export type EngineRequest = EngineRequestMessage | EngineCommandMessage;

/** engine → renderer */
export type EngineEvent = { [K in PushType]: PushOf<K> }[PushType] | { [K in RequestType]: AnswerOf<K> }[RequestType];

/** An answer with what goes along with it: buffers to transfer rather than copy, work to do once it is posted. */
export class Reply<T> {
  constructor(
    readonly message: T,
    readonly transfer: ArrayBuffer[] = [],
    readonly afterPost?: () => void,
  ) {}
}

/** A handler's result: the answer itself, or a Reply wrapping it. */
export type ReplyOf<K extends RequestType> = ResponseOf<K> | Reply<ResponseOf<K>>;
export type RequestHandler<K extends RequestType> = (request: RequestOf<K>) => ReplyOf<K> | Promise<ReplyOf<K>>;
export type CommandHandler<K extends CommandType> = (command: CommandOf<K>) => void | Promise<void>;

/** The host's table: one handler per request, answering with that request's response. */
export type RequestHandlers = { [K in RequestType]: RequestHandler<K> };
export type CommandHandlers = { [K in CommandType]: CommandHandler<K> };
