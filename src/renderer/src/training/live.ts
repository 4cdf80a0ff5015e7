/**
 * The training panel's live state. Chart data lives in `live` (growing series, no React state
 * per message); the latest probe frame in `frames` (canvases repaint from it on animation
 * frames, without a React render per frame); the rest — tab, smoothing, chosen node — in the
 * small `useTrainingView` store. `startLive()` wires them to the training store once (a service
 * of `useServices`) and subscribes to the engine's probes (the data points arrive in the training
 * store). A replaced document clears the view's choices that named the old one's runs and nodes.
 */
import { create } from 'zustand';
import type { ProbeFrame, ProbeSubscription } from '../../../shared/protocol';
import { useTrainingStore } from '../engine-client';
import { onDocumentReplaced, useProjectStore } from '../store';
import { useServices } from '../store/services';
import { LiveSeries } from './live-series';
import { Signal } from './series';

export type TrainingTab = 'live' | 'charts' | 'inside' | 'images' | 'evaluate' | 'runs' | 'step' | 'surface';

export interface TrainingView {
  tab: TrainingTab;
  /** EMA weight of the per-step loss, 0 … 0.99. */
  smoothing: number;
  showTestPoints: boolean;
  /** The node "looking inside" shows when the canvas has no selection. */
  inspectNodeId: string | null;
  /** Recorded runs overlaid on the loss chart. */
  overlayRuns: string[];
  /** Keep the final weights with each recorded run. */
  keepWeights: boolean;
  /** A point typed in "try an input" or clicked on the plane, in raw feature units. */
  probeInput: number[] | null;
  /** The weight the step-through's "Check this gradient" asked about: the gradient check opens on it. */
  gradientCheckFocus: { nodeId: string; param: string; index: number } | null;
  set(patch: Partial<Omit<TrainingView, 'set'>>): void;
}

export const useTrainingView = create<TrainingView>()((set) => ({
  tab: 'live',
  smoothing: 0.6,
  showTestPoints: true,
  inspectNodeId: null,
  overlayRuns: [],
  keepWeights: false,
  probeInput: null,
  gradientCheckFocus: null,
  set: (patch) => set(patch),
}));

/** The chart series of the current run. */
export const live = new LiveSeries(useTrainingView.getState().smoothing);

/** The newest probe frame pushed by the engine, and a signal when it changes. */
export const frames = { latest: null as ProbeFrame | null, changed: new Signal() };

export const PROBES: ProbeSubscription = {
  boundary: { resolution: 64, neurons: true, neuronResolution: 24 },
  norms: true,
  network: true,
  intervalMs: 70,
};

/** Connects the live state to the stores and the engine; returns the function that disconnects it. */
export function connectLive(): () => void {
  live.sync(useTrainingStore.getState());
  const stopTraining = useTrainingStore.subscribe((s, prev) => {
    if (s.historyVersion !== prev.historyVersion || s.training !== prev.training) live.sync(s);
    if (s.probeFrame !== prev.probeFrame) {
      frames.latest = s.probeFrame;
      if (s.probeFrame) live.addFrame(s.probeFrame);
      frames.changed.emit();
    }
    if (s.probePoints !== prev.probePoints && useTrainingView.getState().probeInput) useTrainingView.setState({ probeInput: null });
  });
  const stopView = useTrainingView.subscribe((v, prev) => {
    if (v.smoothing !== prev.smoothing) live.setSmoothing(v.smoothing, useTrainingStore.getState());
  });
  // Overlaid runs, the inspected node and a typed input named things of the document that is gone.
  const stopDocument = onDocumentReplaced(useProjectStore, () => useTrainingView.getState().set({ overlayRuns: [], inspectNodeId: null, probeInput: null }));
  useTrainingStore.getState().subscribeProbes(PROBES);
  return () => {
    stopTraining();
    stopView();
    stopDocument();
  };
}

/** Starts the live state once (idempotent: the training panel mounts and unmounts). */
export function startLive(): void {
  useServices.getState().start('live', connectLive);
}

/** Why there is no decision boundary (the data is not 2-D), or null. */
export function useBoundaryUnavailable(): string | null {
  return useTrainingStore((s) => s.probePointsReason ?? s.probeFrame?.boundaryUnavailable ?? null);
}
