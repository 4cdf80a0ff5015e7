/** Fits the network into view when asked (after New, Open, Auto-layout), once nodes are measured. */
import { useReactFlow, useStoreApi, type FitViewOptions } from '@xyflow/react';
import { useEffect } from 'react';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { fitViewOptions } from './fit-view';

const SETTLE_MS = 60;

/**
 * Fits the view to the network, or does nothing on an empty canvas. React Flow queues a fit
 * asked for while there are no nodes and runs it when the first node appears: the first node
 * dropped on a blank canvas would jump to the centre and the view zoom in. So never ask then.
 */
export function fitNetwork(fitView: (options: FitViewOptions) => Promise<boolean>, paneHeight: number): void {
  if (useProjectStore.getState().project.graph.nodes.length === 0) return;
  void fitView(fitViewOptions(paneHeight));
}

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
    const timer = setTimeout(() => fitNetwork(fitView, flowStore.getState().height), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [request, fitView, flowStore]);
}
