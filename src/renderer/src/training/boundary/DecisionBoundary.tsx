/**
 * The decision boundary (TensorFlow Playground style): the model's output over the input
 * plane as a heatmap painted through ImageData, the training (white rim) and test (dark rim)
 * points on top. Repaints when the engine pushes a frame, on animation frames. Hover shows the
 * coordinates and the output there; a click asks the engine for the exact prediction.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { BoundaryGrid, ProbePoints } from '../../../../shared/protocol';
import { useTrainingStore } from '../../engine-client';
import { classColor, css, diverging, NEGATIVE, POSITIVE } from '../colormap';
import { formatValue } from '../format';
import { frames, useTrainingView } from '../live';
import { useFrameRedraw } from './use-frame-redraw';
import { GridImage, outputScale, paintOutput, type OutputScale } from './grid-image';

interface Plane {
  x: [number, number];
  y: [number, number];
}

function pointColor(label: number, scale: OutputScale): string {
  if (scale.kind === 'value') return css(diverging((label - scale.center) / scale.half));
  return css(classColor(label));
}

function drawPoints(ctx: CanvasRenderingContext2D, set: { x: Float32Array; y: Float32Array }, plane: Plane, w: number, h: number, scale: OutputScale, rim: string): void {
  const sx = w / (plane.x[1] - plane.x[0]);
  const sy = h / (plane.y[1] - plane.y[0]);
  ctx.lineWidth = 1;
  ctx.strokeStyle = rim;
  for (let i = 0; i < set.y.length; i++) {
    const px = (set.x[i * 2] - plane.x[0]) * sx;
    const py = (plane.y[1] - set.x[i * 2 + 1]) * sy;
    ctx.beginPath();
    ctx.arc(px, py, 3, 0, Math.PI * 2);
    ctx.fillStyle = pointColor(set.y[i], scale);
    ctx.fill();
    ctx.stroke();
  }
}

function planeOf(b: BoundaryGrid | undefined, points: ProbePoints | null): Plane | null {
  if (b) return { x: b.xRange, y: b.yRange };
  if (!points || points.train.y.length === 0) return null;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.train.y.length; i++) {
    x0 = Math.min(x0, points.train.x[i * 2]);
    x1 = Math.max(x1, points.train.x[i * 2]);
    y0 = Math.min(y0, points.train.x[i * 2 + 1]);
    y1 = Math.max(y1, points.train.x[i * 2 + 1]);
  }
  return { x: [x0 - 0.1 * (x1 - x0), x1 + 0.1 * (x1 - x0)], y: [y0 - 0.1 * (y1 - y0), y1 + 0.1 * (y1 - y0)] };
}

export function DecisionBoundary({ size = 280 }: { size?: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const image = useMemo(() => new GridImage(), []);
  const points = useTrainingStore((s) => s.probePoints);
  const showTest = useTrainingView((s) => s.showTestPoints);
  const summary = useTrainingStore((s) => s.summary);
  const [hover, setHover] = useState<{ x: number; y: number; value: string } | null>(null);
  const [probe, setProbe] = useState<{ x: number; y: number; text: string } | null>(null);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !summary) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== size * dpr) canvas.width = canvas.height = size * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const b = frames.latest?.boundary;
    const scale = outputScale(summary, b?.channels ?? 1, points?.train.y ?? null);
    ctx.fillStyle = '#e8eaeb';
    ctx.fillRect(0, 0, size, size);
    if (b && image.paint(b.resolution, (rgba) => paintOutput(b.values, b.resolution * b.resolution, scale, rgba))) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(image.canvas, 0, 0, size, size);
    }
    const plane = planeOf(b, points);
    if (plane && points) {
      drawPoints(ctx, points.train, plane, size, size, scale, '#ffffff');
      if (showTest) drawPoints(ctx, points.test, plane, size, size, scale, '#1d2125');
    }
    if (plane && probe) {
      const px = ((probe.x - plane.x[0]) / (plane.x[1] - plane.x[0])) * size;
      const py = ((plane.y[1] - probe.y) / (plane.y[1] - plane.y[0])) * size;
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px - 6, py);
      ctx.lineTo(px + 6, py);
      ctx.moveTo(px, py - 6);
      ctx.lineTo(px, py + 6);
      ctx.stroke();
    }
    canvas.dataset.step = String(frames.latest?.globalStep ?? '');
  }, [image, points, showTest, summary, probe, size]);

  useFrameRedraw(draw);

  const at = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const b = frames.latest?.boundary;
    const plane = planeOf(b, points);
    if (!plane) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    const x = plane.x[0] + fx * (plane.x[1] - plane.x[0]);
    const y = plane.y[1] - fy * (plane.y[1] - plane.y[0]);
    let value = '';
    if (b) {
      const c = Math.min(b.resolution - 1, Math.floor(fx * b.resolution));
      const r = Math.min(b.resolution - 1, Math.floor(fy * b.resolution));
      const cell = (r * b.resolution + c) * b.channels;
      value = Array.from(b.values.subarray(cell, cell + b.channels), (v) => formatValue(v)).join(', ');
    }
    return { x, y, value };
  };

  const onClick = async (e: React.MouseEvent<HTMLCanvasElement>) => {
    const p = at(e);
    if (!p) return;
    useTrainingView.getState().set({ probeInput: [p.x, p.y] });
    try {
      const out = await useTrainingStore.getState().predict(new Float32Array([p.x, p.y]), 1);
      setProbe({ x: p.x, y: p.y, text: Array.from(out.outputs, (v) => formatValue(v)).join(', ') });
    } catch (err) {
      setProbe({ x: p.x, y: p.y, text: err instanceof Error ? err.message : String(err) });
    }
  };

  const names = points?.featureNames ?? ['x1', 'x2'];
  const classes = summary?.classNames;
  return (
    <figure className="bp-boundary">
      <canvas
        ref={canvasRef}
        data-testid="decision-boundary"
        style={{ width: size, height: size }}
        onMouseMove={(e) => setHover(at(e))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => void onClick(e)}
        title="Click to see the model's output at a point"
      />
      <figcaption className="bp-boundary-caption">
        <span>
          {names[0]} → · {names[1]} ↑
        </span>
        {summary?.task === 'classification' && classes && classes.length === 2 && (
          <span className="bp-legend">
            <i style={{ background: css(NEGATIVE) }} /> {classes[0]} <i style={{ background: css(POSITIVE) }} /> {classes[1]}
          </span>
        )}
        <label className="bp-check">
          <input type="checkbox" checked={showTest} onChange={(e) => useTrainingView.getState().set({ showTestPoints: e.target.checked })} /> test points
        </label>
      </figcaption>
      <div className="bp-boundary-readout">
        {hover ? `(${formatValue(hover.x)}, ${formatValue(hover.y)}) → ${hover.value}` : probe ? `clicked (${formatValue(probe.x)}, ${formatValue(probe.y)}) → ${probe.text}` : 'Hover for values; click to predict a point'}
      </div>
    </figure>
  );
}
