/**
 * useTrainingStore: what the training panels show, fed by an EngineClient. One set() per
 * engine message. The history is append-only and mutated in place (a long run has up to a
 * million epochs and far more steps): `epochs` and `stepLosses` keep their identity while
 * `epochCount`, `stepCount` and `historyVersion` change, so select those to re-render (or use
 * useEpochHistory / useStepLosses from ./hooks).
 */
import type { ExportedModel, ModelExportFormat } from '../../../shared/protocol-interop';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { GraphIssue } from '../../../shared/graph-types';
import type { Project, SerializedOptimizerState, SerializedWeights } from '../../../shared/project-types';
import type { GradientCheckResult } from '../../../shared/protocol-gradcheck';
import type { StepTrace } from '../../../shared/protocol-trace';
import type { TrainingPace } from '../../../shared/protocol-pace';
import type { LossSurface, SurfacePathSpec, WeightRef } from '../../../shared/protocol-surface';
import type { EpochRecord, EvalResult, Evaluation, EvalSplit, ImageProbe, ImageSamples, ImageSource, ModelSummary, ProbeFrame, ProbePoints, ProbeSubscription, TrainingState } from '../../../shared/protocol';
import type { ClientEvent, ConnectionState, CsvInput, EngineClient, Inspection, LoadResult, Prediction } from './client';
import { imageRequests } from './image-requests';
import { StepLossSeries } from './step-losses';

export interface TrainingData {
  connection: ConnectionState;
  /** A load is on its way to the engine. */
  loading: boolean;
  /** The compiled model; null before a successful load (or after an invalid one). */
  summary: ModelSummary | null;
  /** Status, epoch, step, learning rate, samples/s, elapsed time; null when nothing is loaded. */
  training: TrainingState | null;
  /** Finished epochs of the current run, in order. Append-only, same array until the run restarts. */
  epochs: EpochRecord[];
  epochCount: number;
  /** Batch losses of the current run (growable typed arrays). */
  stepLosses: StepLossSeries;
  stepCount: number;
  /** Changes whenever `epochs` or `stepLosses` change (including a clear). */
  historyVersion: number;
  /** Problems the engine found in the graph, all of them and keyed by node id. */
  issues: GraphIssue[];
  issuesByNode: Record<string, GraphIssue[]>;
  /** The last error (a failed load, a refused command, an engine that will not start). */
  lastError: string | null;
  divergence: { message: string; nodeId: string | null } | null;
  /** Said when a run ends by itself (early stopping explains itself here). */
  doneMessage: string | null;
  /** Metrics on the test split when a run ends. */
  testMetrics: EvalResult | null;
  /** "The engine stopped after N finished epochs and was restarted; your project is unchanged." */
  notice: string | null;
  /** The latest frame the engine pushed for subscribeProbes (decision boundary, norms, network). */
  probeFrame: ProbeFrame | null;
  /** The data points for the decision-boundary plane; null with a reason when the data is not 2-D. */
  probePoints: ProbePoints | null;
  probePointsReason: string | null;
}

