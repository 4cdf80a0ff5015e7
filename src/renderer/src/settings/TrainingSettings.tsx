/** Training settings: optimiser, schedule, batching, epochs, seed, early stopping, extras. */
import { EARLY_STOPPING_DEFAULTS, TRAINING_DEFAULTS } from '../../../shared/project-defaults';
import type { SamplingMode } from '../../../shared/project-types';
import { useProjectStore } from '../store/project-store';
import { BatchSizeField } from './BatchSizeField';
import { CheckboxField, NumberField, Section, SelectField } from './fields';
import { fieldError } from './messages';
import { OptimizerFields } from './OptimizerFields';
import { ScheduleFields } from './ScheduleFields';
import '../styles/settings.css';

const SAMPLING: { value: SamplingMode; label: string }[] = [
  { value: 'shuffle', label: 'Shuffle every epoch' },
  { value: 'sequential', label: 'In order (no shuffling)' },
  { value: 'replacement', label: 'With replacement (bootstrap)' },
];

const setTraining = (label: string, patch: Parameters<ReturnType<typeof useProjectStore.getState>['setTraining']>[0]) =>
  fieldError(label, useProjectStore.getState().setTraining(patch));

function EarlyStoppingFields() {
  const early = useProjectStore((s) => s.project.training.earlyStopping);
  const filled = early && { ...EARLY_STOPPING_DEFAULTS, ...early };
  return (
    <>
      <CheckboxField
        label="Stop early when validation stops improving"
        checked={Boolean(early)}
        onChange={(on) => setTraining('Early stopping', { earlyStopping: on ? { patience: 20, restoreBest: true } : undefined })}
        hint="Needs a validation split."
        testId="early-stopping"
      />
      {filled && (
        <>
          <NumberField label="Patience" unit="epochs" value={filled.patience} onCommit={(v) => setTraining('Patience', { earlyStopping: { ...early, patience: v } })} hint="Epochs without improvement before stopping." testId="early-patience" />
          <NumberField label="Minimum improvement" value={filled.minDelta} onCommit={(v) => setTraining('Minimum improvement', { earlyStopping: { ...early, minDelta: v } })} hint="Smaller drops of the validation loss do not count." testId="early-minDelta" />
          <CheckboxField label="Restore the best weights" checked={filled.restoreBest} onChange={(on) => setTraining('Restore best', { earlyStopping: { ...early, restoreBest: on } })} testId="early-restoreBest" />
        </>
      )}
    </>
  );
}

export function TrainingSettings() {
  const training = useProjectStore((s) => s.project.training);
  return (
    <div className="settings" data-testid="training-settings">
      <Section title="Optimiser">
        <OptimizerFields />
      </Section>
      <Section title="Learning-rate schedule">
        <ScheduleFields />
      </Section>
      <Section title="Batches and epochs">
        <BatchSizeField />
        <SelectField
          label="Sampling"
          value={training.sampling ?? TRAINING_DEFAULTS.sampling}
          options={SAMPLING}
          onChange={(sampling) => setTraining('Sampling', { sampling })}
          testId="sampling"
        />
        <div className="field-row">
          <NumberField label="Epochs" value={training.epochs} onCommit={(v) => setTraining('Epochs', { epochs: v })} testId="epochs" />
          <NumberField label="Seed" value={training.seed} onCommit={(v) => setTraining('Seed', { seed: v })} testId="seed" />
        </div>
        <p className="field__hint">The same seed gives the same initial weights, shuffles and data: runs repeat exactly.</p>
      </Section>
      <Section title="Early stopping">
        <EarlyStoppingFields />
      </Section>
      <Section title="Extras">
        <NumberField label="L1 penalty λ" value={training.l1 ?? TRAINING_DEFAULTS.l1} onCommit={(v) => setTraining('L1 penalty', { l1: v || undefined })} hint="Adds λ·Σ|w| to the loss: pushes weights to exactly zero." testId="l1" />
        <CheckboxField
          label="Evaluate with averaged weights (Polyak)"
          checked={training.averaging ?? TRAINING_DEFAULTS.averaging}
          onChange={(on) => setTraining('Averaging', { averaging: on || undefined })}
          testId="averaging"
        />
      </Section>
    </div>
  );
}
