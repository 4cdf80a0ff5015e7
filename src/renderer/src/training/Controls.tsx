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

const LR_MIN = 1e-5;
const LR_MAX = 100;

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
      <button type="button" className="bp-btn bp-primary" data-testid="train" disabled={!canStart} onClick={() => void train()} title="Train for the configured number of epochs">
        ▶ Train
      </button>
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

/** Log-scale slider plus a number field; the engine applies a new rate from its next step. */
export function LearningRate() {
  const current = useTrainingStore((s) => s.training?.learningRate ?? null);
  // Before the engine has the project, the field shows (greyed) the rate the project sets.
  const planned = useProjectStore((s) => s.project.training.optimizer.learningRate);
  const locked = useProjectStore((s) => !s.teacherMode && isSettingLocked(s.project.lesson?.locks, 'training', 'optimizer.learningRate'));
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing && current !== null) setText(formatValue(current));
  }, [current, editing]);
  const commit = (value: number) => {
    setEditing(false);
    if (!(value > 0) || !Number.isFinite(value)) {
      setText(current === null ? '' : formatValue(current));
      return;
    }
    setText(formatValue(value));
    useTrainingStore.getState().setLearningRate(value);
  };
  const shown = current ?? planned;
  const slider = shown > 0 ? Math.log10(Math.min(LR_MAX, Math.max(LR_MIN, shown))) : -2;
  return (
    <label className="bp-lr" title={locked ? 'The learning rate is locked by the lesson' : 'Learning rate: changes take effect at the next step'}>
      <span>Learning rate</span>
      <input
        type="range"
        aria-label="Learning rate (log scale)"
        min={Math.log10(LR_MIN)}
        max={Math.log10(LR_MAX)}
        step={0.05}
        value={slider}
        disabled={current === null || locked}
        onChange={(e) => commit(Number(Number(10 ** Number(e.target.value)).toPrecision(2)))}
      />
      <input
        type="text"
        inputMode="decimal"
        data-testid="learning-rate"
        className="bp-lr-input"
        value={text}
        placeholder={formatValue(planned)}
        disabled={current === null || locked}
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
            setText(current === null ? '' : formatValue(current));
          }
        }}
      />
    </label>
  );
}