export interface TrainingActions {
  /** Starts the engine now (otherwise it starts on the first request). */
  connect(): void;
  load(project: Project, csv?: CsvInput): Promise<LoadResult>;
  train(): void;
  pause(): void;
  resume(): void;
  step(unit: 'batch' | 'epoch'): void;
  stop(): void;
  reset(): void;
  setLearningRate(value: number): void;
  /** The loss over two weights and optimiser paths from the current weights (protocol-surface.ts). */
  lossSurface(weights: [WeightRef, WeightRef], paths: SurfacePathSpec[], resolution: number): Promise<LossSurface>;
  /** How fast training runs and whether it ignores the epoch limit (protocol-pace.ts). */
  setPace(pace: TrainingPace, untilStopped: boolean): void;
  predict(x: Float32Array, rows: number, normalized?: boolean): Promise<Prediction>;
  inspect(nodeId: string): Promise<Inspection>;
  /** Backprop against finite differences for some weights of one tensor, on a fixed batch. */
  /** `include`: a weight index to check besides the spread ones (the step-through's "Check this gradient"). */
  gradientCheck(nodeId: string, param: string, epsilon: number, count?: number, include?: number): Promise<GradientCheckResult>;
  /** The step-through: one training step's stages on training row `sample`, from the current weights (the run is not changed). */
  trace(sample: number, rows?: number): Promise<StepTrace>;
  getWeights(): Promise<SerializedWeights>;
  /** The optimiser's state to save with the weights (null: none worth keeping). */
  getOptimizerState(): Promise<SerializedOptimizerState | null>;
  /** File › Export › ONNX… / PyTorch Script…: the files, built by the engine from the loaded model. */
  exportModel(format: ModelExportFormat, fileName: string): Promise<ExportedModel>;
  /** Live probe frames while training (null stops them); kept across engine restarts. */
  subscribeProbes(probes: ProbeSubscription | null): void;
  probe(probes: ProbeSubscription): Promise<ProbeFrame>;
  evaluate(split: EvalSplit, predictions?: number): Promise<Evaluation>;
  /** Image views (protocol-images.ts): samples of a split, node outputs for some rows, hand-set weights. */
  sampleImages(split: EvalSplit, start: number, count: number): Promise<ImageSamples>;
  probeImage(nodeIds: string[], source: ImageSource): Promise<ImageProbe>;
  setParam(nodeId: string, name: string, data: Float32Array): Promise<void>;
  clearError(): void;
  clearNotice(): void;
}

export type TrainingStore = TrainingData & TrainingActions;
export type TrainingStoreHook = UseBoundStore<StoreApi<TrainingStore>>;

const TERMINAL = new Set<TrainingState['status']>(['finished', 'stoppedEarly', 'stopped', 'diverged']);

function initialData(connection: ConnectionState): TrainingData {
  return {
    connection,
    loading: false,
    summary: null,
    training: null,
    epochs: [],
    epochCount: 0,
    stepLosses: new StepLossSeries(),
    stepCount: 0,
    historyVersion: 0,
    issues: [],
    issuesByNode: {},
    lastError: null,
    divergence: null,
    doneMessage: null,
    testMetrics: null,
    notice: null,
    probeFrame: null,
    probePoints: null,
    probePointsReason: null,
  };
}

export function groupIssues(issues: GraphIssue[]): Record<string, GraphIssue[]> {
  const out: Record<string, GraphIssue[]> = {};
  for (const issue of issues) if (issue.nodeId) (out[issue.nodeId] ??= []).push(issue);
  return out;
}

/**
 * A training store over the client `getClient` returns (called on first use, so a page can
 * create the engine lazily). `getClient` may throw when no engine exists here (jsdom tests).
 */
