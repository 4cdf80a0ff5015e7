/** The window below the toolbar while a computational graph is open: palette | canvas with the run controls | side panel. */
import { useReactFlow } from '@xyflow/react';
import type { ScalarOp } from '../../../shared/compgraph/ops';
import { ErrorBanner, NoticeToast } from '../app/Banners';
import { BlockInspector } from './BlockInspector';
import { CompGraphCanvas } from './CompGraphCanvas';
import { CompGraphLessonPanel } from './CompGraphLessonPanel';
import { useCompGraphStore } from './compgraph-store';
import { GradientPanel } from './GradientPanel';
import { NetworkLink } from './NetworkLink';
import { RunControls } from './RunControls';
import { ScalarPalette } from './ScalarPalette';
import '../styles/compgraph.css';

export function CompGraphWorkspace() {
  const flow = useReactFlow();
  const add = (op: ScalarOp) => {
    const box = document.querySelector('.cg-canvas')?.getBoundingClientRect();
    const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    const count = useCompGraphStore.getState().project!.graph.nodes.length;
    useCompGraphStore.getState().addNode(op, { x: Math.round(centre.x - 70 + (count % 5) * 24), y: Math.round(centre.y - 30 + (count % 5) * 24) });
  };
  const hasLesson = useCompGraphStore((s) => s.project?.lesson !== undefined);
  return (
    <div className={`workspace cg-workspace${hasLesson ? ' cg-workspace--lesson' : ''}`} data-testid="compgraph-workspace">
      <ScalarPalette onAdd={add} />
      <CompGraphLessonPanel />
      <main className="centre">
        <div className="centre__messages">
          <ErrorBanner />
        </div>
        <RunControls />
        <CompGraphCanvas />
      </main>
      <aside className="inspector cg-panel" aria-label="Differentiation">
        <section>
          <h3 className="cg-panel__heading">Block</h3>
          <BlockInspector />
        </section>
        <section>
          <h3 className="cg-panel__heading">Gradient</h3>
          <GradientPanel />
        </section>
        <NetworkLink />
      </aside>
      <NoticeToast />
    </div>
  );
}
