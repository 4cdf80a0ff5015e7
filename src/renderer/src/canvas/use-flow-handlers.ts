/** React Flow's change events turned into store commands: selection, drags (one undo step), connections. */
import type { Connection, EdgeChange, FinalConnectionState, NodeChange, OnConnectEnd } from '@xyflow/react';
import { useCallback } from 'react';
import { checkConnection, type ConnectionAttempt } from '../../../shared/graph-connection';
import { analyzeProjectGraph } from '../store/analysis';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import type { XY } from '../store/types';
import type { NetworkFlowNode, ShapeFlowEdge } from './flow-model';

/** Why the edge would be refused, from the current document; null if it is fine. */
export function connectionRefusal(attempt: ConnectionAttempt): string | null {
  const { project, csv } = useProjectStore.getState();
  return checkConnection(project.graph, attempt, analyzeProjectGraph(project.graph, project.data, csv).ctx);
}

/** The attempted edge in source → target order, whichever end the user started from. */
export function attemptFrom(state: Pick<FinalConnectionState, 'fromHandle' | 'toHandle'>): ConnectionAttempt | null {
  const { fromHandle: from, toHandle: to } = state;
  if (!from || !to) return null;
  const [source, target] = from.type === 'source' ? [from, to] : [to, from];
  return { source: source.nodeId, sourceHandle: source.id ?? null, target: target.nodeId, targetHandle: target.id ?? null };
}

function toggleAll(current: string[], changes: { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

export function useFlowHandlers() {
  const onNodesChange = useCallback((changes: NodeChange<NetworkFlowNode>[]) => {
    const sizes: Record<string, { width: number; height: number }> = {};
    const moved: Record<string, XY> = {};
    const selects: { id: string; selected: boolean }[] = [];
    let dragEnded = false;
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
      else if (change.type === 'position' && change.position) {
        moved[change.id] = change.position;
        if (!change.dragging) dragEnded = true;
      } else if (change.type === 'select') selects.push({ id: change.id, selected: change.selected });
    }
    if (Object.keys(sizes).length > 0) useUiStore.getState().setMeasured(sizes);
    const store = useProjectStore.getState();
    if (selects.length > 0) store.setSelection({ ...store.selection, nodes: toggleAll(store.selection.nodes, selects) });
    if (Object.keys(moved).length > 0) {
      useProjectStore.getState().dragNodes(moved);
      if (dragEnded) useProjectStore.getState().endDrag();
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const selects = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
    if (selects.length === 0) return;
    const store = useProjectStore.getState();
    store.setSelection({ ...store.selection, edges: toggleAll(store.selection.edges, selects) });
  }, []);

  const isValidConnection = useCallback((c: Connection | ShapeFlowEdge) => connectionRefusal(c) === null, []);

  const onConnect = useCallback((c: Connection) => {
    const reason = useProjectStore.getState().connect(c);
    if (reason) useUiStore.getState().showRefusal({ message: reason, ...lastPoint });
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback((event, state) => {
    const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
    lastPoint = { x: point.clientX, y: point.clientY };
    if (state.isValid !== false) return;
    const attempt = attemptFrom(state);
    const reason = attempt && connectionRefusal(attempt);
    if (reason) useUiStore.getState().showRefusal({ message: reason, ...lastPoint });
  }, []);

  return { onNodesChange, onEdgesChange, isValidConnection, onConnect, onConnectEnd };
}

let lastPoint = { x: 0, y: 0 };
