/** How many samples the training split holds, for the "full batch" preset. */
import { builtinDatasets } from '../../../shared/data/catalog';
import { isCsvData, type DataConfig } from '../../../shared/project-types';
import { DATA_DEFAULTS } from '../../../shared/project-defaults';

/** Rows of the real datasets shipped with the app (see DATASETS-LICENSES.md). */
const REAL_DATASET_ROWS: Record<string, number> = {
  iris: 150,
  breastCancer: 569,
  wine: 178,
  digits: 1797,
  sonar: 208,
  concrete: 1030,
  diabetes: 442,
  penguins: 342,
};

/** Samples in the whole dataset, or null when unknown (a CSV not read yet). */
export function datasetRows(data: DataConfig, csvRows: number | null): number | null {
  if (isCsvData(data)) return csvRows;
  const info = builtinDatasets.find((d) => d.id === data.dataset);
  if (!info) return null;
  if (info.kind === 'gate') return 4;
  if (info.kind === 'generated') return data.options?.n ?? info.options.find((o) => o.name === 'n')?.default ?? info.rows ?? null;
  return REAL_DATASET_ROWS[info.id] ?? null;
}

/** Samples in the training split (rounded up, so a batch of this size always covers it). */
export function trainingRows(data: DataConfig, csvRows: number | null): number | null {
  const rows = datasetRows(data, csvRows);
  if (rows === null) return null;
  if (!isCsvData(data) && builtinDatasets.find((d) => d.id === data.dataset)?.kind === 'gate') return rows;
  const split = { ...DATA_DEFAULTS.split, ...data.split };
  return Math.max(1, Math.ceil(rows * (1 - split.validation - split.test) - 1e-9));
}
