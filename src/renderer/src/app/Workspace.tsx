/**
 * The window below the toolbar. Build mode: palette | canvas over the training panels |
 * inspector. Train mode: the training panels take most of the window, the canvas small
 * beside them. A splitter (mouse or keyboard) sets the share of each, remembered per mode.
 */
import { Canvas } from '../canvas/Canvas';
import { RefusalToast } from '../canvas/ConnectionHint';
import { useFitOnRequest } from '../canvas/use-fit-on-request';
import { Inspector } from '../inspector/Inspector';
import { SPLIT_LIMITS, useLayoutStore } from '../layout/layout-store';
import { LessonPanel } from '../lesson/LessonPanel';
import { useLessonPanelShown } from '../lesson/lesson-view';
import { LockRefusalToast } from '../lesson/LockRefusalToast';
import { LecturePanel } from '../lectures/LecturePanel';
import { Palette } from '../palette/Palette';
import { QuickAdd } from '../palette/QuickAdd';
import { useUiStore } from '../store/ui-store';
import { ErrorBanner, NoticeToast, RecoveryBanner } from './Banners';
import { Splitter } from './Splitter';
import { TrainingSlot } from './TrainingSlot';
import '../styles/layout.css';

export function Workspace() {
  const panels = useUiStore((s) => s.panels);
  const mode = useLayoutStore((s) => s.mode);
  const fraction = useLayoutStore((s) => s.split[mode]);
  const train = mode === 'train';
  const showTraining = train || panels.training;
  const showPalette = !train && panels.palette;
  const showInspector = !train && panels.inspector;
  const lessonShown = useLessonPanelShown();
  useFitOnRequest();
  const columns = [showPalette ? 'var(--palette-width)' : '', lessonShown ? 'var(--lesson-width, 320px)' : '', 'minmax(0, 1fr)', showInspector ? 'var(--inspector-width)' : ''].filter(Boolean).join(' ');
  const limits = SPLIT_LIMITS[mode];
  return (
    <div className={`workspace workspace--${mode}`} style={{ gridTemplateColumns: columns }} data-testid="workspace">
      {showPalette && <Palette />}
      {lessonShown && <LessonPanel />}
      <main className="centre">
        <div className="centre__messages">
          <ErrorBanner />
          <RecoveryBanner />
        </div>
        <div className="centre__canvas-wrap">
          <Canvas />
          <LecturePanel />
        </div>
        {showTraining && (
          <>
            <Splitter
              orientation={train ? 'vertical' : 'horizontal'}
              fraction={fraction}
              min={limits.min}
              max={limits.max}
              label={train ? 'Resize the training panel (width)' : 'Resize the training panel (height)'}
              testId="training-splitter"
              onChange={(f) => useLayoutStore.getState().setSplit(mode, f)}
            />
            <section className="training-slot" style={{ flexBasis: `${fraction * 100}%` }} aria-label="Training">
              <TrainingSlot />
            </section>
          </>
        )}
      </main>
      {showInspector && <Inspector />}
      <QuickAdd />
      <RefusalToast />
      <NoticeToast />
      <LockRefusalToast />
    </div>
  );
}
