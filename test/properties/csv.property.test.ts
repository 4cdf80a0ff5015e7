/**
 * Random CSVs — quoted cells with delimiters, quotes and line breaks inside, empty cells,
 * non-numeric cells, a BOM, LF / CRLF / CR line ends mixed freely, ragged rows — are parsed
 * or refused, never anything else. The generator knows what it wrote, so the properties
 * check the parse against it: the cells, the line each row starts on (line breaks inside
 * quotes count once each, CRLF as one), the first ragged line, and for a dataset the line
 * and column of the first cell that is not a number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvToDataset, parseCsv } from '../../src/engine/data/csv';
import { DataError } from '../../src/engine/data/types';
import { propertyRuns } from '../helpers/properties';

type Cell = { text: string; kind: 'number' | 'text' | 'empty' };

/** How a cell is written, and what the parser must give back for it. */
interface Written {
  raw: string;
  value: string;
  kind: Cell['kind'];
}

const EOL = fc.constantFrom('\n', '\r\n', '\r');

/** Numbers as people write them: integers, decimals, exponents, signs. */
const numberCell = fc
  .oneof(
    fc.integer({ min: -100_000, max: 100_000 }).map(String),
    fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((v) => String(Math.fround(v))),
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -30, max: 30 })).map(([m, e]) => `${m}e${e}`),
    // Now and then one beyond float32's range (about 3.4e38), which must be refused, not become Infinity.
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 37, max: 400 })).map(([m, e]) => `-${m}e${e}`),
    fc.constantFrom('0', '-0', '.5', '+3', '2.', '1E5'),
  )
  .map((text): Cell => ({ text, kind: 'number' }));

