/**
 * A weight matrix as a heatmap ([inputs, units], one pixel per weight scaled up, diverging
 * orange ↔ blue around 0), painted through ImageData. Hover shows the weight's indices and value.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { maxAbs, paintDiverging } from '../colormap';
import { formatValue } from '../format';

const MAX_SIDE = 260;

export function WeightHeatmap({ name, shape, data }: { name: string; shape: number[]; data: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  const rows = shape.length >= 2 ? shape[0] : 1;
  const cols = shape.length >= 2 ? data.length / shape[0] : data.length;
  const range = useMemo(() => maxAbs(data, 0, data.length), [data]);
  const fit = MAX_SIDE / Math.max(rows, cols);
  const cell = fit >= 1 ? Math.min(24, Math.floor(fit)) : fit;
  const width = Math.max(1, Math.round(cols * cell));
  const height = Math.max(1, Math.round(rows * cell));

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const src = document.createElement('canvas');
    src.width = cols;
    src.height = rows;
    const sctx = src.getContext('2d');
    if (!sctx) return;
    const img = sctx.createImageData(cols, rows);
    paintDiverging(data, 0, data.length, 0, range, img.data);
    sctx.putImageData(img, 0, 0);
    canvas.width = width;
    canvas.height = height;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(src, 0, 0, width, height);
  }, [data, rows, cols, range, width, height]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const c = Math.min(cols - 1, Math.floor(((e.clientX - rect.left) / rect.width) * cols));
    const r = Math.min(rows - 1, Math.floor(((e.clientY - rect.top) / rect.height) * rows));
    const v = data[r * cols + c];
    setHover(shape.length >= 2 ? `${name}[${r}, ${c}] = ${formatValue(v)}  (input ${r + 1} → unit ${c + 1})` : `${name}[${c}] = ${formatValue(v)}`);
  };

  return (
    <figure className="bp-weights" data-testid={`weights-${name}`}>
      <figcaption>
        {name} [{shape.join(' × ')}] · |w| ≤ {formatValue(range)}
      </figcaption>
      <canvas ref={ref} style={{ width, height }} onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
      <div className="bp-boundary-readout">{hover ?? (shape.length >= 2 ? 'rows: inputs · columns: units — hover for values' : 'hover for values')}</div>
    </figure>
  );
}
