/** Auto-layout of the whole graph as one undo step, then a fit: the command, and after an ONNX import. */
import { layoutPositions } from '../canvas/auto-layout';
import { canvasAspectRatio } from '../canvas/viewport';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';

export async function autoLayout(): Promise<void> {
  const { project } = useProjectStore.getState();
  const positions = await layoutPositions(project.graph, useUiStore.getState().measured, canvasAspectRatio());
  useProjectStore.getState().moveNodes(positions, 'Auto-layout');
  useUiStore.getState().requestFit();
}
