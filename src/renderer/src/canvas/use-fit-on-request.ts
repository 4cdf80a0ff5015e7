/** Fits the network into view when asked (after New, Open, Auto-layout), once nodes are measured. */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { FIT_VIEW_OPTIONS } from './fit-view';

const SETTLE_MS = 60;

export function useFitOnRequest(): void {
  const { fitView } = useReactFlow();
  const request = useUiStore((s) => s.fitRequest);
  // The project the window starts with (a recovered or template project) is fitted too.
  useEffect(() => {
    if (useProjectStore.getState().project.graph.nodes.length > 0) useUiStore.getState().requestFit();
  }, []);
  useEffect(() => {
    if (request === 0) return;
    const timer = setTimeout(() => void fitView(FIT_VIEW_OPTIONS), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [request, fitView]);
}
