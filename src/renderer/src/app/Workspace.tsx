/** The window below the toolbar: palette | canvas over the training panels | inspector. */
import { useState } from 'react';
import { Canvas } from '../canvas/Canvas';
import { RefusalToast } from '../canvas/ConnectionHint';
import { useFitOnRequest } from '../canvas/use-fit-on-request';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { QuickAdd } from '../palette/QuickAdd';
import { useUiStore } from '../store/ui-store';
import { ErrorBanner, NoticeToast, RecoveryBanner } from './Banners';
import { Splitter } from './Splitter';
import { TrainingSlot } from './TrainingSlot';

const TRAINING_HEIGHT = { initial: 300, min: 160, max: 720 };

export function Workspace() {
  const panels = useUiStore((s) => s.panels);
  const [trainingHeight, setTrainingHeight] = useState(TRAINING_HEIGHT.initial);
  useFitOnRequest();
  const columns = [panels.palette ? 'var(--palette-width)' : '', 'minmax(0, 1fr)', panels.inspector ? 'var(--inspector-width)' : ''].filter(Boolean).join(' ');
  return (
    <div className="workspace" style={{ gridTemplateColumns: columns }}>
      {panels.palette && <Palette />}
      <main className="centre">
        <div className="centre__messages">
          <ErrorBanner />
          <RecoveryBanner />
        </div>
        <Canvas />
        {panels.training && (
          <>
            <Splitter height={trainingHeight} min={TRAINING_HEIGHT.min} max={TRAINING_HEIGHT.max} onResize={setTrainingHeight} />
            <section className="training-slot" style={{ height: trainingHeight }} aria-label="Training">
              <TrainingSlot />
            </section>
          </>
        )}
      </main>
      {panels.inspector && <Inspector />}
      <QuickAdd />
      <RefusalToast />
      <NoticeToast />
    </div>
  );
}