export function createTrainingStore(getClient: () => EngineClient): TrainingStoreHook {
  let client: EngineClient | null = null;
  return create<TrainingStore>()((set, get) => {
    const engine = (): EngineClient => {
      if (client) return client;
      const c = getClient();
      client = c;
      set({ connection: c.connection });
      c.subscribe((event) => apply(event));
      return c;
    };
    /** Empties the run history in place; returns the fields that say so. */
    const clearHistory = (): Partial<TrainingData> => {
      const s = get();
      s.epochs.length = 0;
      s.stepLosses.clear();
      return { epochCount: 0, stepCount: 0, historyVersion: s.historyVersion + 1 };
    };
    const runEnded = { divergence: null, doneMessage: null, testMetrics: null };
    const unloaded = { summary: null, training: null, issues: [], issuesByNode: {}, probeFrame: null, probePoints: null, probePointsReason: null, ...runEnded };

    /** Progress-like events: history and state in one update. */
    const advance = (state: TrainingState, epochs: EpochRecord[], steps: Float64Array | null): Partial<TrainingData> => {
      const s = get();
      const prev = s.training;
      const newRun = prev !== null && state.globalStep < prev.globalStep;
      const patch: Partial<TrainingData> = newRun ? { ...clearHistory(), ...runEnded } : {};
      if (!newRun && state.status === 'training' && prev && TERMINAL.has(prev.status)) Object.assign(patch, runEnded);
      if (epochs.length || (steps && steps.length)) {
        for (const e of epochs) s.epochs.push(e);
        if (steps) s.stepLosses.append(steps);
        Object.assign(patch, { epochCount: s.epochs.length, stepCount: s.stepLosses.length, historyVersion: (patch.historyVersion ?? s.historyVersion) + 1 });
      }
      patch.training = state;
      return patch;
    };

    const apply = (event: ClientEvent): void => {
      switch (event.type) {
        case 'connection':
          return set(event.message ? { connection: event.state, lastError: event.message } : { connection: event.state });
        case 'loading':
          return set({ loading: true });
        case 'loaded':
          return set({ ...clearHistory(), ...unloaded, loading: false, summary: event.summary, training: event.state, lastError: null, ...(event.notice ? { notice: event.notice } : {}) });
        case 'invalid':
          return set({ ...clearHistory(), ...unloaded, loading: false, issues: event.issues, issuesByNode: groupIssues(event.issues) });
        case 'loadError':
          return set({ ...clearHistory(), ...unloaded, loading: false, lastError: event.message });
        case 'error':
          return set({ lastError: event.message });
        case 'restarted':
          return set({ notice: event.message });
        case 'progress':
          return set(advance(event.state, event.epochs, event.steps));
        case 'done':
          return set({ ...advance(event.state, [], null), testMetrics: event.test ?? null, doneMessage: event.message ?? null });
        case 'diverged':
          return set({ ...advance(event.state, [], null), divergence: { message: event.message, nodeId: event.nodeId } });
        case 'probes':
          return set({ probeFrame: event.frame });
        case 'probePoints':
          return set({ probePoints: event.points, probePointsReason: event.reason ?? null });
      }
    };

    /** Runs `fn` on the engine; a missing engine becomes lastError instead of an exception. */
    const withEngine = (fn: (c: EngineClient) => void): void => {
      try {
        fn(engine());
      } catch (e) {
        set({ lastError: e instanceof Error ? e.message : String(e) });
      }
    };
    const command = (c: Parameters<EngineClient['send']>[0]) => withEngine((e) => e.send(c));

    return {
      ...initialData('connecting'),
      connect: () => withEngine(() => {}),
      load: async (project, csv) => {
        try {
          return await engine().load(project, csv);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          set({ lastError: message });
          return { type: 'error', message };
        }
      },
      train: () => command({ type: 'train' }),
      pause: () => command({ type: 'pause' }),
      resume: () => command({ type: 'resume' }),
      step: (unit) => command({ type: 'step', unit }),
      stop: () => command({ type: 'stop' }),
      reset: () => command({ type: 'reset' }),
      setLearningRate: (value) => command({ type: 'setLearningRate', value }),
      setPace: (pace, untilStopped) => command({ type: 'setPace', pace, untilStopped }),
      lossSurface: async (weights, paths, resolution) => (await engine().ask({ type: 'lossSurface', weights, paths, resolution })).surface,
      predict: async (x, rows, normalized) => engine().predict(x, rows, normalized),
      inspect: async (nodeId) => engine().inspect(nodeId),
      gradientCheck: async (nodeId, param, epsilon, count, include) => engine().gradientCheck(nodeId, param, epsilon, count, include),
      trace: async (sample, rows) => engine().trace(sample, rows),
      getWeights: async () => engine().getWeights(),
      getOptimizerState: async () => engine().getOptimizerState(),
      exportModel: (format, fileName) => engine().ask({ type: 'exportModel', format, fileName }),
      subscribeProbes: (probes) => withEngine((e) => e.subscribeProbes(probes)),
      probe: async (probes) => engine().probe(probes),
      evaluate: async (split, predictions) => engine().evaluate(split, predictions),
      sampleImages: async (split, start, count) => imageRequests(engine()).sampleImages(split, start, count),
      probeImage: async (nodeIds, source) => imageRequests(engine()).probeImage(nodeIds, source),
      setParam: async (nodeId, name, data) => imageRequests(engine()).setParam(nodeId, name, data),
      clearError: () => set({ lastError: null }),
      clearNotice: () => set({ notice: null }),
    };
  });
}
