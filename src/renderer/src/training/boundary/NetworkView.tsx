/**
 * The network as in the lectures: a column of neurons per Dense layer, every connection drawn
 * with its weight (blue positive, orange negative, width ∝ |w|), and — for 2-D data — each
 * neuron's own activation map over the input plane. One canvas; repainted per probe frame.
 * Hover names a neuron or a connection and its weight; a click on a neuron selects its layer.
 * The drawing fits the width of the view (see network-layout.ts), titles included.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MAX_NETWORK_WIDTH, type NetworkLayer, type NeuronGrids } from '../../../../shared/protocol';
import { useProjectStore } from '../../store';
import { css, NEGATIVE, POSITIVE, paintDiverging } from '../colormap';
import { formatValue } from '../format';
import { useTrainingStore } from '../../engine-client';
import { frames } from '../live';
import { useFrameRedraw } from './use-frame-redraw';
import { GridImage, paintNeuron } from './grid-image';
import { layoutNetwork, whyNoNetworkDrawing, type NetworkLayout } from './network-layout';
import { useElementWidth } from './use-element-width';

const HEIGHT = 280;
/** The column titles' font size; .bp-network-labels in training.css sets the same. */
const TITLE_FONT_PX = 11;

/** Measures text as the column titles draw it: TITLE_FONT_PX in the font family of `el`. */
function titleMeasurer(el: Element): (text: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (text) => text.length * TITLE_FONT_PX * 0.7; // no canvas: a generous guess
  ctx.font = `${TITLE_FONT_PX}px ${getComputedStyle(el).fontFamily}`;
  return (text) => ctx.measureText(text).width;
}

export function NetworkView() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const figureRef = useRef<HTMLElement>(null);
  const room = useElementWidth(figureRef);
  const measureRef = useRef<((text: string) => number) | null>(null);
  const images = useMemo(() => new Map<string, GridImage>(), []);
  const points = useTrainingStore((s) => s.probePoints);
  const [layout, setLayout] = useState<NetworkLayout | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const hasFrame = useTrainingStore((s) => s.probeFrame !== null);
  const layers = useTrainingStore((s) => s.summary?.layers);
  const layoutRef = useRef<NetworkLayout | null>(null);

  const imageFor = (key: string) => images.get(key) ?? images.set(key, new GridImage()).get(key)!;

  const draw = useCallback(() => {
    const frame = frames.latest;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    const network = frame?.network ?? [];
    if (!canvas || !ctx || network.length === 0) {
      if (layoutRef.current !== null) setLayout((layoutRef.current = null));
      return;
    }
    measureRef.current ??= titleMeasurer(figureRef.current ?? canvas);
    const lay = layoutNetwork(network, { height: HEIGHT, textWidth: measureRef.current, maxWidth: room ?? undefined, featureNames: points?.featureNames });
    if (!layoutRef.current || layoutRef.current.key !== lay.key) setLayout(lay);
    layoutRef.current = lay;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== lay.width * dpr || canvas.height !== HEIGHT * dpr) {
      canvas.width = lay.width * dpr;
      canvas.height = HEIGHT * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, lay.width, HEIGHT);
    drawEdges(ctx, lay, network);
    const grids = new Map<string, NeuronGrids>((frame?.neurons ?? []).map((g) => [g.nodeId, g]));
    const res = frame?.neurons?.[0]?.resolution ?? 0;
    lay.columns.forEach((col, ci) => {
      col.cells.forEach((cell, u) => {
        const grid = ci > 0 ? grids.get(col.nodeId) : undefined;
        const img = imageFor(`${ci}:${u}`);
        let painted = false;
        if (grid) painted = img.paint(grid.resolution, (rgba) => paintNeuron(grid.values, u * grid.resolution ** 2, grid.resolution ** 2, col.activation, rgba));
        else if (ci === 0 && res > 0 && network[0].inputs === 2) painted = img.paint(res, (rgba) => paintInput(u, res, rgba));
        if (painted) {
          ctx.imageSmoothingEnabled = true;
          ctx.drawImage(img.canvas, cell.x, cell.y, cell.size, cell.size);
        } else {
          ctx.fillStyle = '#dde1e4';
          ctx.fillRect(cell.x, cell.y, cell.size, cell.size);
        }
        ctx.strokeStyle = '#56616b';
        ctx.lineWidth = 1;
        ctx.strokeRect(cell.x + 0.5, cell.y + 0.5, cell.size - 1, cell.size - 1);
      });
    });
  }, [points, images, room]);

  useFrameRedraw(draw);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const lay = layoutRef.current;
    const network = frames.latest?.network;
    if (!lay || !network) return;
    const rect = e.currentTarget.getBoundingClientRect();
    setHover(describeAt(lay, network, e.clientX - rect.left, e.clientY - rect.top));
  };
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const lay = layoutRef.current;
    if (!lay) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const col = lay.columns.find((c) => Math.abs(e.clientX - rect.left - (c.x + c.size / 2)) < c.size);
    if (col && col.nodeId) useProjectStore.getState().setSelection({ nodes: [col.nodeId], edges: [] });
  };

  useEffect(() => {
    if (layout) draw(); // the canvas just got its size
  }, [layout, draw]);

  return (
    <figure className="bp-network" ref={figureRef}>
      {layout ? (
        <div className="bp-network-labels" style={{ width: layout.width }}>
          {layout.columns.map((c) => (
            <span key={c.x} style={{ left: c.titleX, width: c.titleWidth }}>
              {c.title}
            </span>
          ))}
        </div>
      ) : (
        <div className="bp-empty">
          {hasFrame && layers ? whyNoNetworkDrawing(layers, MAX_NETWORK_WIDTH) : 'The network appears here once the project is loaded.'}
        </div>
      )}
      <canvas
        ref={canvasRef}
        data-testid="network-view"
        style={{ width: layout?.width ?? 0, height: HEIGHT, display: layout ? 'block' : 'none' }}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
        onClick={onClick}
      />
      {layout && <div className="bp-boundary-readout">{hover ?? 'Blue: positive weights, orange: negative; width ∝ |w|. Hover for values, click a column to select its layer.'}</div>}
    </figure>
  );
}

