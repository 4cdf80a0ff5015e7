/** A histogram drawn on one canvas (bars, not DOM elements), with its range and summary below. */
import { useEffect, useMemo, useRef } from 'react';
import { formatValue } from '../format';
import { histogram } from '../histogram';

export function HistogramView({ title, values, color = '#0877bd', testId }: { title: string; values: Float32Array | null; color?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const h = useMemo(() => (values ? histogram(values, 30) : null), [values]);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const w = 240;
    const height = 90;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = w * dpr;
    canvas.height = height * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, height);
    if (!h || h.counts.length === 0) return;
    const max = Math.max(...h.counts);
    const bw = w / h.counts.length;
    ctx.fillStyle = color;
    h.counts.forEach((c, i) => {
      const bh = max > 0 ? (c / max) * (height - 4) : 0;
      ctx.fillRect(i * bw + 0.5, height - bh, Math.max(1, bw - 1), bh);
    });
    // Zero, where it is inside the range.
    if (h.edges[0] < 0 && h.edges[h.edges.length - 1] > 0) {
      const x = ((0 - h.edges[0]) / (h.edges[h.edges.length - 1] - h.edges[0])) * w;
      ctx.strokeStyle = '#1d2125';
      ctx.setLineDash([2, 2]);
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }, [h, color]);
  return (
    <figure className="bp-hist" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <canvas ref={ref} style={{ width: 240, height: 90 }} />
      {h && h.total > 0 ? (
        <>
          <div className="bp-hist-stats">
            <span>{formatValue(h.min)}</span>
            <span>{formatValue(h.max)}</span>
          </div>
          <div className="bp-hist-summary">
            mean {formatValue(h.mean)} · {h.total} values{h.zeros > 0.01 ? ` · ${(h.zeros * 100).toFixed(0)}% zero` : ''}
            {h.nonFinite > 0 ? ` · ${h.nonFinite} NaN/∞` : ''}
          </div>
        </>
      ) : (
        <div className="bp-hist-stats">{values ? 'no finite values' : '—'}</div>
      )}
    </figure>
  );
}
