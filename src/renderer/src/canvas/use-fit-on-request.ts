/** Fits the network into view when asked (after New, Open, Auto-layout), once nodes are measured. */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { fitViewOptions } from './fit-view';

const SETTLE_MS = 60;

export function useFitOnRequest(): void {
  const { fitView } = useReactFlow();
  const flowStore = useStoreApi();
  const request = useUiStore((s) => s.fitRequest);
  // The project the window starts with (a recovered or template project) is fitted too.
  useEffect(() => {
    if (useProjectStore.getState().project.graph.nodes.length > 0) useUiStore.getState().requestFit();
  }, []);
  useEffect(() => {
    if (request === 0) return;
    const timer = setTimeout(() => void fitView(fitViewOptions(flowStore.getState().height)), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [request, fitView, flowStore]);
}
