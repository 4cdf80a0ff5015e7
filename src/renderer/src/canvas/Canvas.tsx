/** The network canvas: React Flow, controlled by the project store. */
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, type MouseEvent as ReactMouseEvent } from 'react';
import { useLayoutStore } from '../layout/layout-store';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { LiveConnectionHint } from './ConnectionHint';
import { NODE_TYPE_MIME, usePaletteDrop } from './drop';
import type { NetworkFlowNode } from './flow-model';
import { GraphBanner } from './GraphBanner';
import { NetworkNode } from './NetworkNode';
import { ShapeEdge } from './ShapeEdge';
import { useAddNode } from './use-add-node';
import { useFlowElements } from './use-flow-elements';
import { useFlowHandlers } from './use-flow-handlers';
import { registerCanvasElement, trackPointer } from './viewport';
import '../styles/canvas.css';

const nodeTypes = { network: NetworkNode };
const edgeTypes = { shape: ShapeEdge };

export const CATEGORY_COLOURS: Record<string, string> = {
  input: '#2f6fdf',
  layer: '#7c5cdb',
  activation: '#e08a1e',
  regularization: '#17a398',
  merge: '#64748b',
  loss: '#d9487a',
  unknown: '#94a3b8',
};

function minimapColour(node: Node): string {
  return CATEGORY_COLOURS[(node as NetworkFlowNode).data.category] ?? CATEGORY_COLOURS.unknown!;
}

function EmptyCanvasHint() {
  return (
    <div className="canvas-empty" data-testid="canvas-empty">
      <div className="canvas-empty__title">Build a network</div>
      <p>Drag nodes from the palette onto the canvas, or right-click (or press Space) to add one where you are.</p>
      <p>Wire an output port to an input port. Start with an Input, end with a loss.</p>
      <p className="canvas-empty__muted">Or open a ready-made network from New ▾.</p>
    </div>
  );
}

/** While a selection box is drawn, no text anywhere on the page is selected (the pointer may leave the canvas). */
function startBoxSelect(): void {
  document.getSelection()?.removeAllRanges();
  document.body.classList.add('is-box-selecting');
}

function endBoxSelect(): void {
  document.body.classList.remove('is-box-selecting');
}

export function Canvas() {
  const { nodes, edges } = useFlowElements();
  const handlers = useFlowHandlers();
  const addNode = useAddNode();
  const empty = useProjectStore((s) => s.project.graph.nodes.length === 0);
  // In Train mode the canvas is small: the minimap would cover much of it.
  const minimap = useLayoutStore((s) => s.mode === 'build') && !empty;

  const { onDragOver, onDrop } = usePaletteDrop(NODE_TYPE_MIME, addNode);

  const onPaneContextMenu = useCallback((event: ReactMouseEvent | MouseEvent) => {
    event.preventDefault();
    useUiStore.getState().openQuickAdd({ x: event.clientX, y: event.clientY });
  }, []);

  return (
    <div
      className="canvas"
      ref={registerCanvasElement}
      onPointerMove={(e) => trackPointer({ x: e.clientX, y: e.clientY })}
      onPointerLeave={() => trackPointer(null)}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...handlers}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onPaneContextMenu={onPaneContextMenu}
        onSelectionStart={startBoxSelect}
        onSelectionEnd={endBoxSelect}
        deleteKeyCode={null}
        panActivationKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        connectionRadius={28}
        minZoom={0.2}
        maxZoom={2.5}
        aria-label="Network canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="var(--canvas-dots, #c7cfdb)" />
        {minimap && <MiniMap pannable zoomable nodeColor={minimapColour} nodeBorderRadius={8} style={{ width: 168, height: 104 }} />}
        <Controls showInteractive={false} />
        <LiveConnectionHint />
        {!empty && <GraphBanner />}
      </ReactFlow>
      {empty && <EmptyCanvasHint />}
    </div>
  );
}
