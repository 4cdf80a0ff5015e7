/**
 * The step-through of a network with Conv2D or pooling layers: each stage's values drawn as small
 * heatmaps, one per feature map (or per filter and channel for kernels), in the diverging colours
 * of the Images tab; the side panel gives the value of the cell under the pointer. Dense layers in
 * the same network appear as a one-row strip of neurons (and their kernel as an inputs × units map).
 */
import { useState } from 'react';
import type { StepTrace, TraceMaps, TraceStage } from '../../../../shared/protocol-trace';
import { css, diverging } from '../colormap';
import { num, stageTitle } from './notation';

/** How many maps of a group are drawn; the rest are summarised as "… n more". */
const SHOWN_MAPS = 8;

/** A group of 2-D maps that share one colour scale: e.g. the stage's activation maps. */
interface MapGroup {
  id: string;
  label: string;
  /** maps[m][y][x], with each map's name ("map 2", "filter 1 · channel 0"). */
  maps: number[][][];
  names: string[];
}

interface Pointed {
  group: string;
  map: string;
  y: number;
  x: number;
  value: number;
}

export function StepMaps({ trace, index, row }: { trace: StepTrace; index: number; row: number }) {
  const [pointed, setPointed] = useState<Pointed | null>(null);
  const groups = groupsOf(trace, trace.stages[index], row);
  const stage = trace.stages[index];
  return (
    <div className="bp-step-body">
      <div className="bp-step-maps" data-testid="step-maps" onMouseLeave={() => setPointed(null)}>
        {groups.map((g) => (
          <MapGroupView key={g.id} group={g} onPoint={setPointed} />
        ))}
        {groups.length === 0 && <div className="bp-hint">No maps at this stage.</div>}
      </div>
      <aside className="bp-step-panel" data-testid="step-panel" aria-live="polite">
        <div className="bp-section-title">{stageTitle(trace, index)}</div>
        <pre className="bp-step-formula">{summary(trace, stage, row).join('\n')}</pre>
        {pointed ? (
          <div className="bp-step-values" data-testid="step-cell">
            {`${pointed.group}, ${pointed.map}, row ${pointed.y}, column ${pointed.x}: ${num(pointed.value)}`}
          </div>
        ) : (
          <div className="bp-hint">Point at a cell of a map to read its value. ← → move between stages.</div>
        )}
      </aside>
    </div>
  );
}

function MapGroupView({ group, onPoint }: { group: MapGroup; onPoint: (p: Pointed) => void }) {
  const halfRange = Math.max(1e-6, ...group.maps.map((m) => Math.max(...m.flat().map(Math.abs))));
  const shown = group.maps.slice(0, SHOWN_MAPS);
  return (
    <div className="bp-step-mapgroup" data-testid={`step-maps-${group.id}`}>
      <div className="bp-step-coltitle">
        {group.label} <span className="bp-hint">(colour scale ±{num(halfRange)})</span>
      </div>
      <div className="bp-step-maprow">
        {shown.map((m, k) => {
          const h = m.length;
          const w = m[0]?.length ?? 0;
          const cell = Math.max(3, Math.min(28, Math.floor(112 / Math.max(h, w, 1))));
          return (
            <figure key={k} className="bp-step-map">
              <svg width={w * cell} height={h * cell} data-testid={`step-map-${group.id}-${k}`} role="img" aria-label={`${group.label}, ${group.names[k]}`}>
                {m.map((values, y) =>
                  values.map((v, x) => (
                    <rect
                      key={`${y}-${x}`}
                      x={x * cell}
                      y={y * cell}
                      width={cell}
                      height={cell}
                      fill={css(diverging(v / halfRange))}
                      data-testid={`step-cell-${group.id}-${k}-${y}-${x}`}
                      onMouseEnter={() => onPoint({ group: group.label, map: group.names[k]!, y, x, value: v })}
                    />
                  )),
                )}
              </svg>
              <figcaption className="bp-hint">{group.names[k]}</figcaption>
            </figure>
          );
        })}
        {group.maps.length > shown.length && <span className="bp-step-more">… {group.maps.length - shown.length} more</span>}
      </div>
    </div>
  );
}

const mapNames = (maps: number[][][], word: string): string[] => maps.map((_, m) => `${word} ${m}`);

