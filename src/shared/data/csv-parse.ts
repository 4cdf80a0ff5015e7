/**
 * CSV text -> table of strings: RFC-4180 quoting, CRLF/LF/CR line ends, delimiter detection
 * (',', ';', tab, runs of whitespace) and header detection. No numbers are interpreted here
 * except to guess the delimiter and the header; csv.ts turns a table into a Dataset.
 */
import { DataError } from './data-error';

export interface CsvTable {
  header: string[];
  /** False when the file had no header row and the columns were named column1..N. */
  hasHeader: boolean;
  rows: string[][];
  /** ',', ';', '\t', or ' ' for runs of spaces/tabs. */
  delimiter: string;
  /** 1-based line in the file where each row starts (parallel to `rows`). */
  lineNumbers?: number[];
}

interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA_NUMBER = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']);

/** True for an empty cell or a usual "not available" marker (NA, NaN, null, ?). */
export function isMissingCell(cell: string): boolean {
  return MISSING.has(cell.trim());
}

/** The number in a cell, or NaN. `decimalComma` accepts "1,5" (semicolon files from Excel). */
export function parseNumberCell(cell: string, decimalComma = false): number {
  const s = cell.trim();
  if (NUMBER.test(s)) return Number(s);
  if (decimalComma && DECIMAL_COMMA_NUMBER.test(s)) return Number(s.replace(',', '.'));
  return NaN;
}

function isNumericCell(cell: string, decimalComma: boolean): boolean {
  return !Number.isNaN(parseNumberCell(cell, decimalComma));
}

/** Splits text into records. `delimiter` ' ' means runs of spaces and tabs. */
function tokenize(text: string, delimiter: string, fileName: string, maxRecords = Infinity): CsvRecord[] {
  const whitespace = delimiter === ' ';
  const delim = delimiter.charCodeAt(0);
  const isDelim = (c: number): boolean => (whitespace ? c === SPACE || c === TAB : c === delim);
  const records: CsvRecord[] = [];
  const len = text.length;
  let i = 0;
  let line = 1;
  let fields: string[] = [];
  let recordLine = 1;

  const endRecord = (): void => {
    const blank = fields.length === 0 || (fields.length === 1 && fields[0] === '' && !whitespace);
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
  };

  while (i < len && records.length < maxRecords) {
    // Skip leading blanks of a field (all of them in whitespace mode).
    while (i < len && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) && (whitespace || !isDelim(text.charCodeAt(i)))) i++;
    if (fields.length === 0) recordLine = line;
    let field: string;
    const quoted = i < len && text.charCodeAt(i) === QUOTE;
    if (quoted) {
      const openLine = line;
      let buf = '';
      let start = ++i;
      for (;;) {
        if (i >= len) throw new DataError(`${fileName} line ${openLine}: a quoted field is never closed`);
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          buf += text.slice(start, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            buf += '"';
            i += 2;
            start = i;
            continue;
          }
          i++;
          break;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
        i++;
      }
      // Lenient: characters between the closing quote and the delimiter are kept.
      const restStart = i;
      while (i < len && !isDelim(text.charCodeAt(i)) && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
      field = buf + text.slice(restStart, i).trim();
    } else {
      const start = i;
      while (i < len && !isDelim(text.charCodeAt(i)) && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
      field = text.slice(start, i).trim();
    }
    // In whitespace mode an unquoted empty field is just the end of the line.
    if (!(whitespace && !quoted && field === '')) fields.push(field);
    if (i >= len) break;
    const c = text.charCodeAt(i);
    if (isDelim(c)) {
      i++;
      if (!whitespace && i >= len) fields.push('');
      continue;
    }
    // End of line: CRLF, LF or CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    endRecord();
  }
  if (records.length < maxRecords) endRecord();
  return records;
}

/** Picks the delimiter whose field counts agree over the first lines (ties: more numeric cells). */
function detectDelimiter(text: string, fileName: string): string {
  let best: { delimiter: string; fields: number; numeric: number } | undefined;
  let fallback: { delimiter: string; fields: number } | undefined;
  for (const delimiter of [',', ';', '\t']) {
    let sample: CsvRecord[];
    try {
      sample = tokenize(text, delimiter, fileName, 20);
    } catch {
      continue;
    }
    if (sample.length === 0) continue;
    const fields = sample[0].fields.length;
    if (fields > 1 && (!fallback || fields > fallback.fields)) fallback = { delimiter, fields };
    if (fields < 2 || sample.some((r) => r.fields.length !== fields)) continue;
    const numeric = sample.reduce((acc, r) => acc + r.fields.filter((f) => isNumericCell(f, delimiter === ';')).length, 0);
    if (!best || fields > best.fields || (fields === best.fields && numeric > best.numeric)) {
      best = { delimiter, fields, numeric };
    }
  }
  if (best) return best.delimiter;
  if (fallback) return fallback.delimiter; // ragged: parseCsv reports the first bad line
  const spaced = tokenize(text, ' ', fileName, 20);
  const width = spaced[0]?.fields.length ?? 0;
  if (width > 1 && spaced.every((r) => r.fields.length === width)) return ' ';
  return ',';
}

/** Header iff some first-row cell is text where the second row has a number in that column. */
function detectHeader(first: string[], second: string[] | undefined, decimalComma: boolean): boolean {
  const isText = (cell: string): boolean => !isMissingCell(cell) && !isNumericCell(cell, decimalComma);
  if (!second) return first.every(isText);
  return first.some((cell, j) => isText(cell) && j < second.length && isNumericCell(second[j], decimalComma));
}

function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, j) => {
    const base = raw.trim() === '' ? `column${j + 1}` : raw.trim();
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}

export function parseCsv(text: string, fileName: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new DataError(`${fileName}: the file is empty`);
  const delimiter = detectDelimiter(body, fileName);
  const records = tokenize(body, delimiter, fileName);
  const hasHeader = detectHeader(records[0].fields, records[1]?.fields, delimiter === ';');
  const dataRecords = hasHeader ? records.slice(1) : records;
  const width = records[0].fields.length;
  for (const r of dataRecords) {
    if (r.fields.length !== width) {
      throw new DataError(`${fileName} line ${r.line}: expected ${width} fields, got ${r.fields.length}`);
    }
  }
  const header = hasHeader ? uniqueNames(records[0].fields) : Array.from({ length: width }, (_, j) => `column${j + 1}`);
  return {
    header,
    hasHeader,
    rows: dataRecords.map((r) => r.fields),
    delimiter,
    lineNumbers: dataRecords.map((r) => r.line),
  };
}
