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

/** Paints the chart area's background so exported PNGs are not transparent. */
const background: Plugin = {
  id: 'bpBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

let registered = false;

export function setupCharts(): typeof Chart {
  if (registered) return Chart;
  Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend, Decimation, zoomPlugin, background);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", sans-serif';
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#445';
  registered = true;
  return Chart;
}

/** Colours of the series: train solid, validation dashed in the same hue family. */
export const SERIES_COLORS = ['#0877bd', '#f59322', '#2ea043', '#c43e96', '#825ac8', '#14aaaa', '#c83c32', '#787828', '#5a5a5a', '#e6be28'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}
