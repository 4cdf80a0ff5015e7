import { describe, expect, it } from 'vitest';
import { csvToDataset, loadCsvDataset, parseCsv } from '../../../src/engine/data/csv';
import { previewCsv } from '../../../src/shared/data/csv-preview';
import { DataError } from '../../../src/engine/data/types';

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseCsv', () => {
  it('detects a header row (text above numbers)', () => {
    const t = parseCsv('a,b,label\n1,2,x\n3,4,y\n', 'data.csv');
    expect(t).toMatchObject({ header: ['a', 'b', 'label'], hasHeader: true, delimiter: ',', rows: [['1', '2', 'x'], ['3', '4', 'y']] });
    expect(t.lineNumbers).toEqual([2, 3]);
  });

  it('names the columns column1..N when the first row is data', () => {
    const t = parseCsv('1,2,x\n3,4,y', 'data.csv');
    expect(t).toMatchObject({ header: ['column1', 'column2', 'column3'], hasHeader: false, rows: [['1', '2', 'x'], ['3', '4', 'y']] });
    expect(t.lineNumbers).toEqual([1, 2]);
  });

  it('handles RFC-4180 quotes: delimiters, doubled quotes and newlines inside fields', () => {
    const t = parseCsv('name,"size, cm",note\n"Smith, J.",1.5,"said ""hi"""\n"multi\nline",2,plain\nlast,3,x', 'q.csv');
    expect(t.header).toEqual(['name', 'size, cm', 'note']);
    expect(t.rows).toEqual([
      ['Smith, J.', '1.5', 'said "hi"'],
      ['multi\nline', '2', 'plain'],
      ['last', '3', 'x'],
    ]);
    expect(t.lineNumbers).toEqual([2, 3, 5]);
  });

  it('counts a CRLF inside a quoted field as one line', () => {
    const t = parseCsv('a,b\r\n"x\r\ny",1\r\nz,2\r\n', 'q.csv');
    expect(t.rows).toEqual([['x\r\ny', '1'], ['z', '2']]);
    expect(t.lineNumbers).toEqual([2, 4]);
    // …so an error after it names the right line.
    expect(errorOf(() => loadCsvDataset('a,b\r\n"x\r\ny",1\r\nz,oops\r\n', 'q.csv', { features: ['b'], target: 'a', task: 'classification' })).message).toBe(
      "q.csv line 4, column 'b': 'oops' is not a number",
    );
    // A lone CR inside quotes is a line end too (old Mac files), and a lone LF.
    expect(parseCsv('a,b\r"x\ry",1\rz,2\r', 'mac.csv').lineNumbers).toEqual([2, 4]);
    expect(parseCsv('a,b\n"x\ny",1\nz,2\n', 'unix.csv').lineNumbers).toEqual([2, 4]);
  });

  it('accepts CRLF and CR line ends, a BOM, blank lines and a missing final newline', () => {
    const crlf = parseCsv('\uFEFFx,y\r\n1,2\r\n\r\n3,4\r\n', 'w.csv');
    expect(crlf).toMatchObject({ header: ['x', 'y'], rows: [['1', '2'], ['3', '4']], lineNumbers: [2, 4] });
    expect(parseCsv('x,y\r1,2\r3,4', 'mac.csv').rows).toEqual([['1', '2'], ['3', '4']]);
  });

  it('detects semicolons (with decimal commas), tabs and whitespace', () => {
    const semi = parseCsv('a;b;c\n1,5;2;x\n3;4,25;y', 'eu.csv');
    expect(semi).toMatchObject({ delimiter: ';', header: ['a', 'b', 'c'], rows: [['1,5', '2', 'x'], ['3', '4,25', 'y']] });
    expect(csvToDataset(semi, { features: ['a', 'b'], target: 'c', task: 'classification' }, 'eu.csv').x).toEqual(new Float32Array([1.5, 2, 3, 4.25]));
    const headerless = parseCsv('1,5;2,25;0\n3,5;4,75;1', 'eu2.csv');
    expect(headerless).toMatchObject({ delimiter: ';', hasHeader: false, rows: [['1,5', '2,25', '0'], ['3,5', '4,75', '1']] });
    const tab = parseCsv('first name\tage\nAnn Lee\t31\n', 't.tsv');
    expect(tab).toMatchObject({ delimiter: '\t', header: ['first name', 'age'], rows: [['Ann Lee', '31']] });
    const spaced = parseCsv('59 2  32.1\n  48 1 21.6  \n', 'd.txt');
    expect(spaced).toMatchObject({ delimiter: ' ', hasHeader: false, rows: [['59', '2', '32.1'], ['48', '1', '21.6']] });
  });

  it('reads a single column', () => {
    expect(parseCsv('target value\n1.5\n2\n', 'one.csv')).toMatchObject({ header: ['target value'], rows: [['1.5'], ['2']] });
  });

  it('makes header names unique and fills empty ones', () => {
    expect(parseCsv(',a,a\n1,2,3', 'h.csv').header).toEqual(['column1', 'a', 'a_2']);
  });

  it('ragged rows: "iris.csv line 7: expected 5 fields, got 4"', () => {
    const rows = ['sl,sw,pl,pw,species', ...Array.from({ length: 5 }, () => '5.1,3.5,1.4,0.2,setosa'), '4.9,3.0,1.4,setosa', '1,2,3,4,x'];
    expect(errorOf(() => parseCsv(rows.join('\n'), 'iris.csv')).message).toBe('iris.csv line 7: expected 5 fields, got 4');
    expect(errorOf(() => parseCsv('1,2,3\n4,5,6,7\n', 'r.csv')).message).toBe('r.csv line 2: expected 3 fields, got 4');
  });

  it('an unclosed quote and an empty file are errors', () => {
    expect(errorOf(() => parseCsv('a,b\n1,"oops\n2,3\n', 'u.csv')).message).toBe('u.csv line 2: a quoted field is never closed');
    expect(errorOf(() => parseCsv(' \n\n', 'e.csv')).message).toBe('e.csv: the file is empty');
  });
});

