/** The computational-graph canvas: React Flow over the compgraph store. */
import { Background, BackgroundVariant, Controls, ReactFlow, useReactFlow, type Connection, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { usePaletteDrop } from '../canvas/drop';
import { isScalarOp } from '../../../shared/compgraph/ops';
import { useUiStore } from '../store/ui-store';
import { useCompGraphStore } from './compgraph-store';
import { ScalarBlock, type ScalarFlowNode } from './ScalarBlock';
import { SCALAR_OP_MIME } from './ScalarPalette';
import { ValueWire, type ValueFlowEdge } from './ValueWire';
import { buildViews, tangentVariable } from './view-model';

const nodeTypes = { scalar: ScalarBlock };
const edgeTypes = { value: ValueWire };

export function CompGraphCanvas() {
  const project = useCompGraphStore((s) => s.project)!;
  const run = useCompGraphStore((s) => s.run);
  const selected = useCompGraphStore((s) => s.selected);
  const flow = useReactFlow();
  const graph = project.graph;
  const views = useMemo(() => buildViews(graph, run), [graph, run]);
  const tangentOf = tangentVariable(run);
  const opened = useCompGraphStore((s) => s.opened);
  const fitted = useRef(0);
  const empty = graph.nodes.length === 0;
  // Fit each newly opened graph into view once, after React Flow has measured its blocks; a blank
  // graph is not fitted, so the first block dropped stays where it was dropped.
  useEffect(() => {
    if (fitted.current === opened) return;
    fitted.current = opened;
    if (empty) return;
    // Not cancelled by a re-render: `fitted` already says this document has had its fit.
    setTimeout(() => void flow.fitView({ padding: 0.12, maxZoom: 1.1, duration: 0 }), 120);
  }, [opened, empty, flow]);

  const nodes = useMemo(
    (): ScalarFlowNode[] =>
      graph.nodes.map((n, i) => ({ id: n.id, type: 'scalar', position: n.position, selected: n.id === selected, data: { view: views.blocks[i]!, tangentOf } })),
    [graph.nodes, views, selected, tangentOf],
  );
  const edges = useMemo(
    (): ValueFlowEdge[] => graph.edges.map((e, i) => ({ id: e.id, type: 'value', source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle, data: { view: views.wires[i]! } })),
    [graph.edges, views],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ScalarFlowNode>[]) => {
      const store = useCompGraphStore.getState();
      for (const c of changes) {
        if (c.type === 'position' && c.position) store.moveNode(c.id, c.position);
        if (c.type === 'select' && c.selected) store.select(c.id);
      }
    },
    [],
  );

  const onConnect = useCallback((c: Connection) => {
    if (!c.source || !c.target || !c.targetHandle) return;
    const refusal = useCompGraphStore.getState().connect(c.source, c.target, c.targetHandle);
    if (refusal) useUiStore.getState().showError(refusal);
  }, []);

  const dropBlock = useCallback(
    (op: string, point: { x: number; y: number }) => {
      if (!isScalarOp(op)) return;
      const at = flow.screenToFlowPosition(point);
      useCompGraphStore.getState().addNode(op, { x: Math.round(at.x - 70), y: Math.round(at.y - 30) });
    },
    [flow],
  );
  const { onDragOver, onDrop } = usePaletteDrop(SCALAR_OP_MIME, dropBlock);

  return (
    <div className="canvas cg-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onPaneClick={() => useCompGraphStore.getState().select(null)}
        onEdgeDoubleClick={(_e, edge) => useCompGraphStore.getState().removeEdge(edge.id)}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={null}
        connectionRadius={24}
        minZoom={0.2}
        maxZoom={2.5}
        aria-label="Computational graph canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="var(--canvas-dots, #c7cfdb)" />
        <Controls showInteractive={false} />
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <div className="canvas-empty__title">Build a computational graph</div>
          <p>Drag variables θᵢ, constants and operations from the palette, and wire each block&apos;s output to the inputs of the next.</p>
          <p>Mark the block that computes g as the output, then run the forward pass and the backward pass.</p>
        </div>
      )}
    </div>
  );
}
