/**
 * Looking inside a node: histograms of its activations, its pre-activations (an activation
 * node's input, i.e. its source's output) and its gradients on the current training batch,
 * and its weight matrices as heatmaps. The node is the one selected on the canvas, or the one
 * picked here. Refreshes about twice a second while training and after every step.
 */
import { useEffect, useMemo, useState } from 'react';
import { getNodeSpec } from '../../../../shared/nodes';
import { useTrainingStore, type Inspection } from '../../engine-client';
import { useProjectStore } from '../../store';
import { useTrainingView } from '../live';
import { HistogramView } from './HistogramView';
import { WeightHeatmap } from './WeightHeatmap';
import { GradientCheck } from './GradientCheck';

const REFRESH_MS = 500;

/** The inspectable nodes of the loaded model (not losses: they have no activations). */
function useInspectable(): { id: string; label: string }[] {
  const summary = useTrainingStore((s) => s.summary);
  return useMemo(
    () => (summary?.layers ?? []).filter((l) => getNodeSpec(l.type)?.category !== 'loss').map((l) => ({ id: l.id, label: `${l.id} · ${l.label} [${l.shape.join('×')}]` })),
    [summary],
  );
}

/** A Dense layer's tensors, the focused one first (the gradient check opens on it). */
function focusParams(param: string): string[] {
  return param === 'bias' ? ['bias', 'kernel'] : ['kernel', 'bias'];
}

export function NodeInspector() {
  const nodes = useInspectable();
  const selected = useProjectStore((s) => s.selection.nodes[0] ?? null);
  const picked = useTrainingView((s) => s.inspectNodeId);
  const graph = useProjectStore((s) => s.project.graph);
  const step = useTrainingStore((s) => s.training?.globalStep ?? 0);
  const status = useTrainingStore((s) => s.training?.status ?? null);
  const ids = nodes.map((n) => n.id);
  const nodeId = selected && ids.includes(selected) ? selected : picked && ids.includes(picked) ? picked : (nodes.find((n) => n.id !== 'x' && n.label.includes('Dense'))?.id ?? nodes[0]?.id ?? null);
  const sourceId = useMemo(() => {
    const type = graph.nodes.find((n) => n.id === nodeId)?.type;
    if (!type || getNodeSpec(type)?.category !== 'activation') return null;
    return graph.edges.find((e) => e.target === nodeId)?.source ?? null;
  }, [graph, nodeId]);
  const [ins, setIns] = useState<Inspection | null>(null);
  const [pre, setPre] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const focus = useTrainingView((s) => s.gradientCheckFocus);

  useEffect(() => {
    if (status !== 'training') return;
    const t = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(t);
  }, [status]);

  useEffect(() => {
    if (!nodeId || step === 0) {
      setIns(null);
      setPre(null);
      return;
    }
    let cancelled = false;
    const store = useTrainingStore.getState();
    Promise.all([store.inspect(nodeId), sourceId ? store.inspect(sourceId) : Promise.resolve(null)])
      .then(([a, b]) => {
        if (cancelled) return;
        setIns(a);
        setPre(b);
        setError(null);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
    // Training: refresh on the timer; paused/stepping: on every new step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodeId, sourceId, status === 'training' ? tick : step]);

  // The engine keeps the last training batch's values across its evaluation passes
  // (Trainer.evaluate and the probes restore them), so activations and gradients match.
  const gradients = ins?.gradients ?? null;

  if (nodes.length === 0) return <div className="bp-empty">Load a project to look inside its nodes.</div>;
  return (
    <div className="bp-inside" data-testid="node-inspector">
      <div className="bp-row">
        <label>
          Node{' '}
          <select value={nodeId ?? ''} onChange={(e) => useTrainingView.getState().set({ inspectNodeId: e.target.value })} data-testid="inspect-node">
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </label>
        <span className="bp-hint">{selected && ids.includes(selected) ? 'following the canvas selection' : 'click a node on the canvas to follow it'}</span>
      </div>
      {error && <div className="bp-msg bp-msg-error">{error}</div>}
      {!ins ? (
        <>
          <div className="bp-empty">Take a step (or train) to see this node's values on the current batch.</div>
          {focus && focus.nodeId === nodeId && <GradientCheck nodeId={nodeId} params={focusParams(focus.param)} />}
        </>
      ) : (
        <>
          <div className="bp-hint">
            {`Batch of ${ins.rows} samples at step ${step}`}
          </div>
          <div className="bp-hists">
            <HistogramView title={`Activations (output of ${ins.nodeId})`} values={ins.activations} testId="hist-activations" />
            {pre && <HistogramView title={`Pre-activations (output of ${pre.nodeId})`} values={pre.activations} color="#825ac8" testId="hist-preactivations" />}
            <HistogramView title="Gradients ∂L/∂output" values={gradients} color="#f59322" testId="hist-gradients" />
            {ins.params.map((p) => (
              <HistogramView key={`g-${p.name}`} title={`∂L/∂${p.name}`} values={p.grad} color="#c43e96" />
            ))}
          </div>
          <div className="bp-weight-maps">
            {ins.params.map((p) => (
              <WeightHeatmap key={p.name} name={p.name} shape={p.shape} data={p.data} />
            ))}
            {ins.params.length === 0 && <div className="bp-hint">This node has no weights.</div>}
          </div>
          <GradientCheck nodeId={ins.nodeId} params={ins.params.map((p) => p.name)} />
        </>
      )}
    </div>
  );
}
