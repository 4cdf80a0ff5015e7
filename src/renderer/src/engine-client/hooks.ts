/**
 * React hooks over the in-place history of a training store: they re-render when the history
 * changes (historyVersion) and hand out the live arrays, which must not be mutated.
 */
import { useStore } from 'zustand';
import type { EpochRecord } from '../../../shared/protocol';
import type { TrainingStoreHook } from './training-store';

export interface EpochHistory {
  epochs: readonly EpochRecord[];
  count: number;
  version: number;
}

export interface StepLossView {
  /** Global step of each point (a view of the live buffer: read during render, don't keep). */
  steps: Float64Array;
  losses: Float64Array;
  count: number;
  version: number;
}

export function makeHistoryHooks(store: TrainingStoreHook) {
  function useEpochHistory(): EpochHistory {
    const version = useStore(store, (s) => s.historyVersion);
    const { epochs, epochCount } = store.getState();
    return { epochs, count: epochCount, version };
  }
  function useStepLosses(): StepLossView {
    const version = useStore(store, (s) => s.historyVersion);
    const series = store.getState().stepLosses;
    const { steps, losses } = series.view();
    return { steps, losses, count: series.length, version };
  }
  return { useEpochHistory, useStepLosses };
}