/** The maps of one row: maps[row] of a TraceMaps. */
function rowMaps(id: string, label: string, maps: TraceMaps | null | undefined, row: number, word = 'map'): MapGroup[] {
  const m = maps?.[row];
  return m ? [{ id, label, maps: m, names: mapNames(m, word) }] : [];
}

/** Flat per-neuron values of one row as a one-row strip. */
function strip(id: string, label: string, values: readonly number[], units: number, row: number): MapGroup {
  return { id, label, maps: [[values.slice(row * units, (row + 1) * units)]], names: [`${units} neurons`] };
}

/** Conv filters [f][c][ky][kx] as one map per filter and channel; a Dense kernel as one inputs × units map. */
function weightGroups(id: string, label: string, w: { kernel: number[][]; filters?: TraceMaps }): MapGroup[] {
  if (!w.filters) return [{ id, label, maps: [w.kernel], names: ['inputs × neurons'] }];
  const maps: number[][][] = [];
  const names: string[] = [];
  w.filters.forEach((f, fi) => f.forEach((c, ci) => {
    maps.push(c);
    names.push(f.length === 1 ? `filter ${fi}` : `filter ${fi} · channel ${ci}`);
  }));
  return [{ id, label, maps, names }];
}

function groupsOf(trace: StepTrace, stage: TraceStage | undefined, row: number): MapGroup[] {
  if (!stage || stage.stage === 'loss') return [];
  const layer = trace.layers.find((l) => l.node === stage.node)!;
  const units = layer.units;
  if (stage.stage === 'forward') {
    if (!stage.maps) return [strip('in', `in (${layer.node})`, stage.in, units, row), ...(layer.activationNode ? [strip('a', `a (${layer.activationNode})`, stage.a, units, row)] : [])];
    return [
      ...rowMaps('x', `input (${layer.inputNode})`, stage.maps.x, row),
      ...rowMaps('in', layer.activationNode ? `in: before ${layer.activation}` : `output (${layer.node})`, stage.maps.in, row),
      ...(layer.activationNode ? rowMaps('a', `a: after ${layer.activation}`, stage.maps.a, row) : []),
    ];
  }
  if (stage.stage === 'backward') {
    const grads = stage.grads ? weightGroups('grad', '∂L/∂K (kernel gradients)', stage.grads) : [];
    if (!stage.maps) return [strip('delta', 'Δ per neuron', stage.delta, units, row), ...grads];
    return [
      ...rowMaps('delta', 'Δ = ∂L/∂in per map', stage.maps.delta, row),
      ...(layer.activationNode ? rowMaps('dA', '∂L/∂a per map', stage.maps.dA, row) : []),
      ...grads,
    ];
  }
  return [...weightGroups('before', 'kernel before', stage.before), ...weightGroups('after', 'kernel after', stage.after)];
}

/** The stage's numbers in words beside the maps. */
function summary(trace: StepTrace, stage: TraceStage | undefined, row: number): string[] {
  if (!stage) return [`loss before ${num(trace.lossBefore)}, after ${num(trace.lossAfter)}`];
  if (stage.stage === 'loss') {
    const outs = stage.prediction.length / trace.rows;
    return [stage.form, `L = ${num(stage.value)}`, `ŷ = [${stage.prediction.slice(row * outs, (row + 1) * outs).map(num).join(', ')}]`];
  }
  const layer = trace.layers.find((l) => l.node === stage.node)!;
  const shape = layer.mapShape ? ` (${layer.mapShape.join('×')} maps)` : ` (${layer.units} neurons)`;
  if (stage.stage === 'forward') return [`${layer.node}: ${layer.kind === 'pool' ? 'pooling' : layer.kind}${shape}`];
  if (stage.stage === 'backward') {
    const bias = stage.grads?.bias;
    return [`${layer.node}: the error flows back${shape}`, ...(bias ? [`∂L/∂b = [${bias.map(num).join(', ')}]`] : []), ...(stage.grads ? [] : ['pooling has no weights: it routes Δ to its inputs'])];
  }
  return [`${layer.node}: ${stage.rule}, α = ${num(stage.learningRate)}`, ...(stage.after.bias ? [`b: [${(stage.before.bias ?? []).map(num).join(', ')}] → [${stage.after.bias.map(num).join(', ')}]`] : [])];
}
