/**
 * The speed control beside Train: one step at a time, 1, 5 or 20 steps per second (every step
 * drawn), or as fast as possible; and "until stopped" (no epoch limit). Both are saved in the
 * project's `ui` section and sent to the engine whenever it (re)loads a project.
 */
import { useEffect } from 'react';
import { PACE_CHOICES, paceLabel, type TrainingPace } from '../../../shared/protocol-pace';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store';
import { setUiCommand } from '../store/settings-commands';

export function useTrainingPace(): { pace: TrainingPace; untilStopped: boolean } {
  const pace = useProjectStore((s) => s.project.ui?.pace ?? 'max');
  const untilStopped = useProjectStore((s) => s.project.ui?.untilStopped ?? false);
  return { pace, untilStopped };
}

/** Sends the project's pace to the engine after each load (a restarted engine starts at full speed). */
function useEnginePace(pace: TrainingPace, untilStopped: boolean): void {
  const summary = useTrainingStore((s) => s.summary);
  useEffect(() => {
    if (summary) useTrainingStore.getState().setPace(pace, untilStopped);
  }, [summary, pace, untilStopped]);
}

const choiceValue = (p: TrainingPace) => String(p);
const parseChoice = (v: string): TrainingPace => (v === 'step' || v === 'max' ? v : Number(v));

export function TrainSpeed() {
  const { pace, untilStopped } = useTrainingPace();
  useEnginePace(pace, untilStopped);
  const set = (patch: { pace?: TrainingPace; untilStopped?: boolean }) => {
    const next = { pace, untilStopped, ...patch };
    useProjectStore.getState().run(setUiCommand({ pace: next.pace === 'max' ? undefined : next.pace, untilStopped: next.untilStopped || undefined }));
  };
  const choices = PACE_CHOICES.includes(pace) ? PACE_CHOICES : [...PACE_CHOICES, pace];
  return (
    <span className="bp-speed">
      <label title="How fast Train runs. Slow paces draw the boundary, the network and the charts after every step.">
        <select data-testid="train-speed" aria-label="Training speed" value={choiceValue(pace)} onChange={(e) => set({ pace: parseChoice(e.target.value) })}>
          {choices.map((p) => (
            <option key={choiceValue(p)} value={choiceValue(p)}>
              {paceLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="bp-until" title="Ignore the number of epochs: train until you press Stop (early stopping still applies)">
        <input type="checkbox" data-testid="train-until-stopped" checked={untilStopped} onChange={(e) => set({ untilStopped: e.target.checked })} />
        <span>until stopped</span>
      </label>
    </span>
  );
}
