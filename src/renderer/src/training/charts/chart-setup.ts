/**
 * Chart.js, registered once for the training panel: line and scatter charts, linear and log
 * scales, tooltips, legend, decimation (long runs) and chartjs-plugin-zoom (wheel zoom, drag
 * pan). Animations are off everywhere: the charts redraw up to 10 times per second.
 */
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type Plugin,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { cssVar, onThemeChange } from '../../layout/theme';

/** Paints the chart area's background so exported PNGs are not transparent. */
const background: Plugin = {
  id: 'bpBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = cssVar('--chart-bg', '#ffffff');
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

let registered = false;

/** Axis text and grid lines in the theme's colours (read from the page's CSS variables). */
function applyChartTheme(): void {
  Chart.defaults.color = cssVar('--chart-text', '#445');
  Chart.defaults.borderColor = cssVar('--chart-grid', 'rgba(0, 0, 0, 0.1)');
}

export function setupCharts(): typeof Chart {
  if (registered) return Chart;
  Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend, Decimation, zoomPlugin, background);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", sans-serif';
  Chart.defaults.font.size = 11;
  applyChartTheme();
  onThemeChange(applyChartTheme); // the charts themselves are rebuilt by their components (useTheme)
  registered = true;
  return Chart;
}

/** Colours of the series (runs compared): blue and orange, then Okabe–Ito's other colour-blind-safe hues. */
export const SERIES_COLORS = ['#0877bd', '#f59322', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#e6c700', '#6e50a0', '#5a5a5a', '#a0a0a0'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}
