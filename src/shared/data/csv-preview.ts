/**
 * What the CSV import dialog shows before anything is trained: the first rows and, per column,
 * whether it is numeric, whole-numbered, how many distinct and missing values it has. Also the
 * order of class names, shared by the editor and the engine so both number classes alike.
 */
import { isMissingCell, parseCsv, parseNumberCell } from './csv-parse';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Numbers numerically (and before text), text alphabetically with digit runs compared as numbers. */
export function compareClassNames(a: string, b: string): number {
  const na = parseNumberCell(a);
  const nb = parseNumberCell(b);
  const aNum = !Number.isNaN(na);
  const bNum = !Number.isNaN(nb);
  if (aNum && bNum) return na - nb;
  if (aNum !== bNum) return aNum ? -1 : 1;
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface CsvColumnInfo {
  name: string;
  /** Every present value is a number (and at least one is present). */
  numeric: boolean;
  /** Numeric and every present value is a whole number (a likely class label). */
  integer: boolean;
  /** Distinct present values. */
  distinct: number;
  /** Empty cells and NA markers. */
  missing: number;
}

export interface CsvPreview {
  header: string[];
  hasHeader: boolean;
  delimiter: string;
  /** The first `maxRows` data rows. */
  rows: string[][];
  /** All data rows in the file. */
  rowCount: number;
  columns: CsvColumnInfo[];
}

export function previewCsv(text: string, fileName: string, maxRows = 10): CsvPreview {
  const table = parseCsv(text, fileName);
  const decimalComma = table.delimiter === ';';
  const columns = table.header.map((name, j): CsvColumnInfo => {
    const distinct = new Set<string>();
    let missing = 0;
    let numeric = true;
    let integer = true;
    for (const row of table.rows) {
      const cell = row[j].trim();
      if (isMissingCell(cell)) {
        missing++;
        continue;
      }
      distinct.add(cell);
      const v = parseNumberCell(cell, decimalComma);
      if (Number.isNaN(v)) numeric = integer = false;
      else if (!Number.isInteger(v)) integer = false;
    }
    const present = distinct.size > 0;
    return { name, numeric: numeric && present, integer: integer && present, distinct: distinct.size, missing };
  });
  return {
    header: table.header,
    hasHeader: table.hasHeader,
    delimiter: table.delimiter,
    rows: table.rows.slice(0, maxRows),
    rowCount: table.rows.length,
    columns,
  };
}
