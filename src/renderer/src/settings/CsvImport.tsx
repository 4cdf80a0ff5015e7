/** Importing a CSV: a preview of the first rows, feature and target columns, task, class counts. */
import { useMemo } from 'react';
import { previewCsv, type CsvPreview } from '../../../shared/data/csv-preview';
import { DATA_DEFAULTS } from '../../../shared/project-defaults';
import type { CsvDataConfig, Task } from '../../../shared/project-types';
import { platform } from '../platform';
import { csvClassCounts } from '../store/csv-info';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import type { LoadedCsv } from '../store/types';
import { SelectField } from './fields';
import { FeatureColumns } from './FeatureColumns';
import { ImageShapeField } from './ImageShapeField';
import { csvPathFor, defaultCsvChoice, guessTask } from './csv-config';

const PREVIEW_ROWS = 5;
/** Wide tables (784 pixel columns) show this many columns in the preview; the rest are counted. */
const PREVIEW_COLUMNS = 10;

function usePreview(csv: LoadedCsv | null): CsvPreview | { error: string } | null {
  return useMemo(() => {
    if (!csv) return null;
    try {
      return previewCsv(csv.text, csv.name, PREVIEW_ROWS);
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [csv]);
}

export async function chooseCsvFile(): Promise<void> {
  const ui = useUiStore.getState();
  try {
    const chosen = await platform.chooseCsv();
    if (!chosen) return;
    const csv: LoadedCsv = { name: chosen.name, resolvedPath: chosen.resolvedPath, text: chosen.text, sha256: chosen.sha256 };
    const preview = previewCsv(csv.text, csv.name, PREVIEW_ROWS);
    const store = useProjectStore.getState();
    const { data } = store.project;
    store.setCsv(csv);
    const refused = store.replaceData({
      csv: csvPathFor(store.path, csv.resolvedPath, csv.name),
      sha256: csv.sha256,
      ...defaultCsvChoice(preview),
      normalize: data.normalize ?? DATA_DEFAULTS.normalize,
      ...(data.split ? { split: data.split } : {}),
    });
    if (refused) ui.showError(`${csv.name} cannot be used as it is: ${refused}`);
  } catch (err) {
    ui.showError(`Could not read the CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function PreviewTable({ preview }: { preview: CsvPreview }) {
  const hidden = Math.max(0, preview.header.length - PREVIEW_COLUMNS);
  return (
    <div className="csv-preview" data-testid="csv-preview">
      <table>
        <thead>
          <tr>
            {preview.header.slice(0, PREVIEW_COLUMNS).map((h) => (
              <th key={h}>{h}</th>
            ))}
            {hidden > 0 && <th>…</th>}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i}>
              {row.slice(0, PREVIEW_COLUMNS).map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
              {hidden > 0 && <td>…</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="muted small">
        {preview.rowCount} rows · {preview.header.length} columns{hidden > 0 ? ` (first ${PREVIEW_COLUMNS} shown)` : ''}
        {preview.hasHeader ? '' : ' · no header row: columns numbered'}
      </div>
    </div>
  );
}

function ColumnChoice({ data, preview, csv }: { data: CsvDataConfig; preview: CsvPreview; csv: LoadedCsv }) {
  const set = (patch: Partial<CsvDataConfig>) => {
    const refused = useProjectStore.getState().setData(patch);
    if (refused) useUiStore.getState().showError(refused);
  };
  /** New feature columns; an image shape that no longer fits them is dropped (the file would refuse it). */
  const setFeatures = (features: string[], patch: Partial<CsvDataConfig> = {}) => {
    const fits = !data.imageShape || data.imageShape.reduce((a, b) => a * b, 1) === features.length;
    set({ ...patch, features, ...(fits ? {} : { imageShape: undefined }) });
  };
  const setTarget = (target: string) => setFeatures(data.features.filter((f) => f !== target), { target, task: guessTask(preview, target) });
  const counts = data.task === 'classification' ? csvClassCounts(csv, data.target) : null;
  return (
    <>
      <SelectField label="Target column" value={data.target} options={preview.header.map((h) => ({ value: h, label: h }))} onChange={setTarget} testId="csv-target" />
      <SelectField<Task>
        label="Task"
        value={data.task}
        options={[
          { value: 'classification', label: 'Classification (predict a class)' },
          { value: 'regression', label: 'Regression (predict a number)' },
        ]}
        onChange={(task) => set({ task })}
        testId="csv-task"
      />
      {counts && (
        <div className="class-counts" data-testid="csv-class-counts">
          {counts.map((c) => (
            <span key={c.label} className="chip">
              {c.label}: {c.count}
            </span>
          ))}
        </div>
      )}
      <FeatureColumns data={data} preview={preview} onChange={(features) => setFeatures(features)} />
      <ImageShapeField data={data} />
    </>
  );
}

export function CsvImport({ data }: { data: CsvDataConfig | null }) {
  const csv = useProjectStore((s) => s.csv);
  const preview = usePreview(data ? csv : null);
  return (
    <div className="csv-import">
      <div className="csv-import__head">
        {data ? <span className="mono small">{data.csv}</span> : <span className="muted small">Or use your own table (a header row, numbers in the feature columns).</span>}
        <button type="button" className="button" onClick={() => void chooseCsvFile()} data-testid="choose-csv">
          {data ? 'Choose another…' : 'Import CSV…'}
        </button>
      </div>
      {data && !csv && <p className="field__hint">Choose {data.csv} again to preview it (the browser cannot reopen files by itself).</p>}
      {preview && 'error' in preview && <p className="field__error">{preview.error}</p>}
      {data && csv && preview && !('error' in preview) && (
        <>
          <PreviewTable preview={preview} />
          <ColumnChoice data={data} preview={preview} csv={csv} />
        </>
      )}
    </div>
  );
}
