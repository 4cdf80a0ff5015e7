/**
 * Step through backprop: one training step on one sample, stage by stage (forward per layer,
 * loss, backward per layer, update), as the engine computed it. The network is drawn with its
 * neurons coloured by the stage's values (a forward, Δ backward) and its connections by weight,
 * or by gradient in the backward pass; the panel beside it writes the stage's formula with the
 * numbers substituted for the neuron or weight under the pointer.
 */
import { useEffect } from 'react';
import type { BackwardStage, ForwardStage, StepTrace, UpdateStage } from '../../../../shared/protocol-trace';
import { useTrainingStore } from '../../engine-client';
import { useProjectStore } from '../../store';
import { css, diverging, NEGATIVE, POSITIVE } from '../colormap';
import { useTrainingView } from '../live';
import { defaultFocus, explain, layerOf, NOTATIONS, num, SHOWN_UNITS, stageTitle, stageValues, widthsOf, type Focus, type Notation } from './notation';
import { StepMaps } from './StepMaps';
import { moveStage, startStepThrough, useStepThrough } from './store';

/** Networks with Conv2D or pooling layers are shown as maps (StepMaps), the others neuron by neuron. */
const hasMaps = (trace: StepTrace): boolean => trace.layers.some((l) => l.kind !== 'dense');
import './step-through.css';

