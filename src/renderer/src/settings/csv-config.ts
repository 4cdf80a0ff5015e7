/** Choosing sensible CSV settings: which columns are features, which is the target, and the task. */
import type { CsvPreview } from '../../../shared/data/csv-preview';
import type { CsvDataConfig, Task } from '../../../shared/project-types';

/** Most integer-valued targets with this many distinct values or fewer are class labels. */
const MAX_GUESSED_CLASSES = 20;

export function guessTask(preview: CsvPreview, target: string): Task {
  const column = preview.columns.find((c) => c.name === target);
  if (!column) return 'classification';
  if (!column.numeric) return 'classification';
  return column.integer && column.distinct <= MAX_GUESSED_CLASSES ? 'classification' : 'regression';
}

/** The last column as the target; every other numeric column as a feature. */
export function defaultCsvChoice(preview: CsvPreview): Pick<CsvDataConfig, 'features' | 'target' | 'task'> {
  const target = preview.header[preview.header.length - 1] ?? '';
  const features = preview.columns.filter((c) => c.name !== target && c.numeric).map((c) => c.name);
  return { features, target, task: guessTask(preview, target) };
}

/**
 * The path stored in the project, relative to the project file: the CSV must sit in the
 * project's folder (or below it). Without a saved project, just the file name.
 */
export function csvPathFor(projectPath: string | null, csvPath: string, csvName: string): string {
  if (!projectPath) return csvName;
  const normalise = (p: string) => p.replace(/\\/g, '/');
  const folder = normalise(projectPath).replace(/\/[^/]*$/, '/');
  const file = normalise(csvPath);
  return file.startsWith(folder) ? file.slice(folder.length) : csvName;
}
