/** The learning-rate schedule: its type, when it steps (per epoch or per batch) and its settings. */
import { COSINE_DEFAULTS, TRAINING_DEFAULTS } from '../../../shared/project-defaults';
import type { ScheduleConfig } from '../../../shared/project-types';
import { useProjectStore } from '../store/project-store';
import { NumberField, SelectField } from './fields';
import { fieldError } from './messages';

type ScheduleType = ScheduleConfig['type'];

const SCHEDULES: { value: ScheduleType; label: string; fresh: ScheduleConfig; formula: string }[] = [
  { value: 'constant', label: 'Constant', fresh: { type: 'constant' }, formula: 'η = η₀' },
  { value: 'step', label: 'Step decay', fresh: { type: 'step', stepSize: 10, gamma: 0.5 }, formula: 'η = η₀ · γ^⌊t / step⌋' },
  { value: 'exponential', label: 'Exponential', fresh: { type: 'exponential', gamma: 0.95 }, formula: 'η = η₀ · γ^t' },
  { value: 'inverseTime', label: 'Inverse time (1/t)', fresh: { type: 'inverseTime', decay: 0.1 }, formula: 'η = η₀ / (1 + decay · t)' },
  { value: 'cosine', label: 'Cosine annealing', fresh: { type: 'cosine', period: 100 }, formula: 'η = ηmin + (η₀ − ηmin)(1 + cos(π t / T)) / 2' },
];

const FIELDS: Record<string, { label: string; hint: string }> = {
  stepSize: { label: 'Step size', hint: 'How many epochs (or steps) between two decays.' },
  gamma: { label: 'γ', hint: 'Factor applied at each decay.' },
  decay: { label: 'Decay', hint: 'How fast η shrinks.' },
  period: { label: 'Period T', hint: 'Length of the cosine, in epochs (or steps).' },
  minLearningRate: { label: 'Minimum η', hint: 'Where the cosine ends.' },
};

export function ScheduleFields() {
  const schedule: ScheduleConfig = useProjectStore((s) => s.project.training.schedule) ?? TRAINING_DEFAULTS.schedule;
  const current = SCHEDULES.find((s) => s.value === schedule.type)!;
  const set = (label: string, next: ScheduleConfig) =>
    fieldError(label, useProjectStore.getState().setTraining({ schedule: next.type === 'constant' && !next.per ? undefined : next }));
  const choose = (type: ScheduleType) => {
    const fresh = SCHEDULES.find((s) => s.value === type)!.fresh;
    set('Schedule', schedule.per ? { ...fresh, per: schedule.per } : fresh);
  };
  const values = schedule as unknown as Record<string, number | undefined>;
  const keys = Object.keys(current.fresh).filter((k) => k !== 'type');
  if (schedule.type === 'cosine') keys.push('minLearningRate');
  return (
    <>
      <SelectField label="Schedule" value={schedule.type} options={SCHEDULES} onChange={choose} hint={current.formula} testId="schedule-type" />
      {schedule.type !== 'constant' && (
        <SelectField
          label="Counts t in"
          value={schedule.per ?? 'epoch'}
          options={[
            { value: 'epoch', label: 'Epochs' },
            { value: 'step', label: 'Steps (batches)' },
          ]}
          onChange={(per) => set('Schedule', { ...schedule, per })}
          testId="schedule-per"
        />
      )}
      {keys.map((key) => (
        <NumberField
          key={key}
          label={FIELDS[key]!.label}
          value={values[key] ?? (COSINE_DEFAULTS as Record<string, number>)[key] ?? 0}
          onCommit={(v) => set(FIELDS[key]!.label, { ...schedule, [key]: v } as ScheduleConfig)}
          hint={FIELDS[key]!.hint}
          testId={`schedule-${key}`}
        />
      ))}
    </>
  );
}
