/**
 * Train, Pause, Resume, Step (one mini-batch), Step epoch, Stop, Reset weights, and the live
 * learning rate. Train and Step first load the project into the engine if it changed.
 */
import { useEffect, useState } from 'react';
import { useTrainingStore } from '../engine-client';
import { isSettingLocked } from '../../../shared/lesson-locks';
import { useProjectStore } from '../store';
import { engineIsStale, ensureLoaded, loadNow } from './engine-sync';
import { formatValue } from './format';
import { startStepThrough } from './step-through/store';
import { TrainSpeed } from './TrainSpeed';

const LR_MIN = 1e-5;
const LR_MAX = 100;
/** A slider position (log10 of the rate) as a rate with two significant digits. */
const fromSlider = (position: number): number => Number((10 ** position).toPrecision(2));

async function train(): Promise<void> {
  await ensureLoaded();
  const s = useTrainingStore.getState();
  if (!s.summary) return;
  const status = s.training?.status;
  // After a divergence the weights hold NaN: start again from the seed.
  if (status === 'diverged') s.reset();
  if (status === 'paused') s.resume();
  else s.train();
}

async function step(unit: 'batch' | 'epoch'): Promise<void> {
  await ensureLoaded();
  const s = useTrainingStore.getState();
  if (s.summary) s.step(unit);
}

function reset(): void {
  if (engineIsStale()) void loadNow();
  else useTrainingStore.getState().reset();
}

export function Controls() {
  const status = useTrainingStore((s) => s.training?.status ?? null);
  const ready = useTrainingStore((s) => s.summary !== null || s.issues.length === 0);
  const store = useTrainingStore.getState();
  const running = status === 'training';
  const paused = status === 'paused';
  const canStart = ready && !running; // when paused, Train continues the run (like Resume)
  return (
    <div className="bp-controls" role="toolbar" aria-label="Training controls">
      <button type="button" className="bp-btn bp-primary" data-testid="train" disabled={!canStart} onClick={() => void train()} title="Train at the chosen speed, for the configured number of epochs (or until stopped)">
        ▶ Train
      </button>
      <TrainSpeed />
      <button type="button" className="bp-btn" data-testid="pause" disabled={!running} onClick={() => store.pause()}>
        ❚❚ Pause
      </button>
      <button type="button" className="bp-btn" data-testid="resume" disabled={!paused} onClick={() => store.resume()}>
        ▶ Resume
      </button>
      <button type="button" className="bp-btn" data-testid="step" disabled={running || status === 'diverged' || !ready} onClick={() => void step('batch')} title="Train on one mini-batch, then pause">
        Step
      </button>
      <button type="button" className="bp-btn" data-testid="step-epoch" disabled={running || status === 'diverged' || !ready} onClick={() => void step('epoch')} title="Train to the end of the current epoch, then pause">
        Step epoch
      </button>
      <button type="button" className="bp-btn" data-testid="stop" disabled={!running && !paused} onClick={() => store.stop()} title="End the run (it is kept under Runs)">
        ■ Stop
      </button>
      <button type="button" className="bp-btn" data-testid="reset" disabled={running || status === null} onClick={reset} title="Re-initialise the weights from the seed">
        ↺ Reset
      </button>
      <button type="button" className="bp-btn" data-testid="step-through" disabled={running || !ready} onClick={() => void startStepThrough()} title="Step through one training step on one sample: forward, loss, backward, update">
        Step through
      </button>
      <LearningRate />
    </div>
  );
}

/**
 * Log-scale slider plus a number field for the project's learning rate (the one rate: the
 * Training tab edits the same setting). A change is an undo step, reaches the engine at once
 * (engine-sync), so a run in progress uses it from its next step, and is saved with the project.
 * With a schedule this is the base rate η₀; the rate the schedule gives now is shown beside it.
 */
export function LearningRate() {
  const optimizer = useProjectStore((s) => s.project.training.optimizer);
  const scheduled = useProjectStore((s) => (s.project.training.schedule?.type ?? 'constant') !== 'constant');
  const current = useTrainingStore((s) => s.training?.learningRate ?? null);
  const locked = useProjectStore((s) => !s.teacherMode && isSettingLocked(s.project.lesson?.locks, 'training', 'optimizer.learningRate'));
  const rate = optimizer.learningRate;
  const [text, setText] = useState(() => formatValue(rate));
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The slider's position while it is being moved (log10 of the rate), committed when let go. */
  const [dragged, setDragged] = useState<number | null>(null);
  useEffect(() => {
    if (!editing) setText(formatValue(rate));
  }, [rate, editing]);
  const commit = (value: number) => {
    setEditing(false);
    if (!(value > 0) || !Number.isFinite(value)) {
      setProblem('The learning rate must be a number above 0.');
      setText(formatValue(rate));
      return;
    }
    setProblem(useProjectStore.getState().setTraining({ optimizer: { ...useProjectStore.getState().project.training.optimizer, learningRate: value } }));
    setText(formatValue(value));
  };
  const slider = Math.log10(Math.min(LR_MAX, Math.max(LR_MIN, rate)));
  const endDrag = () => {
    if (dragged === null) return;
    setDragged(null);
    commit(fromSlider(dragged));
  };
  return (
    <label className="bp-lr" title={locked ? 'The learning rate is locked by the lesson' : (problem ?? 'Learning rate of the project (also under Training): a change takes effect at the next step and can be undone')}>
      <span>Learning rate</span>
      <input
        type="range"
        aria-label="Learning rate (log scale)"
        min={Math.log10(LR_MIN)}
        max={Math.log10(LR_MAX)}
        step={0.05}
        value={dragged ?? slider}
        disabled={locked}
        // While dragging only the field follows; letting go commits one undo step, not one per pixel.
        onChange={(e) => {
          const value = Number(e.target.value);
          setDragged(value);
          setText(formatValue(fromSlider(value)));
        }}
        onPointerUp={endDrag}
        onKeyUp={endDrag}
        onBlur={endDrag}
      />
      <input
        type="text"
        inputMode="decimal"
        data-testid="learning-rate"
        className="bp-lr-input"
        aria-invalid={problem ? true : undefined}
        value={text}
        disabled={locked}
        onFocus={() => setEditing(true)}
        onChange={(e) => {
          setEditing(true);
          setText(e.target.value);
        }}
        onBlur={() => editing && commit(Number(text))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(Number(text));
          if (e.key === 'Escape') {
            setEditing(false);
            setText(formatValue(rate));
          }
        }}
      />
      {scheduled && current !== null && current !== rate && (
        <span className="bp-hint" data-testid="scheduled-rate">
          now {formatValue(current)} (schedule)
        </span>
      )}
    </label>
  );
}