/** Input feature maps: x1 grows to the right, x2 upwards (orange low, blue high). */
function paintInput(feature: number, res: number, rgba: Uint8ClampedArray): void {
  const row = new Float32Array(res * res);
  for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) row[r * res + c] = feature === 0 ? (2 * c) / (res - 1) - 1 : 1 - (2 * r) / (res - 1);
  paintDiverging(row, 0, res * res, 0, 1, rgba);
}

function drawEdges(ctx: CanvasRenderingContext2D, lay: NetworkLayout, network: NetworkLayer[]): void {
  network.forEach((layer, li) => {
    const from = lay.columns[li];
    const to = lay.columns[li + 1];
    let max = 1e-6;
    for (const w of layer.kernel) max = Math.max(max, Math.abs(w));
    for (let i = 0; i < layer.inputs; i++) {
      for (let j = 0; j < layer.units; j++) {
        const w = layer.kernel[i * layer.units + j];
        const a = from.cells[i];
        const b = to.cells[j];
        ctx.strokeStyle = css(w >= 0 ? POSITIVE : NEGATIVE, 0.25 + 0.6 * (Math.abs(w) / max));
        ctx.lineWidth = 0.4 + 3.6 * (Math.abs(w) / max);
        ctx.beginPath();
        ctx.moveTo(a.x + a.size, a.y + a.size / 2);
        ctx.lineTo(b.x, b.y + b.size / 2);
        ctx.stroke();
      }
    }
  });
}

/** What is under the pointer: a neuron (with its bias) or the nearest connection (with its weight). */
function describeAt(lay: NetworkLayout, network: NetworkLayer[], x: number, y: number): string | null {
  for (let ci = 0; ci < lay.columns.length; ci++) {
    const col = lay.columns[ci];
    const u = col.cells.findIndex((c) => x >= c.x && x <= c.x + c.size && y >= c.y && y <= c.y + c.size);
    if (u < 0) continue;
    if (ci === 0) return `input ${col.labels[u] ?? u + 1}`;
    const layer = network[ci - 1];
    return `${layer.nodeId}[${u + 1}]${layer.activation ? ` → ${layer.activation}` : ''} · bias ${layer.bias ? formatValue(layer.bias[u]) : '—'}`;
  }
  let best: { d: number; text: string } | null = null;
  network.forEach((layer, li) => {
    const from = lay.columns[li];
    const to = lay.columns[li + 1];
    if (x < from.x + from.size || x > to.x) return;
    for (let i = 0; i < layer.inputs; i++) {
      for (let j = 0; j < layer.units; j++) {
        const a = from.cells[i];
        const b = to.cells[j];
        const ax = a.x + a.size;
        const ay = a.y + a.size / 2;
        const t = (x - ax) / (b.x - ax);
        const d = Math.abs(ay + t * (b.y + b.size / 2 - ay) - y);
        if (d < 4 && (!best || d < best.d)) best = { d, text: `w = ${formatValue(layer.kernel[i * layer.units + j])} (${from.labels[i] ?? i + 1} → ${layer.nodeId}[${j + 1}])` };
      }
    }
  });
  return (best as { text: string } | null)?.text ?? null;
}
