/**
 * The training charts: loss per epoch (with recorded runs overlaid), accuracy or R²/MAE, loss
 * per step (EMA-smoothed), learning rate, and per-layer gradient and weight norms.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTrainingStore } from '../../engine-client';
import { useProjectStore } from '../../store';
import { live, useTrainingView } from '../live';
import { PointSeries } from '../series';
import { LineChart, type ChartLine } from './LineChart';
import { seriesColor } from './chart-setup';

const TRAIN = '#0877bd';
const VALIDATION = '#f59322';

/** Static series of a recorded run's epochs (built once per run). */
const runSeriesCache = new WeakMap<object, { loss: PointSeries; valLoss: PointSeries }>();
function runSeries(run: { epochs: { epoch: number; loss: number; valLoss?: number }[] }) {
  let s = runSeriesCache.get(run);
  if (!s) {
    s = { loss: new PointSeries(), valLoss: new PointSeries() };
    for (const e of run.epochs) {
      s.loss.push(e.epoch, e.loss);
      if (e.valLoss !== undefined) s.valLoss.push(e.epoch, e.valLoss);
    }
    runSeriesCache.set(run, s);
  }
  return s;
}

export function LossChart() {
  const overlay = useTrainingView((s) => s.overlayRuns);
  const runs = useProjectStore((s) => s.project.runs);
  const lines = useMemo(() => {
    const out: ChartLine[] = [
      { label: 'train loss', series: live.epoch.loss, color: TRAIN, width: 2 },
      { label: 'validation loss', series: live.epoch.valLoss, color: VALIDATION, width: 2 },
    ];
    (runs ?? []).forEach((run, i) => {
      if (!overlay.includes(run.id)) return;
      const s = runSeries(run);
      const color = seriesColor(i + 2);
      out.push({ label: `${run.id} train`, series: s.loss, color, dashed: true, width: 1.4 });
      if (s.valLoss.length > 0) out.push({ label: `${run.id} validation`, series: s.valLoss, color, dotted: true, width: 1.4 });
    });
    return out;
  }, [overlay, runs]);
  return <LineChart testId="loss-chart" title="Loss per epoch" xTitle="epoch" yTitle="loss" lines={lines} signal={live.epochChanged} emptyText="Train to see the loss fall" />;
}

export function MetricChart() {
  const task = useTrainingStore((s) => s.summary?.task ?? 'classification');
  const lines = useMemo<ChartLine[]>(
    () =>
      task === 'classification'
        ? [
            { label: 'train accuracy', series: live.epoch.accuracy, color: TRAIN, width: 2 },
            { label: 'validation accuracy', series: live.epoch.valAccuracy, color: VALIDATION, width: 2 },
          ]
        : [
            { label: 'train R²', series: live.epoch.r2, color: TRAIN, width: 2 },
            { label: 'validation R²', series: live.epoch.valR2, color: VALIDATION, width: 2 },
          ],
    [task],
  );
  return task === 'classification' ? (
    <LineChart testId="accuracy-chart" title="Accuracy per epoch" xTitle="epoch" yTitle="accuracy" lines={lines} signal={live.epochChanged} allowLog={false} yMin={0} yMax={1} />
  ) : (
    <LineChart testId="accuracy-chart" title="R² per epoch" xTitle="epoch" yTitle="R²" lines={lines} signal={live.epochChanged} allowLog={false} yMax={1} />
  );
}

export function MaeChart() {
  const lines = useMemo<ChartLine[]>(
    () => [
      { label: 'train MAE', series: live.epoch.mae, color: TRAIN, width: 2 },
      { label: 'validation MAE', series: live.epoch.valMae, color: VALIDATION, width: 2 },
    ],
    [],
  );
  return <LineChart testId="mae-chart" title="Mean absolute error per epoch" xTitle="epoch" yTitle="MAE" lines={lines} signal={live.epochChanged} />;
}

export function StepLossChart() {
  const smoothing = useTrainingView((s) => s.smoothing);
  const lines = useMemo<ChartLine[]>(
    () => [
      { label: 'batch loss', series: live.stepLoss, color: 'rgba(8, 119, 189, 0.25)', width: 1 },
      { label: 'smoothed', series: live.stepSmooth, color: TRAIN, width: 2 },
    ],
    [],
  );
  return (
    <LineChart testId="step-loss-chart" title="Loss per step" xTitle="step" yTitle="batch loss" lines={lines} signal={live.stepChanged} initialLog>
      <label className="bp-slider" title="Smoothing: exponential moving average weight (0 = raw)">
        EMA
        <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => useTrainingView.getState().set({ smoothing: Number(e.target.value) })} />
        <output>{smoothing.toFixed(2)}</output>
      </label>
    </LineChart>
  );
}

export function LearningRateChart() {
  const lines = useMemo<ChartLine[]>(() => [{ label: 'learning rate', series: live.learningRate, color: '#2ea043', width: 2 }], []);
  return <LineChart testId="lr-chart" title="Learning rate" xTitle="epoch" yTitle="learning rate" lines={lines} signal={live.rateChanged} />;
}

/** Lines per layer, rebuilt when the set of layers changes (a new project), not per frame. */
function useNormLines(kind: 'grad' | 'weight'): ChartLine[] {
  const [version, setVersion] = useState(live.layersChanged.version);
  useEffect(() => live.layersChanged.subscribe(() => setVersion(live.layersChanged.version)), []);
  return useMemo(
    () => [...live.norms.entries()].map(([nodeId, s], i) => ({ label: nodeId, series: s[kind], color: seriesColor(i), width: 1.6 })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, kind],
  );
}

export function GradientNormChart() {
  const lines = useNormLines('grad');
  return <LineChart testId="grad-norm-chart" title="Gradient norm per layer" xTitle="step" yTitle="‖∂L/∂W‖" lines={lines} signal={live.normsChanged} initialLog emptyText="Vanishing gradients shrink towards 0; exploding ones shoot up" />;
}

export function WeightNormChart() {
  const lines = useNormLines('weight');
  return <LineChart testId="weight-norm-chart" title="Weight norm per layer" xTitle="step" yTitle="‖W‖" lines={lines} signal={live.normsChanged} />;
}
