/**
 * The status line (epoch, step, samples/s, elapsed, ETA, progress bar) and the messages a run
 * ends with: divergence (names the layer, suggests a lower learning rate), early stopping,
 * test metrics, engine errors and graph problems.
 */
import { useEffect, useState } from 'react';
import { getNodeSpec } from '../../../shared/nodes';
import type { TrainingState } from '../../../shared/protocol';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store';
import { useProjectAnalysis } from '../canvas/use-flow-elements';
import { useStore } from 'zustand';
import { engineSync } from './engine-sync';
import { formatValue, progressFraction, statusLine } from './format';

/** Status updates arrive up to 30 times a second; the text needs 5. A change of status shows at once. */
const STATUS_INTERVAL_MS = 200;

function useThrottledTraining(): TrainingState | null {
  const [state, setState] = useState(() => useTrainingStore.getState().training);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let shown = useTrainingStore.getState().training;
    const show = () => {
      timer = null;
      last = performance.now();
      shown = useTrainingStore.getState().training;
      setState(shown);
    };
    const unsubscribe = useTrainingStore.subscribe((s) => {
      if (s.training === shown) return;
      if (s.training?.status !== shown?.status || performance.now() - last >= STATUS_INTERVAL_MS) {
        if (timer) clearTimeout(timer);
        show();
      } else if (!timer) timer = setTimeout(show, STATUS_INTERVAL_MS - (performance.now() - last));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return state;
}

/** What to do when there is nothing to train: "the network has problems" would point at a blank canvas. */
export const EMPTY_CANVAS_STATUS = 'Nothing to train yet: add an Input, layers and a loss from the palette, or open a ready-made network from New ▾';

export function StatusLine() {
  const state = useThrottledTraining();
  const loading = useTrainingStore((s) => s.loading);
  const connection = useTrainingStore((s) => s.connection);
  const engineIssues = useTrainingStore((s) => s.issues.length);
  // The editor's own analysis is current at once; the engine's answer is about the project it
  // last loaded, which may be the one before (a template just opened, the load still debounced).
  const editorIssues = useProjectAnalysis().analysis.issues.length;
  const stale = useStore(engineSync, (s) => s.stale);
  const empty = useProjectStore((s) => s.project.graph.nodes.length === 0);
  const savedWeights = useProjectStore((s) => s.project.weights !== undefined);
  const fromSaved = state?.status === 'idle' && state.globalStep === 0 && savedWeights && !stale;
  const text = state
    ? statusLine(state) + (fromSaved ? ' · starts from the saved weights' : '')
    : empty
      ? EMPTY_CANVAS_STATUS
      : editorIssues > 0 || (engineIssues > 0 && !stale)
      ? 'The network has problems (see the canvas)'
      : loading || (stale && connection !== 'failed')
        ? 'Loading the project into the engine…'
        : connection === 'failed'
          ? 'The engine is not running'
          : 'Not loaded yet';
  const fraction = state ? progressFraction(state) : 0;
  return (
    <div className="bp-status">
      <div className="bp-status-row">
        <div className="bp-status-text" data-testid="status" data-status={state?.status ?? 'none'}>
          {text}
        </div>
        <FinalMetrics />
        <LiveLoss />
        <TestMetrics />
      </div>
      <div className="bp-progress" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className={`bp-progress-fill bp-progress-${state?.status ?? 'none'}`} style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}

/** The loss of the last finished epoch (or, before the first one ends, of the last step). */
function LiveLoss() {
  const epochCount = useTrainingStore((s) => s.epochCount);
  const stepCount = useTrainingStore((s) => s.stepCount);
  const { epochs, stepLosses } = useTrainingStore.getState();
  const last = epochs[epochCount - 1];
  const loss = last?.loss ?? (stepCount > 0 ? stepLosses.lastLoss : undefined);
  if (loss === undefined) return null;
  return (
    <span className="bp-pill" data-testid="live-loss" title={last ? `Training loss of epoch ${last.epoch}` : 'Loss of the last mini-batch'}>
      loss {formatValue(loss)}
    </span>
  );
}

/** The test split's metrics when a run has ended. */
function TestMetrics() {
  const test = useTrainingStore((s) => s.testMetrics);
  const status = useTrainingStore((s) => s.training?.status);
  if (!test || status === 'training') return null;
  return (
    <span className="bp-pill" data-testid="test-metrics" title="Metrics on the test split at the end of the run">
      test loss {formatValue(test.loss)}
      {test.accuracy !== undefined && <> · accuracy {formatValue(test.accuracy)}</>}
      {test.mae !== undefined && <> · MAE {formatValue(test.mae)}</>}
      {test.r2 !== undefined && <> · R² {formatValue(test.r2)}</>}
    </span>
  );
}

const metricParts = (loss: number, accuracy: number | undefined, r2: number | undefined) =>
  `loss ${formatValue(loss)}${accuracy !== undefined ? ` · accuracy ${formatValue(accuracy)}` : ''}${r2 !== undefined ? ` · R² ${formatValue(r2)}` : ''}`;

/**
 * When a run has ended (finished, stopped early or stopped), the last epoch's metrics on the
 * splits it measures — training always, validation when there is one — so a project without a
 * test split (AND, XOR, Spiral…) also ends with a result. The test split's are beside it.
 */
function FinalMetrics() {
  const status = useTrainingStore((s) => s.training?.status);
  const count = useTrainingStore((s) => s.epochCount);
  const last = useTrainingStore((s) => (s.epochCount > 0 ? s.epochs[s.epochCount - 1] : undefined));
  if (!last || count === 0 || !(status === 'finished' || status === 'stoppedEarly' || status === 'stopped')) return null;
  return (
    <span className="bp-pill" data-testid="final-metrics" title={`Metrics of the last finished epoch (${last.epoch}): training as measured during the epoch, validation after it`}>
      training {metricParts(last.loss, last.accuracy, last.r2)}
      {last.valLoss !== undefined && <> · validation {metricParts(last.valLoss, last.valAccuracy, last.valR2)}</>}
    </span>
  );
}

/** Layer names for messages: the node's label or type and its id. */
function nodeName(nodeId: string): string {
  const node = useProjectStore.getState().project.graph.nodes.find((n) => n.id === nodeId);
  return node ? `${node.label ?? getNodeSpec(node.type)?.label ?? node.type} '${nodeId}'` : `'${nodeId}'`;
}

export function RunMessages() {
  const divergence = useTrainingStore((s) => s.divergence);
  const done = useTrainingStore((s) => s.doneMessage);
  const error = useTrainingStore((s) => s.lastError);
  const notice = useTrainingStore((s) => s.notice);
  const lr = useTrainingStore((s) => s.training?.learningRate ?? null);
  const store = useTrainingStore.getState();
  return (
    <div className="bp-messages">
      {divergence && (
        <div className="bp-msg bp-msg-error" role="alert" data-testid="divergence">
          <strong>Training diverged{divergence.nodeId ? ` in ${nodeName(divergence.nodeId)}` : ''} — the run has ended (status: Diverged).</strong>{' '}
          {divergence.message.replace(/\. help: .*$/, '.')} Try a lower learning rate{lr ? ` than ${formatValue(lr)} (e.g. ${formatValue(lr / 10)})` : ''} and press Train to start again from the seed
          (normalising the inputs also helps).
          {divergence.nodeId && (
            <button type="button" className="bp-link" onClick={() => useProjectStore.getState().setSelection({ nodes: [divergence.nodeId!], edges: [] })}>
              Show the layer
            </button>
          )}
        </div>
      )}
      {done && (
        <div className="bp-msg bp-msg-info" data-testid="done-message">
          {done}
        </div>
      )}
      {error && (
        <div className="bp-msg bp-msg-error" role="alert">
          {error}
          <button type="button" className="bp-link" onClick={() => store.clearError()}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="bp-msg bp-msg-info">
          {notice}
          <button type="button" className="bp-link" onClick={() => store.clearNotice()}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