describe('csvToDataset', () => {
  const text = 'age,income,city,label\n31,1000,Oslo,yes\n45,2000,Rome,no\n28,1500,Oslo,yes\n';

  it('builds features, featureShape and sorted class names', () => {
    const ds = loadCsvDataset(text, 'data.csv', { features: ['income', 'age'], target: 'label', task: 'classification' });
    expect(ds).toMatchObject({ name: 'data.csv', n: 3, featureShape: [2], featureNames: ['income', 'age'], targetSize: 1, classNames: ['no', 'yes'] });
    expect(Array.from(ds.x)).toEqual([1000, 31, 2000, 45, 1500, 28]);
    expect(Array.from(ds.y)).toEqual([1, 0, 1]);
  });

  it('sorts class names naturally: numbers numerically, then text', () => {
    const t = parseCsv('x,c\n1,10\n2,2\n3,1.0\n4,2\n', 'n.csv');
    const ds = csvToDataset(t, { features: ['x'], target: 'c', task: 'classification' }, 'n.csv');
    expect(ds.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(ds.y)).toEqual([2, 1, 0, 1]);
    const mixed = csvToDataset(parseCsv('x,c\n1,b\n2,class10\n3,7\n4,class2\n5,B\n', 'm.csv'), { features: ['x'], target: 'c', task: 'classification' }, 'm.csv');
    expect(mixed.classNames).toEqual(['7', 'b', 'B', 'class2', 'class10']);
  });

  it('regression targets are numbers', () => {
    const ds = loadCsvDataset('a,y\n1,0.5\n2,-1e3\n', 'r.csv', { features: ['a'], target: 'y', task: 'regression' });
    expect(ds.task).toBe('regression');
    expect(Array.from(ds.y)).toEqual([0.5, -1000]);
    expect(ds.classNames).toBeUndefined();
  });

  it('an unknown column lists the columns', () => {
    const table = parseCsv(text, 'data.csv');
    expect(errorOf(() => csvToDataset(table, { features: ['age', 'height'], target: 'label', task: 'classification' }, 'data.csv')).message).toBe(
      "data.csv: no column named 'height'; the columns are: age, income, city, label",
    );
    expect(errorOf(() => csvToDataset(table, { features: ['age'], target: 'Label', task: 'classification' }, 'data.csv')).message).toBe(
      "data.csv: no column named 'Label'; the columns are: age, income, city, label",
    );
  });

  it('a number beyond float32 (±3.4e38) is refused with line and column, not loaded as Infinity', () => {
    expect(errorOf(() => loadCsvDataset('a,y\n1,2\n1e39,1\n', 'big.csv', { features: ['a'], target: 'y', task: 'regression' })).message).toBe(
      "big.csv line 3, column 'a': '1e39' is too large (numbers must lie within ±3.4e38)",
    );
    expect(errorOf(() => loadCsvDataset('a,y\n1,-1e400\n2,1\n', 'big.csv', { features: ['a'], target: 'y', task: 'regression' })).message).toBe(
      "big.csv line 2, column 'y': '-1e400' is too large (numbers must lie within ±3.4e38)",
    );
    expect(loadCsvDataset('a,y\n3e38,1\n-3e38,2\n', 'ok.csv', { features: ['a'], target: 'y', task: 'regression' }).x).toEqual(Float32Array.from([3e38, -3e38]));
  });

  it('a non-numeric feature names file, line and column', () => {
    const table = parseCsv(text, 'data.csv');
    expect(errorOf(() => csvToDataset(table, { features: ['age', 'city'], target: 'label', task: 'classification' }, 'data.csv')).message).toBe(
      "data.csv line 2, column 'city': 'Oslo' is not a number",
    );
    const lines = ['age,y', ...Array.from({ length: 10 }, (_, i) => `${20 + i},1`), 'abc,2'];
    const bad = parseCsv(lines.join('\n'), 'data.csv');
    expect(errorOf(() => csvToDataset(bad, { features: ['age'], target: 'y', task: 'regression' }, 'data.csv')).message).toBe(
      "data.csv line 12, column 'age': 'abc' is not a number",
    );
  });

  it('a missing value names line and column', () => {
    const t = parseCsv('a,b,y\n1,2,0\n3,,1\n4,NA,1\n', 'gap.csv');
    expect(errorOf(() => csvToDataset(t, { features: ['a', 'b'], target: 'y', task: 'regression' }, 'gap.csv')).message).toBe(
      "gap.csv line 3, column 'b': missing value",
    );
    const na = parseCsv('a,b,y\n1,2,0\n4,NA,1\n', 'gap.csv');
    expect(errorOf(() => csvToDataset(na, { features: ['a', 'b'], target: 'y', task: 'regression' }, 'gap.csv')).message).toBe(
      "gap.csv line 3, column 'b': missing value ('NA')",
    );
    const noLabel = parseCsv('a,y\n1,x\n2,\n', 'lab.csv');
    expect(errorOf(() => csvToDataset(noLabel, { features: ['a'], target: 'y', task: 'classification' }, 'lab.csv')).message).toBe(
      "lab.csv line 3, column 'y': missing value",
    );
  });

  it('target errors: non-numeric regression target, fractional class, one class, overlapping columns', () => {
    const t = parseCsv(text, 'data.csv');
    expect(errorOf(() => csvToDataset(t, { features: ['age'], target: 'city', task: 'regression' }, 'data.csv')).message).toBe(
      "data.csv line 2, column 'city': 'Oslo' is not a number",
    );
    const frac = parseCsv('a,y\n1,0.5\n2,1\n', 'f.csv');
    expect(errorOf(() => csvToDataset(frac, { features: ['a'], target: 'y', task: 'classification' }, 'f.csv')).message).toBe(
      "f.csv line 2, column 'y': '0.5' is not a class label (classification needs integers or names; is this a regression target?)",
    );
    const one = parseCsv('a,y\n1,k\n2,k\n', 'o.csv');
    expect(errorOf(() => csvToDataset(one, { features: ['a'], target: 'y', task: 'classification' }, 'o.csv')).message).toBe(
      "o.csv: column 'y' has only one class ('k'); classification needs at least 2",
    );
    expect(errorOf(() => csvToDataset(t, { features: ['age', 'label'], target: 'label', task: 'classification' }, 'data.csv')).message).toBe(
      "data.csv: column 'label' cannot be both a feature and the target",
    );
    expect(errorOf(() => csvToDataset(t, { features: [], target: 'label', task: 'classification' }, 'data.csv')).message).toBe(
      'data.csv: choose at least one feature column',
    );
    expect(errorOf(() => csvToDataset(parseCsv('a,b\n', 'h.csv'), { features: ['a'], target: 'b', task: 'regression' }, 'h.csv')).message).toBe(
      'h.csv: no data rows',
    );
  });
});

describe('previewCsv', () => {
  it('shows the first rows and per-column kinds', () => {
    const text = ['x,kind,score', ...Array.from({ length: 15 }, (_, i) => `${i / 2},${i % 3 === 0 ? 'a' : 'b'},${i % 4}`), ',a,NA'].join('\n');
    const p = previewCsv(text, 'p.csv', 5);
    expect(p).toMatchObject({ header: ['x', 'kind', 'score'], hasHeader: true, delimiter: ',', rowCount: 16 });
    expect(p.rows).toHaveLength(5);
    expect(p.columns).toEqual([
      { name: 'x', numeric: true, integer: false, distinct: 15, missing: 1 },
      { name: 'kind', numeric: false, integer: false, distinct: 2, missing: 0 },
      { name: 'score', numeric: true, integer: true, distinct: 4, missing: 1 },
    ]);
    expect(previewCsv(text, 'p.csv').rows).toHaveLength(10);
  });
});
