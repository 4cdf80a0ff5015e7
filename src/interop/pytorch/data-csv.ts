/**
 * The dataset as a CSV beside the exported script (for the built-in datasets, which live inside
 * the app): a header of feature names and the target, one row per sample in the dataset's order,
 * each number written with the fewest digits that read back as the same float32.
 */
import type { Dataset } from '../../engine/data/types';

/** Shortest decimal text that parses back to the same float32 value. */
export function float32Text(v: number): string {
  if (Number.isInteger(v)) return String(v);
  for (let digits = 6; digits < 9; digits++) {
    const text = Number(v.toPrecision(digits)).toString();
    if (Math.fround(Number(text)) === v) return text;
  }
  return Number(v.toPrecision(9)).toString();
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Target column names: `label` for classes, `target` (or target1…) for values. */
export function targetNames(ds: Dataset): string[] {
  if (ds.task === 'classification') return ['label'];
  return ds.targetSize === 1 ? ['target'] : Array.from({ length: ds.targetSize }, (_, i) => `target${i + 1}`);
}

export function datasetCsv(ds: Dataset): string {
  const d = ds.featureNames.length;
  const header = [...ds.featureNames, ...targetNames(ds)].map(csvCell).join(',');
  const lines = [header];
  const t = ds.targetSize;
  for (let i = 0; i < ds.n; i++) {
    const cells: string[] = [];
    for (let k = 0; k < d; k++) cells.push(float32Text(ds.x[i * d + k]!));
    if (ds.task === 'classification') cells.push(csvCell(ds.classNames![ds.y[i]!]!));
    else for (let k = 0; k < t; k++) cells.push(float32Text(ds.y[i * t + k]!));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
