/** The controlled nodes and edges for <ReactFlow>, re-derived when the document changes. */
import { useMemo, useRef } from 'react';
import { lockedNodeIds } from '../../../shared/lesson-locks';
import { analyzeProjectGraph } from '../store/analysis';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { reuseUnchanged, toFlowEdges, toFlowNodes, type NetworkFlowNode, type ShapeFlowEdge } from './flow-model';

export function useProjectAnalysis() {
  const graph = useProjectStore((s) => s.project.graph);
  const data = useProjectStore((s) => s.project.data);
  const csv = useProjectStore((s) => s.csv);
  return analyzeProjectGraph(graph, data, csv);
}

export function useFlowElements(): { nodes: NetworkFlowNode[]; edges: ShapeFlowEdge[] } {
  const graph = useProjectStore((s) => s.project.graph);
  const selection = useProjectStore((s) => s.selection);
  const dragPositions = useProjectStore((s) => s.dragPositions);
  const measured = useUiStore((s) => s.measured);
  const locks = useProjectStore((s) => s.project.lesson?.locks);
  const locked = useMemo(() => lockedNodeIds(locks), [locks]);
  const { analysis } = useProjectAnalysis();
  const previousNodes = useRef<NetworkFlowNode[]>([]);
  const previousEdges = useRef<ShapeFlowEdge[]>([]);

  const nodes = useMemo(() => {
    const next = reuseUnchanged(previousNodes.current, toFlowNodes({ graph, analysis, selection, dragPositions, measured, locked }));
    previousNodes.current = next;
    return next;
  }, [graph, analysis, selection, dragPositions, measured, locked]);

  const edges = useMemo(() => {
    const next = reuseUnchanged(previousEdges.current, toFlowEdges({ graph, analysis, selection }));
    previousEdges.current = next;
    return next;
  }, [graph, analysis, selection]);

  return { nodes, edges };
}
