/** Adding a node of a type at a screen point (drop, quick-add) or at the centre of the view. */
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useProjectStore } from '../store/project-store';
import type { ScreenPoint } from '../store/ui-store';
import { DEFAULT_NODE_SIZE } from './auto-layout';
import { canvasCentre } from './viewport';

/** Nodes added at the same spot are shifted by this much so none hides another. */
const CASCADE = 24;

export function useAddNode(): (type: string, at?: ScreenPoint) => string | null {
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (type, at) => {
      const centre = screenToFlowPosition(at ?? canvasCentre());
      let position = { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - DEFAULT_NODE_SIZE.height / 2 };
      const taken = useProjectStore.getState().project.graph.nodes.map((n) => n.position);
      while (taken.some((p) => Math.abs(p.x - position.x) < 8 && Math.abs(p.y - position.y) < 8)) {
        position = { x: position.x + CASCADE, y: position.y + CASCADE };
      }
      return useProjectStore.getState().addNode(type, position);
    },
    [screenToFlowPosition],
  );
}
