/**
 * The loss surface of a lecture: a contour map of the training loss over two weights (the
 * others fixed at their current values) with the paths full-batch, mini-batch and stochastic
 * steps take from the current weights, side by side, and the live run's own path (black),
 * read back after its steps while it trains. Drawn on request and again when asked. Also the
 * body of the training panel's Loss surface tab (training/surface/LossSurfaceTab.tsx).
 */
import { useEffect, useRef, useState } from 'react';
import type { LossSurface, SurfacePathSpec, WeightRef } from '../../../shared/protocol-surface';
import { useTrainingStore } from '../engine-client';
import { formatValue } from '../training/format';
import { contourLevels, contourSegments } from './surface-geometry';

const SIZE = 300;
const PATH_COLORS = ['#1d4ed8', '#c2410c', '#15803d', '#7e22ce', '#be123c'];

export interface SurfaceSpec {
  weights: [WeightRef, WeightRef];
  labels: [string, string];
  paths: SurfacePathSpec[];
}

export function SurfacePlot({ spec }: { spec: SurfaceSpec }) {
  const [surface, setSurface] = useState<LossSurface | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const summary = useTrainingStore((s) => s.summary);
  const live = useLivePath(spec.weights, surface !== null);

  const draw = async () => {
    setBusy(true);
    try {
      setSurface(await useTrainingStore.getState().lossSurface(spec.weights, spec.paths, 41));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (surface && canvas.current) paint(canvas.current, surface, live);
  }, [surface, live]);

  return (
    <section className="lecture-surface" data-testid="loss-surface">
      <div className="lecture-surface__head">
        <strong>Loss surface over {spec.labels[0]} and {spec.labels[1]}</strong>
        <button type="button" onClick={() => void draw()} disabled={!summary || busy} data-testid="loss-surface-draw">
          {surface ? 'Redraw from the current weights' : 'Draw'}
        </button>
      </div>
      {error && <div className="lecture-checks__note">{error}</div>}
      {surface && (
        <>
          <canvas ref={canvas} width={SIZE} height={SIZE} className="lecture-surface__canvas" aria-label={`Contour map of the loss over ${spec.labels.join(' and ')}`} />
          <div className="lecture-surface__axes">
            {spec.labels[0]} from {formatValue(surface.xRange[0])} to {formatValue(surface.xRange[1])} (across) · {spec.labels[1]} from {formatValue(surface.yRange[0])} to {formatValue(surface.yRange[1])} (up). The other weights stay at their current values; the paths move them too, so they are shown projected.
          </div>
          <ul className="lecture-surface__legend">
            <li data-testid="loss-surface-live">
              <span style={{ background: '#111827' }} /> this run: {live.length > 1 ? `${live.length - 1} steps read back` : 'press Train to draw its path'}
            </li>
            {surface.paths.map((p, i) => (
              <li key={p.label} data-testid={`loss-surface-path-${i}`}>
                <span style={{ background: PATH_COLORS[i % PATH_COLORS.length] }} /> {p.label}: {p.points.length / 2 - 1} steps, ends at ({formatValue(p.points.at(-2)!)}, {formatValue(p.points.at(-1)!)})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The live run's (x, y) after its steps: read with inspect at most 10 times a second (every
 * step at the slow paces). Starts over when a run starts over (the step count goes down).
 */
function useLivePath(weights: [WeightRef, WeightRef], active: boolean): [number, number][] {
  const step = useTrainingStore((s) => s.training?.globalStep ?? 0);
  const [path, setPath] = useState<[number, number][]>([]);
  const last = useRef({ step: -1, at: 0 });
  useEffect(() => {
    if (!active) return;
    const now = performance.now();
    const restart = step < last.current.step;
    if (!restart && step === last.current.step) return;
    if (!restart && step > 0 && now - last.current.at < 100) return;
    last.current = { step, at: now };
    let cancelled = false;
    const engine = useTrainingStore.getState();
    const read = async (ref: WeightRef) => (await engine.inspect(ref.nodeId)).params.find((p) => p.name === ref.param)!.data[ref.index]!;
    void Promise.all(weights.map(read))
      .then(([x, y]) => {
        const point: [number, number] = [x!, y!];
        if (!cancelled) setPath((p) => [...(restart || step === 0 ? [] : p), point].slice(-2000));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [step, active, weights]);
  return path;
}

function paint(el: HTMLCanvasElement, s: LossSurface, live: [number, number][]): void {
  const ctx = el.getContext('2d');
  if (!ctx) return;
  const res = s.resolution;
  const cell = SIZE / res;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of s.values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const shade = (v: number) => {
    const t = hi > lo ? Math.log1p((v - lo) / (hi - lo) * 99) / Math.log(100) : 0; // log scale: the valley shows
    return `rgb(${Math.round(255 - 40 * t)}, ${Math.round(250 - 120 * t)}, ${Math.round(235 - 180 * t)})`;
  };
  for (let r = 0; r < res; r++)
    for (let c = 0; c < res; c++) {
      ctx.fillStyle = shade(s.values[r * res + c]!);
      ctx.fillRect(c * cell, SIZE - (r + 1) * cell, Math.ceil(cell), Math.ceil(cell));
    }
  // Contour lines (cell centres → pixels; row 0 at the bottom).
  const px = (gx: number) => (gx + 0.5) * cell;
  const py = (gy: number) => SIZE - (gy + 0.5) * cell;
  ctx.strokeStyle = 'rgba(90, 60, 30, 0.45)';
  ctx.lineWidth = 1;
  for (const level of contourLevels(s.values, 12)) {
    ctx.beginPath();
    for (const [x0, y0, x1, y1] of contourSegments(s.values, res, level)) {
      ctx.moveTo(px(x0), py(y0));
      ctx.lineTo(px(x1), py(y1));
    }
    ctx.stroke();
  }
  // Paths in weight units → pixels.
  const wx = (x: number) => ((x - s.xRange[0]) / (s.xRange[1] - s.xRange[0])) * SIZE;
  const wy = (y: number) => SIZE - ((y - s.yRange[0]) / (s.yRange[1] - s.yRange[0])) * SIZE;
  s.paths.forEach((p, i) => {
    ctx.strokeStyle = PATH_COLORS[i % PATH_COLORS.length]!;
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    for (let k = 0; k < p.points.length; k += 2) (k === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, wx(p.points[k]!), wy(p.points[k + 1]!));
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    const end = p.points.length - 2;
    ctx.beginPath();
    ctx.arc(wx(p.points[end]!), wy(p.points[end + 1]!), 3, 0, 2 * Math.PI);
    ctx.fill();
  });
  if (live.length > 1) {
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    live.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(wx(x), wy(y)) : ctx.lineTo(wx(x), wy(y))));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.fillStyle = '#111827';
  ctx.beginPath();
  const [cx, cy] = live.at(-1) ?? s.current;
  ctx.arc(wx(cx), wy(cy), 4, 0, 2 * Math.PI);
  ctx.fill();
}