export function StepThroughView() {
  const { trace, index, sample, rows, row, notation, focus, busy, error } = useStepThrough();
  const trainRows = useTrainingStore((s) => s.summary?.train ?? 0);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement | null)?.closest('input, select, textarea')) return;
      if (e.key === 'ArrowRight') moveStage(1);
      if (e.key === 'ArrowLeft') moveStage(-1);
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);
  const last = trace ? trace.stages.length : 0;
  return (
    <div className="bp-step" data-testid="step-view">
      <div className="bp-row">
        <button type="button" className="bp-btn" data-testid="step-back" disabled={!trace || index === 0} onClick={() => moveStage(-1)} title="Previous stage (←)">
          ◀ Back
        </button>
        <button type="button" className="bp-btn bp-primary" data-testid="step-next" disabled={!trace || index >= last} onClick={() => moveStage(1)} title="Next stage (→)">
          Next ▶
        </button>
        <span className="bp-step-title" data-testid="step-stage">{trace ? stageTitle(trace, index) : busy ? 'Tracing…' : ''}</span>
        <label>
          Sample{' '}
          <input
            type="number"
            min={0}
            max={Math.max(0, trainRows - 1)}
            value={sample}
            data-testid="step-sample"
            className="bp-step-sample"
            onChange={(e) => {
              const v = Math.floor(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0 && v < Math.max(1, trainRows)) void startStepThrough(v);
            }}
          />
          <span className="bp-hint"> of {trainRows} training rows</span>
        </label>
        <label title="A mini-batch: this many training rows from the sample on, in one step">
          Rows{' '}
          <input
            type="number"
            min={1}
            max={Math.max(1, Math.min(MAX_ROWS, trainRows - sample))}
            value={rows}
            data-testid="step-rows"
            className="bp-step-sample"
            onChange={(e) => {
              const v = Math.floor(Number(e.target.value));
              if (Number.isFinite(v) && v >= 1 && v <= Math.min(MAX_ROWS, trainRows - sample)) void startStepThrough(sample, v);
            }}
          />
        </label>
        {rows > 1 && (
          <label>
            Show row{' '}
            <select value={row} data-testid="step-row" onChange={(e) => useStepThrough.getState().set({ row: Number(e.target.value) })}>
              {Array.from({ length: rows }, (_, r) => (
                <option key={r} value={r}>
                  {sample + r}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Notation{' '}
          <select value={notation} data-testid="step-notation" onChange={(e) => useStepThrough.getState().set({ notation: e.target.value as Notation })}>
            {NOTATIONS.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="bp-btn" onClick={() => void startStepThrough(sample)} title="Trace again from the current weights">
          ↻ Retrace
        </button>
      </div>
      {error && <div className="bp-msg bp-msg-error" data-testid="step-error">{error}</div>}
      {trace && hasMaps(trace) && <StepMaps trace={trace} index={index} row={Math.min(row, trace.rows - 1)} />}
      {trace && !hasMaps(trace) && (
        <div className="bp-step-body">
          <StepNetwork trace={trace} index={index} focus={focus ?? defaultFocus(trace, index)} row={Math.min(row, trace.rows - 1)} />
          <StepPanel trace={trace} index={index} focus={focus} notation={notation} row={Math.min(row, trace.rows - 1)} />
        </div>
      )}
      {!trace && !error && !busy && <div className="bp-empty">Press Step through to trace one training step of this network.</div>}
    </div>
  );
}

function StepPanel({ trace, index, focus, notation, row }: { trace: StepTrace; index: number; focus: Focus | null; notation: Notation; row: number }) {
  const lines = explain(trace, index, focus, notation, row);
  const values = stageValues(trace, index, notation, row);
  const stage = trace.stages[index];
  const checkable = stage && (stage.stage === 'backward' || stage.stage === 'update') ? stage.node : null;
  const f = focus ?? defaultFocus(trace, index);
  return (
    <aside className="bp-step-panel" data-testid="step-panel" aria-live="polite">
      <div className="bp-section-title">{stageTitle(trace, index)}</div>
      <pre className="bp-step-formula">{lines.join('\n')}</pre>
      <div className="bp-step-values">
        {values.map((v) => (
          <div key={v}>{v}</div>
        ))}
      </div>
      {checkable && f && (
        <button type="button" className="bp-btn" data-testid="step-check-gradient" onClick={() => checkGradient(trace, checkable, f)} title="Compare backprop's ∂L/∂w with finite differences (Inside a node)">
          Check this gradient
        </button>
      )}
      <div className="bp-hint">Point at a neuron or a connection to see its formula. ← → move between stages.</div>
    </aside>
  );
}

/** Opens the gradient check (Inside a node) on the weight in focus: its layer, tensor and index. */
function checkGradient(trace: StepTrace, node: string, focus: Focus): void {
  const layer = trace.layers.find((l) => l.node === node)!;
  const param = focus.kind === 'weight' ? 'kernel' : 'bias';
  const index = focus.kind === 'weight' ? focus.from * layer.units + focus.to : focus.unit;
  useProjectStore.getState().setSelection({ nodes: [node], edges: [] });
  useTrainingView.getState().set({ tab: 'inside', inspectNodeId: node, gradientCheckFocus: { nodeId: node, param, index } });
}

// ------------------------------------------------------------------------------------------
// The network drawing.

/** Largest mini-batch the step-through traces (the formulas show one row at a time). */
const MAX_ROWS = 64;

const W = 440;
const H = 250;
const R = 14;

interface Column {
  x: number;
  units: number;
  shown: number;
  y(u: number): number;
}

function columnsOf(trace: StepTrace): Column[] {
  const widths = widthsOf(trace);
  const gap = (W - 100) / Math.max(1, widths.length - 1);
  return widths.map((units, c) => {
    const shown = Math.min(units, SHOWN_UNITS);
    const slots = shown + (units > shown ? 1 : 0);
    const step = Math.min(2 * R + 14, (H - 40) / Math.max(1, slots));
    const top = H / 2 - ((slots - 1) * step) / 2;
    return { x: 50 + c * gap, units, shown, y: (u: number) => top + u * step };
  });
}

/** The value a neuron is coloured by at this stage (batch row `row`), or null (grey). */
function neuronValue(trace: StepTrace, index: number, column: number, unit: number, row: number): number | null {
  const stage = trace.stages[index];
  const forward = trace.stages.filter((s): s is ForwardStage => s.stage === 'forward');
  if (column === 0) return forward[0]!.x[row * trace.layers[0]!.inputs + unit]!;
  const k = column - 1;
  const at = row * trace.layers[k]!.units + unit;
  if (stage?.stage === 'backward') {
    const current = layerOf(trace, stage)!;
    if (k < current) return null;
    const b = trace.stages.find((s): s is BackwardStage => s.stage === 'backward' && s.node === trace.layers[k]!.node)!;
    return b.delta[at]!;
  }
  const reached = stage?.stage === 'forward' ? layerOf(trace, stage)! : trace.layers.length;
  return k <= reached ? forward[k]!.a[at]! : null;
}

/** The connection values drawn at this stage: weights (gradients in the backward pass of that layer). */
function edgeValues(trace: StepTrace, index: number, k: number): { values: number[][]; gradient: boolean; active: boolean } {
  const stage = trace.stages[index];
  const node = trace.layers[k]!.node;
  const update = trace.stages.find((s): s is UpdateStage => s.stage === 'update' && s.node === node)!;
  if (stage?.stage === 'backward' && stage.node === node) return { values: stage.grads!.kernel, gradient: true, active: true };
  const updated = index >= trace.stages.length || (stage?.stage === 'update' && trace.stages.indexOf(update) <= index);
  return { values: updated ? update.after.kernel : update.before.kernel, gradient: false, active: stage?.node === node };
}

function StepNetwork({ trace, index, focus, row }: { trace: StepTrace; index: number; focus: Focus | null; row: number }) {
  const cols = columnsOf(trace);
  const set = useStepThrough.getState().set;
  // One colour scale per column: inputs, activations and Δ differ by orders of magnitude.
  const scales = cols.map((col, c) => {
    let m = 1e-9;
    for (let u = 0; u < col.shown; u++) m = Math.max(m, Math.abs(neuronValue(trace, index, c, u, row) ?? 0));
    return m;
  });
  return (
    <svg className="bp-step-net" viewBox={`0 0 ${W} ${H}`} width={W} height={H} data-testid="step-network">
      {trace.layers.map((layer, k) => {
        const from = cols[k]!;
        const to = cols[k + 1]!;
        const { values, gradient, active } = edgeValues(trace, index, k);
        let max = 1e-9;
        for (const row of values) for (const v of row) max = Math.max(max, Math.abs(v));
        const edges = [];
        for (let i = 0; i < from.shown; i++) {
          for (let j = 0; j < to.shown; j++) {
            const v = values[i]![j]!;
            const t = Math.abs(v) / max;
            const focused = focus?.kind === 'weight' && focus.column === k + 1 && focus.from === i && focus.to === j;
            edges.push(
              <g key={`${k}-${i}-${j}`} onMouseEnter={() => set({ focus: { kind: 'weight', column: k + 1, from: i, to: j } })}>
                <line x1={from.x + R} y1={from.y(i)} x2={to.x - R} y2={to.y(j)} stroke="transparent" strokeWidth={10} />
                <line
                  x1={from.x + R}
                  y1={from.y(i)}
                  x2={to.x - R}
                  y2={to.y(j)}
                  stroke={css(v >= 0 ? POSITIVE : NEGATIVE, (active ? 0.35 : 0.15) + 0.6 * t)}
                  strokeWidth={focused ? 4.5 : 0.8 + 3 * t}
                  strokeDasharray={gradient ? '5 3' : undefined}
                  data-testid={`step-edge-${layer.node}-${i}-${j}`}
                />
              </g>,
            );
          }
        }
        return <g key={layer.node}>{edges}</g>;
      })}
      {cols.map((col, c) => (
        <g key={c}>
          <text x={col.x} y={14} textAnchor="middle" className="bp-step-coltitle">
            {c === 0 ? 'input' : trace.layers[c - 1]!.node}
          </text>
          {Array.from({ length: col.shown }, (_, u) => {
            const v = neuronValue(trace, index, c, u, row);
            const focused = focus?.kind === 'neuron' && focus.column === c && focus.unit === u;
            return (
              <g key={u} onMouseEnter={() => set({ focus: { kind: 'neuron', column: c, unit: u } })} data-testid={`step-neuron-${c}-${u}`}>
                <circle cx={col.x} cy={col.y(u)} r={R} fill={v === null ? '#dde1e4' : css(diverging(v / scales[c]!))} className={focused ? 'is-focused' : undefined} />
                <text x={col.x} y={col.y(u) + R + 11} textAnchor="middle" className="bp-step-value">
                  {v === null ? '' : num(v)}
                </text>
              </g>
            );
          })}
          {col.units > col.shown && (
            <text x={col.x} y={col.y(col.shown) + 4} textAnchor="middle" className="bp-step-more">
              … {col.units - col.shown} more
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
