/** CSV import: a parsed table -> Dataset. Parsing and the import dialog's preview are in src/shared/data. */
import type { Task } from '../../shared/project-types';
import { isMissingCell, parseCsv, parseNumberCell, type CsvTable } from '../../shared/data/csv-parse';
import { compareClassNames } from '../../shared/data/csv-preview';
import { DataError, type Dataset } from './types';

export { parseCsv, type CsvTable } from '../../shared/data/csv-parse';

export interface CsvSpec {
  features: string[];
  target: string;
  task: Task;
  /** [C, H, W] when the features are the pixels of images (NCHW order); C·H·W must equal their count. */
  imageShape?: number[];
}

/** More distinct labels than this in a classification target is almost surely a regression target. */
export const MAX_CLASSES = 1000;

function lineOf(table: CsvTable, row: number): number {
  return table.lineNumbers?.[row] ?? row + (table.hasHeader ? 2 : 1);
}

function where(table: CsvTable, row: number, col: number, fileName: string): string {
  return `${fileName} line ${lineOf(table, row)}, column '${table.header[col]}'`;
}

function columnIndex(table: CsvTable, name: string, fileName: string): number {
  const j = table.header.indexOf(name);
  if (j < 0) {
    throw new DataError(`${fileName}: no column named '${name}'; the columns are: ${table.header.join(', ')}`);
  }
  return j;
}

function checkSpec(spec: CsvSpec, fileName: string): void {
  if (spec.features.length === 0) throw new DataError(`${fileName}: choose at least one feature column`);
  const shape = spec.imageShape;
  if (shape) {
    const pixels = shape.reduce((a, b) => a * b, 1);
    if (shape.length !== 3 || shape.some((d) => !Number.isInteger(d) || d < 1) || pixels !== spec.features.length) {
      throw new DataError(
        `${fileName}: image shape [${shape.join(', ')}] must be [channels, height, width] holding one value per feature column (${spec.features.length}), but it holds ${pixels}`,
      );
    }
  }
  const seen = new Set<string>();
  for (const f of spec.features) {
    if (seen.has(f)) throw new DataError(`${fileName}: column '${f}' is listed twice as a feature`);
    seen.add(f);
  }
  if (seen.has(spec.target)) {
    throw new DataError(`${fileName}: column '${spec.target}' cannot be both a feature and the target`);
  }
}

/** Reads one numeric cell or throws a DataError naming file, line and column. */
function numericCell(table: CsvTable, row: number, col: number, fileName: string): number {
  const cell = table.rows[row][col];
  const v = parseNumberCell(cell, table.delimiter === ';');
  const shown = cell.trim();
  // The engine keeps float32: beyond ±3.4e38 a value would silently become ±Infinity.
  if (!Number.isNaN(v) && !Number.isFinite(Math.fround(v))) {
    throw new DataError(`${where(table, row, col, fileName)}: '${shown}' is too large (numbers must lie within ±3.4e38)`);
  }
  if (!Number.isNaN(v)) return v;
  if (isMissingCell(cell)) throw new DataError(`${where(table, row, col, fileName)}: missing value${shown === '' ? '' : ` ('${shown}')`}`);
  throw new DataError(`${where(table, row, col, fileName)}: '${shown}' is not a number`);
}

/** A class label's key: integers by value ("1" and "1.0" are the same class), text as written. */
function classKey(table: CsvTable, row: number, col: number, fileName: string): string {
  const cell = table.rows[row][col].trim();
  if (isMissingCell(cell)) throw new DataError(`${where(table, row, col, fileName)}: missing value${cell === '' ? '' : ` ('${cell}')`}`);
  const v = parseNumberCell(cell, table.delimiter === ';');
  if (Number.isNaN(v)) return cell;
  if (!Number.isInteger(v)) {
    throw new DataError(
      `${where(table, row, col, fileName)}: '${cell}' is not a class label (classification needs integers or names; is this a regression target?)`,
    );
  }
  return String(v);
}

export function csvToDataset(table: CsvTable, spec: CsvSpec, fileName: string): Dataset {
  checkSpec(spec, fileName);
  const featureCols = spec.features.map((f) => columnIndex(table, f, fileName));
  const targetCol = columnIndex(table, spec.target, fileName);
  const n = table.rows.length;
  if (n === 0) throw new DataError(`${fileName}: no data rows`);
  const d = featureCols.length;
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) x[i * d + k] = numericCell(table, i, featureCols[k], fileName);
  }
  const y = new Float32Array(n);
  const featureShape = spec.imageShape ? [...spec.imageShape] : [d];
  const base = { name: fileName, task: spec.task, n, x, featureShape, featureNames: [...spec.features], y, targetSize: 1 };
  if (spec.task === 'regression') {
    for (let i = 0; i < n; i++) y[i] = numericCell(table, i, targetCol, fileName);
    return base;
  }
  const keys = table.rows.map((_, i) => classKey(table, i, targetCol, fileName));
  const classNames = [...new Set(keys)].sort(compareClassNames);
  if (classNames.length < 2) {
    throw new DataError(`${fileName}: column '${spec.target}' has only one class ('${classNames[0]}'); classification needs at least 2`);
  }
  if (classNames.length > MAX_CLASSES) {
    throw new DataError(
      `${fileName}: column '${spec.target}' has ${classNames.length} different values, too many classes (at most ${MAX_CLASSES}); is it a regression target?`,
    );
  }
  const index = new Map(classNames.map((c, k) => [c, k]));
  for (let i = 0; i < n; i++) y[i] = index.get(keys[i]) as number;
  return { ...base, classNames };
}

/** parseCsv + csvToDataset in one call. */
export function loadCsvDataset(text: string, fileName: string, spec: CsvSpec): Dataset {
  return csvToDataset(parseCsv(text, fileName), spec, fileName);
}
