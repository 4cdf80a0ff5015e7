/**
 * <TrainingPanel/>: live training of the project on the canvas. Controls and status on top;
 * tabs below — Live (decision boundary, network view, loss and accuracy), Charts (per-step
 * loss, learning rate, gradient and weight norms), Inside (a node's histograms and weights),
 * Images (filters, feature maps, reconstructions, codes: networks with convolutions or
 * autoencoders only; src/image-views), Evaluate (confusion matrix, predictions, try an input)
 * Runs (recorded runs compared), Step through, and Loss surface (any two weights, with
 * optimiser paths; surface/LossSurfaceTab.tsx).
 */
import { useEffect } from 'react';
import { useTrainingStore } from '../engine-client';
import { ImageViewsPanel, useHasImageViews } from '../image-views';
import { DecisionBoundary } from './boundary/DecisionBoundary';
import { NetworkView } from './boundary/NetworkView';
import { GradientNormChart, LearningRateChart, LossChart, MaeChart, MetricChart, StepLossChart, WeightNormChart } from './charts/TrainingCharts';
import { Controls } from './Controls';
import { startEngineSync } from './engine-sync';
import { EvaluationView } from './evaluate/EvaluationView';
import { NodeInspector } from './inside/NodeInspector';
import { startLive, useBoundaryUnavailable, useTrainingView, type TrainingTab } from './live';
import { startRunRecorder } from './run-recorder';
import { RunsPanel } from './runs-view/RunsPanel';
import { RunMessages, StatusLine } from './StatusLine';
import { StepThroughView } from './step-through/StepThrough';
import { LossSurfaceTab } from './surface/LossSurfaceTab';
import './training.css';

export { recordRun, makeRun, removeRun, settingsDiff } from './runs';

const TABS: { id: TrainingTab; label: string }[] = [
  { id: 'live', label: 'Live' },
  { id: 'charts', label: 'Charts' },
  { id: 'inside', label: 'Inside a node' },
  { id: 'images', label: 'Images' },
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'runs', label: 'Runs' },
  { id: 'step', label: 'Step through' },
  { id: 'surface', label: 'Loss surface' },
];

export interface TrainingPanelProps {
  /** Keep the engine loaded with the editor's project (default true; tests may drive loads themselves). */
  syncEngine?: boolean;
}

export function TrainingPanel({ syncEngine = true }: TrainingPanelProps) {
  const images = useHasImageViews();
  const chosen = useTrainingView((s) => s.tab);
  const tab = chosen === 'images' && !images ? 'live' : chosen;
  useEffect(() => {
    startLive();
    startRunRecorder();
    if (syncEngine) startEngineSync();
  }, [syncEngine]);
  return (
    <section className="bp-training" aria-label="Training">
      <div className="bp-training-head">
        <Controls />
        <StatusLine />
        <RunMessages />
      </div>
      <div className="bp-tabs" role="tablist">
        {TABS.filter((t) => t.id !== 'images' || images).map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'bp-on' : undefined} data-testid={`training-tab-${t.id}`} onClick={() => useTrainingView.getState().set({ tab: t.id })}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="bp-tab-body" role="tabpanel">
        {tab === 'live' && <LiveTab />}
        {tab === 'charts' && <ChartsTab />}
        {tab === 'inside' && <NodeInspector />}
        {tab === 'images' && <ImageViewsPanel />}
        {tab === 'evaluate' && <EvaluationView />}
        {tab === 'runs' && <RunsPanel />}
        {tab === 'step' && <StepThroughView />}
        {tab === 'surface' && <LossSurfaceTab />}
      </div>
    </section>
  );
}

function LiveTab() {
  const loaded = useTrainingStore((s) => s.summary !== null);
  const unavailable = useBoundaryUnavailable();
  return (
    <div className="bp-live">
      {loaded && !unavailable && (
        <div className="bp-live-map">
          <div className="bp-section-title">Decision boundary</div>
          <DecisionBoundary />
        </div>
      )}
      <div className="bp-live-charts">
        <LossChart />
        <MetricChart />
      </div>
      <div className="bp-live-network" tabIndex={0} role="region" aria-label="Network view (scrolls sideways when wide)">
        <div className="bp-section-title">Network{unavailable ? '' : ' · each neuron over the input plane'}</div>
        <NetworkView />
        {unavailable && <div className="bp-hint">No decision boundary: {unavailable}.</div>}
      </div>
    </div>
  );
}

function ChartsTab() {
  const regression = useTrainingStore((s) => s.summary?.task === 'regression');
  return (
    <div className="bp-chart-grid">
      <StepLossChart />
      <LearningRateChart />
      <GradientNormChart />
      <WeightNormChart />
      {regression && <MaeChart />}
    </div>
  );
}