/** Text that never reads as a number or a missing-value marker: it starts with a letter. */
const textCell = fc
  .tuple(fc.constantFrom('a', 'B', 'x', 'é', 'Z'), fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', ';', '1', '.', 'é'), maxLength: 6 }))
  .map(([first, rest]): Cell => ({ text: first + rest, kind: 'text' }));

const emptyCell = fc.constant<Cell>({ text: '', kind: 'empty' });

/** Writes a cell: quoted (always when it holds a delimiter, quote or line break; sometimes anyway) or bare. */
function write(cell: Cell, quoteAnyway: boolean): Written {
  const needsQuotes = /[",\r\n;]/.test(cell.text) || cell.text !== cell.text.trim();
  if (needsQuotes || quoteAnyway) return { raw: `"${cell.text.replaceAll('"', '""')}"`, value: cell.text, kind: cell.kind };
  return { raw: cell.text, value: cell.text, kind: cell.kind };
}

interface CsvCase {
  text: string;
  width: number;
  header: string[];
  rows: Written[][];
  /** 1-based line on which each data row starts. */
  lines: number[];
}

/** Counts line ends as the parser must: CRLF once, lone CR and LF once each. */
const lineBreaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;

function csvCase(opts: { ragged: boolean }): fc.Arbitrary<CsvCase> {
  return fc.integer({ min: 2, max: 5 }).chain((width) => {
    // Column 0 is always a number, so the header (text) above it is recognised as a header.
    const row = fc.tuple(
      numberCell,
      fc.array(fc.oneof({ weight: 6, arbitrary: numberCell }, { weight: 1, arbitrary: textCell }, { weight: 1, arbitrary: emptyCell }), { minLength: width - 1, maxLength: width - 1 }),
      fc.array(fc.boolean(), { minLength: width, maxLength: width }),
    );
    const shape = opts.ragged ? fc.tuple(fc.nat(), fc.constantFrom(-1, 1)) : fc.constant(null);
    return fc
      .tuple(fc.array(row, { minLength: 1, maxLength: 12 }), fc.array(EOL, { minLength: 13, maxLength: 13 }), fc.boolean(), fc.boolean(), shape)
      .map(([rawRows, eols, bom, finalEol, ragged]) => {
        const header = Array.from({ length: width }, (_, j) => `col${j}`);
        const rows = rawRows.map(([first, rest, quotes]) => [first, ...rest].map((c, j) => write(c, quotes[j]!)));
        if (ragged) {
          const [at, change] = ragged;
          const r = rows[at % rows.length]!;
          if (change < 0) r.pop();
          else r.push({ raw: '7', value: '7', kind: 'number' });
        }
        let text = (bom ? '\uFEFF' : '') + header.join(',') + eols[0];
        const lines: number[] = [];
        rows.forEach((r, i) => {
          lines.push(1 + lineBreaks(text));
          text += r.map((c) => c.raw).join(',') + (i < rows.length - 1 || finalEol ? eols[i + 1] : '');
        });
        return { text, width, header, rows, lines };
      });
  });
}

function refusal(fn: () => unknown): DataError | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
}

describe('random CSVs (property)', () => {
  it('well-formed files parse back to the cells written, with the line each row starts on', () => {
    fc.assert(
      fc.property(csvCase({ ragged: false }), (c) => {
        const t = parseCsv(c.text, 'r.csv');
        expect(t.delimiter).toBe(',');
        expect(t.hasHeader).toBe(true);
        expect(t.header).toEqual(c.header);
        expect(t.rows).toEqual(c.rows.map((r) => r.map((cell) => (cell.raw.startsWith('"') ? cell.value : cell.value.trim()))));
        expect(t.lineNumbers).toEqual(c.lines);
      }),
      propertyRuns(300),
    );
  });

  it('a ragged row is refused with its line; nothing else is', () => {
    fc.assert(
      fc.property(csvCase({ ragged: true }), (c) => {
        const bad = c.rows.findIndex((r) => r.length !== c.width);
        const error = refusal(() => parseCsv(c.text, 'r.csv'));
        expect(error?.message).toBe(`r.csv line ${c.lines[bad]}: expected ${c.width} fields, got ${c.rows[bad]!.length}`);
      }),
      propertyRuns(300),
    );
  });

  it('as a dataset: numbers load as written; the first empty or text cell is refused with its line and column', () => {
    fc.assert(
      fc.property(csvCase({ ragged: false }), fc.constantFrom('regression', 'classification') as fc.Arbitrary<'regression' | 'classification'>, (c, task) => {
        const t = parseCsv(c.text, 'd.csv');
        // Target: column 0 (always numbers); features: the others, in file order.
        const features = c.header.slice(1);
        const spec = { features, target: 'col0', task };
        const fits = (cell: Written) => cell.kind === 'number' && Number.isFinite(Math.fround(Number(cell.value)));
        const firstBad = c.rows.flatMap((r, i) => r.slice(1).map((cell, j) => ({ cell, i, j: j + 1 }))).find(({ cell }) => !fits(cell));
        const classes = new Set(c.rows.map((r) => Number(r[0]!.value)));
        const integerTargets = c.rows.every((r) => Number.isInteger(Number(r[0]!.value)));
        let ds;
        try {
          ds = csvToDataset(t, spec, 'd.csv');
        } catch (e) {
          expect(e).toBeInstanceOf(DataError);
          const message = (e as DataError).message;
          if (firstBad) {
            expect(message).toMatch(new RegExp(`^d\\.csv line ${c.lines[firstBad.i]}, column 'col${firstBad.j}': (missing value|'.*' is not a number|'.*' is too large)`, 's'));
          } else if (task === 'regression') {
            // Then only a regression target beyond float32 can be refused.
            const i = c.rows.findIndex((r) => !fits(r[0]!));
            expect(message).toMatch(new RegExp(`^d\\.csv line ${c.lines[i]}, column 'col0': '.*' is too large`));
          } else {
            // Only classification targets can be refused once every feature is a number.
            expect(task).toBe('classification');
            expect(message).toMatch(/^d\.csv(: column 'col0' has only one class| line \d+, column 'col0': '.*' is not a class label)/);
            expect(classes.size < 2 || !integerTargets).toBe(true);
          }
          return;
        }
        expect(firstBad).toBeUndefined();
        if (task === 'regression') c.rows.forEach((r, i) => expect(ds.y[i]).toBe(Math.fround(Number(r[0]!.value))));
        expect(ds.n).toBe(c.rows.length);
        c.rows.forEach((r, i) => r.slice(1).forEach((cell, j) => expect(ds.x[i * features.length + j]).toBe(Math.fround(Number(cell.value)))));
      }),
      propertyRuns(300),
    );
  });
});
