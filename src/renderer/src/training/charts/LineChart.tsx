/**
 * A live line chart: Chart.js over growing PointSeries (parsing off, decimation on), redrawn
 * through the shared frame scheduler when its signal fires (≤ 10 times/s, never per message).
 * Toolbar: log scale, reset zoom, PNG and CSV export. Wheel zooms, drag pans, hover shows values.
 */
import { useEffect, useRef, useState } from 'react';
import type { Chart as ChartInstance, ChartDataset } from 'chart.js';
import { fileStem, download, seriesToCsv } from '../csv-export';
import { formatCompact, formatValue } from '../format';
import type { PointSeries, Signal } from '../series';
import { useTheme } from '../../layout/theme';
import { setupCharts } from './chart-setup';
import { chartFrames } from './frame-scheduler';

export interface ChartLine {
  label: string;
  series: PointSeries;
  color: string;
  dashed?: boolean;
  dotted?: boolean;
  width?: number;
  /** Show points (small series such as per-epoch values of a short run). */
  points?: boolean;
}

export interface LineChartProps {
  testId: string;
  title: string;
  xTitle: string;
  yTitle: string;
  /** The lines; pass a new array only when the set of lines changes. */
  lines: ChartLine[];
  signal: Signal;
  allowLog?: boolean;
  initialLog?: boolean;
  yMin?: number;
  yMax?: number;
  height?: number;
  /** Extra controls in the toolbar (e.g. the smoothing slider). */
  children?: React.ReactNode;
  /** Shown over the empty chart. */
  emptyText?: string;
}

type LineDataset = ChartDataset<'line', { x: number; y: number }[]>;

/** Axis labels: 0.25, 1.2k, 3.0e-5 instead of Chart.js's 2E61. */
function tick(value: number | string): string {
  const v = Number(value);
  return Math.abs(v) >= 1e4 && Math.abs(v) < 1e9 && Number.isInteger(v) ? formatCompact(v) : formatValue(v);
}

function toDataset(l: ChartLine): LineDataset {
  return {
    label: l.label,
    data: l.series.points,
    borderColor: l.color,
    backgroundColor: l.color,
    borderWidth: l.width ?? 1.6,
    borderDash: l.dashed ? [6, 4] : l.dotted ? [2, 3] : undefined,
    pointRadius: l.points ? 1.5 : 0,
    pointHitRadius: 6,
    spanGaps: true,
  };
}

export function LineChart(props: LineChartProps) {
  const { testId, title, xTitle, yTitle, lines, signal, allowLog = true, initialLog = false, yMin, yMax, height = 190 } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ChartInstance<'line', { x: number; y: number }[]> | null>(null);
  const [log, setLog] = useState(initialLog);
  const [empty, setEmpty] = useState(true);
  const theme = useTheme(); // axis and grid colours come from the theme: rebuild on a change

  // The chart is (re)built when its lines or axes change — user actions, never engine messages.
  useEffect(() => {
    const Chart = setupCharts();
    const chart = new Chart<'line', { x: number; y: number }[]>(canvasRef.current!, {
      type: 'line',
      data: { datasets: lines.map(toDataset) },
      options: {
        parsing: false,
        normalized: true,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          // sampleSize / no rotation: label fitting measures a few labels, not all of them, per redraw.
          x: { type: 'linear', title: { display: true, text: xTitle }, ticks: { maxTicksLimit: 8, maxRotation: 0, sampleSize: 4, callback: tick } },
          y: { type: log ? 'logarithmic' : 'linear', title: { display: true, text: yTitle }, min: log ? undefined : yMin, max: log ? undefined : yMax, ticks: { maxTicksLimit: 6, sampleSize: 4, callback: tick } },
        },
        plugins: {
          decimation: { enabled: true, algorithm: 'lttb' }, // down to ~1 point per pixel of width
          legend: { position: 'top', align: 'end', labels: { boxWidth: 14, boxHeight: 2, padding: 6 } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatValue(c.parsed.y)}`, title: (items) => `${xTitle} ${formatValue(items[0]?.parsed.x)}` } },
          zoom: {
            pan: { enabled: true, mode: 'xy' },
            zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'xy' },
          },
        },
      },
    });
    chartRef.current = chart;
    const draw = () => {
      chart.update('none');
      const first = lines[0]?.series;
      const box = boxRef.current;
      // The redraw count lets tests check the throttle (≤ 10/s) by counting, not by timing.
      if (box) box.dataset.draws = String(Number(box.dataset.draws ?? 0) + 1);
      if (box && first) {
        box.dataset.points = String(first.length);
        box.dataset.firstY = String(first.points[0]?.y ?? '');
        box.dataset.lastY = String(first.last?.y ?? '');
      }
      setEmpty(lines.every((l) => l.series.length === 0));
    };
    draw();
    const unsubscribe = signal.subscribe(() => chartFrames.request(draw));
    return () => {
      unsubscribe();
      chartFrames.cancel(draw);
      chart.destroy();
      chartRef.current = null;
    };
  }, [lines, signal, xTitle, yTitle, yMin, yMax, log, theme]);

  const exportCsv = () => {
    const csv = seriesToCsv(xTitle, lines.map((l) => ({ name: l.label, points: l.series.points })));
    download(`${fileStem(title)}.csv`, csv);
  };
  const exportPng = () => {
    const chart = chartRef.current;
    if (chart) download(`${fileStem(title)}.png`, chart.toBase64Image('image/png', 1), 'image/png');
  };

  return (
    <div className="bp-chart" data-testid={testId} ref={boxRef}>
      <div className="bp-chart-bar">
        <span className="bp-chart-title">{title}</span>
        {props.children}
        {allowLog && (
          <label className="bp-check" title="Logarithmic y axis">
            <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> log
          </label>
        )}
        <button type="button" className="bp-mini" title="Reset zoom and pan (wheel zooms, drag pans)" onClick={() => chartRef.current?.resetZoom('none')}>
          ⟲
        </button>
        <button type="button" className="bp-mini" title="Save as PNG" onClick={exportPng}>
          PNG
        </button>
        <button type="button" className="bp-mini" title="Save the data as CSV" onClick={exportCsv}>
          CSV
        </button>
      </div>
      <div className="bp-chart-canvas" style={{ height }}>
        <canvas ref={canvasRef} />
        {empty && props.emptyText && <div className="bp-chart-empty">{props.emptyText}</div>}
      </div>
    </div>
  );
}
