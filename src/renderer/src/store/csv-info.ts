/** What the editor derives from an imported CSV: class counts of the target column, shape context. */
import { parseCsv, type CsvTable } from '../../../shared/data/csv-parse';
import { compareClassNames } from '../../../shared/data/csv-preview';
import type { ShapeContext } from '../../../shared/nodes/types';
import type { CsvDataConfig } from '../../../shared/project-types';
import type { LoadedCsv } from './types';

/**
 * What the editor needs of an imported CSV, derived once per file and target column. The
 * parsed table itself is not kept: a 10,000 × 785 pixel table is hundreds of MB of strings,
 * and keeping it alive made garbage collection pause the UI while training.
 */
interface CsvFacts {
  text: string;
  name: string;
  rowCount: number | null;
  counts: Map<string, ClassCount[] | null>;
}
let cached: CsvFacts | null = null;

function parsed(csv: LoadedCsv): CsvTable | null {
  try {
    return parseCsv(csv.text, csv.name);
  } catch {
    return null;
  }
}

function factsOf(csv: LoadedCsv, column?: string): CsvFacts {
  if (!cached || cached.text !== csv.text || cached.name !== csv.name) cached = { text: csv.text, name: csv.name, rowCount: null, counts: new Map() };
  const facts = cached;
  if (facts.rowCount === null || (column !== undefined && !facts.counts.has(column))) {
    const table = parsed(csv); // dropped at the end of this call
    facts.rowCount = table ? table.rows.length : 0;
    if (column !== undefined) facts.counts.set(column, table ? classCounts(table, column) : null);
  }
  return facts;
}

/** Number of data rows of the CSV (0 if it cannot be parsed). */
export function csvRowCount(csv: LoadedCsv): number {
  return factsOf(csv).rowCount ?? 0;
}

/** Class counts of `column` (memoised per file and column); null if missing or unparsable. */
export function csvClassCounts(csv: LoadedCsv, column: string): ClassCount[] | null {
  return factsOf(csv, column).counts.get(column) ?? null;
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
  const counts = csvClassCounts(csv, data.target);
  if (counts && counts.length >= 2) ctx.numClasses = counts.length;
  return ctx;
}
