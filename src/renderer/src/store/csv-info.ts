/** What the editor derives from an imported CSV: class counts of the target column, shape context. */
import { compareClassNames, parseCsv, type CsvTable } from '../../../engine/data/csv';
import type { ShapeContext } from '../../../shared/nodes/types';
import type { CsvDataConfig } from '../../../shared/project-types';
import type { LoadedCsv } from './types';

let cached: { text: string; name: string; table: CsvTable | null } | null = null;

/** The parsed table of a CSV (memoised on the text: the same file is asked for on every edit). */
export function csvTable(csv: LoadedCsv): CsvTable | null {
  if (cached && cached.text === csv.text && cached.name === csv.name) return cached.table;
  let table: CsvTable | null = null;
  try {
    table = parseCsv(csv.text, csv.name);
  } catch {
    table = null;
  }
  cached = { text: csv.text, name: csv.name, table };
  return table;
}

export interface ClassCount {
  label: string;
  count: number;
}

/** How many rows hold each value of `column`, labels in the engine's class order; null if the column is missing. */
export function classCounts(table: CsvTable, column: string): ClassCount[] | null {
  const j = table.header.indexOf(column);
  if (j < 0) return null;
  const counts = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (row[j] ?? '').trim();
    if (cell === '') continue;
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => compareClassNames(a, b)).map(([label, count]) => ({ label, count }));
}

/** Shape context of CSV data: features are flat; classes are counted when the file is loaded. */
export function csvShapeContext(data: CsvDataConfig, csv: LoadedCsv | null): ShapeContext {
  const ctx: ShapeContext = { dataShape: [data.features.length], task: data.task, targetSize: 1 };
  if (data.task !== 'classification' || !csv) return ctx;
  const table = csvTable(csv);
  const counts = table ? classCounts(table, data.target) : null;
  if (counts && counts.length >= 2) ctx.numClasses = counts.length;
  return ctx;
}
