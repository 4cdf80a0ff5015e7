/** Project data: a built-in dataset with its options, or an imported CSV; normalisation and split. */
import { builtinDatasets, builtinShapeInfo, type BuiltinDatasetInfo, type DatasetOptionSpec } from '../../../shared/data/catalog';
import { DATA_DEFAULTS } from '../../../shared/project-defaults';
import { isCsvData, type BuiltinDataConfig, type NormalizeMode } from '../../../shared/project-types';
import { DataPreview } from '../image-views';
import { useProjectStore } from '../store/project-store';
import { CsvImport } from './CsvImport';
import { describeTask, type DataTask } from './task-description';
import { CheckboxField, NumberField, Section, SelectField } from './fields';
import { fieldError, toPercent } from './messages';
import '../styles/settings.css';

const KIND_LABELS: Record<BuiltinDatasetInfo['kind'], string> = { gate: 'Logic gate', generated: 'Generated', real: 'Real data' };

const NORMALIZE_OPTIONS: { value: NormalizeMode; label: string }[] = [
  { value: 'standard', label: 'Standardise (z-score)' },
  { value: 'minmax', label: 'Min–max to [0, 1]' },
  { value: 'none', label: 'None' },
];

function datasetTask(info: BuiltinDatasetInfo, options: Record<string, number> | undefined): DataTask {
  let dims = info.featureShape;
  try {
    dims = builtinShapeInfo(info.id, options).dataShape; // e.g. digits as 1×8×8 images
  } catch {
    // an option out of range: its field says so
  }
  return { task: info.task, numClasses: info.numClasses, shape: dims };
}

/** One option of a built-in dataset: a checkbox for an on/off flag (stored as 1 or 0), else a number. */
function DatasetOptionField({ option, value, onCommit }: { option: DatasetOptionSpec; value: number; onCommit(value: number): string | null }) {
  const testId = `dataset-option-${option.name}`;
  if (option.flag) return <CheckboxField label={option.label} checked={value === 1} onChange={(on) => onCommit(on ? 1 : 0)} hint={option.help} testId={testId} />;
  const check = (v: number) =>
    v < option.min || v > option.max
      ? `${option.label} must be between ${option.min} and ${option.max} (got ${v})`
      : option.integer && !Number.isInteger(v)
        ? `${option.label} must be a whole number (got ${v})`
        : null;
  return <NumberField label={option.label} value={value} check={check} onCommit={onCommit} hint={option.help} testId={testId} />;
}

function BuiltinData({ data }: { data: BuiltinDataConfig }) {
  const graph = useProjectStore((s) => s.project.graph);
  const info = builtinDatasets.find((d) => d.id === data.dataset);
  const choose = (dataset: string) => {
    const { normalize, split } = data;
    useProjectStore.getState().replaceData({ dataset, ...(normalize ? { normalize } : {}), ...(split ? { split } : {}) });
  };
  const setOption = (name: string, label: string, value: number) => {
    const options = { ...data.options, [name]: value };
    return fieldError(label, useProjectStore.getState().setData({ options }));
  };
  return (
    <>
      <SelectField
        label="Dataset"
        value={data.dataset}
        options={builtinDatasets.map((d) => ({ value: d.id, label: `${d.label} — ${KIND_LABELS[d.kind]}` }))}
        onChange={choose}
        testId="dataset-select"
      />
      {info ? (
        <div className="dataset-card" data-testid="dataset-info">
          <div className="dataset-card__task" data-testid="dataset-task">
            {describeTask(datasetTask(info, data.options), graph)}
          </div>
          <p>{info.description}</p>
          {info.source && (
            <p className="muted small">
              {info.source}
              {info.licence ? ` · ${info.licence}` : ''}
            </p>
          )}
        </div>
      ) : (
        <p className="field__error">Unknown dataset '{data.dataset}': choose one from the list.</p>
      )}
      {info?.options.map((option) => (
        <DatasetOptionField key={option.name} option={option} value={data.options?.[option.name] ?? option.default} onCommit={(v) => setOption(option.name, option.label, v)} />
      ))}
    </>
  );
}

export function DataSettings() {
  const data = useProjectStore((s) => s.project.data);
  const csvMode = isCsvData(data);
  const split = { ...DATA_DEFAULTS.split, ...data.split };
  const setSplit = (part: 'validation' | 'test', label: string, percent: number) =>
    fieldError(label, useProjectStore.getState().setData({ split: { ...data.split, [part]: percent / 100 } }));
  const toBuiltin = () => useProjectStore.getState().replaceData({ dataset: 'circle', normalize: data.normalize ?? 'standard', split });

  return (
    <div className="settings" data-testid="data-settings">
      <Section
        title={csvMode ? 'CSV file' : 'Dataset'}
        aside={
          csvMode && (
            <button type="button" className="link-button" onClick={toBuiltin} data-testid="data-source-builtin">
              Use a built-in dataset
            </button>
          )
        }
      >
        {csvMode ? <CsvImport data={data} /> : <BuiltinData data={data} />}
        {!csvMode && <CsvImport data={null} />}
      </Section>
      <DataPreview />
      <Section title="Preparation">
        <SelectField
          label="Normalisation"
          value={data.normalize ?? DATA_DEFAULTS.normalize}
          options={NORMALIZE_OPTIONS}
          onChange={(normalize) => useProjectStore.getState().setData({ normalize })}
          hint="Statistics come from the training split only."
          testId="data-normalize"
        />
        <div className="field-row">
          <NumberField label="Validation" unit="%" value={toPercent(split.validation)} onCommit={(v) => setSplit('validation', 'Validation', v)} testId="split-validation" />
          <NumberField label="Test" unit="%" value={toPercent(split.test)} onCommit={(v) => setSplit('test', 'Test', v)} testId="split-test" />
        </div>
        <p className="field__hint">Training gets the rest: {toPercent(1 - split.validation - split.test)}%. Splits are stratified and seeded.</p>
      </Section>
    </div>
  );
}
