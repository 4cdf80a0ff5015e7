/** Regression: predicted against true values (first output), with the y = x line of a perfect fit. */
import { useEffect, useRef } from 'react';
import { useTheme } from '../../layout/theme';
import { setupCharts } from '../charts/chart-setup';
import { download } from '../csv-export';
import { formatValue } from '../format';

export function ScatterPlot({ pairs, title }: { pairs: Float32Array; title: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme(); // rebuilt in the theme's colours
  useEffect(() => {
    const Chart = setupCharts();
    const points = Array.from({ length: pairs.length / 2 }, (_, i) => ({ x: pairs[i * 2], y: pairs[i * 2 + 1] }));
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      lo = Math.min(lo, p.x, p.y);
      hi = Math.max(hi, p.x, p.y);
    }
    const chart = new Chart(ref.current!, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'samples', data: points, backgroundColor: 'rgba(8, 119, 189, 0.55)', pointRadius: 2.5 },
          { type: 'line', label: 'perfect fit (y = x)', data: Number.isFinite(lo) ? [{ x: lo, y: lo }, { x: hi, y: hi }] : [], borderColor: '#f59322', borderDash: [5, 4], pointRadius: 0, borderWidth: 1.5 },
        ],
      },
      options: {
        parsing: false,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { type: 'linear', title: { display: true, text: 'true value' } }, y: { type: 'linear', title: { display: true, text: 'predicted' } } },
        plugins: {
          tooltip: { callbacks: { label: (c) => `true ${formatValue(c.parsed.x)} → predicted ${formatValue(c.parsed.y)}` } },
          zoom: { pan: { enabled: true, mode: 'xy' }, zoom: { wheel: { enabled: true }, mode: 'xy' } },
        },
      },
    });
    return () => chart.destroy();
  }, [pairs, theme]);
  return (
    <div className="bp-chart" data-testid="regression-scatter">
      <div className="bp-chart-bar">
        <span className="bp-chart-title">{title}</span>
        <button type="button" className="bp-mini" onClick={() => ref.current && download('predicted-vs-true.png', ref.current.toDataURL('image/png'), 'image/png')}>
          PNG
        </button>
      </div>
      <div className="bp-chart-canvas" style={{ height: 240 }}>
        <canvas ref={ref} />
      </div>
    </div>
  );
}
