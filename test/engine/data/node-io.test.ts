import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeDatasetIO, findDatasetsDir, nodeDatasetIO, readProjectCsv } from '../../../src/cli/node-io';
import { DataError } from '../../../src/engine/data/types';

describe('node-io', () => {
  it('finds resources/datasets and every shipped file matches SHA256SUMS', async () => {
    const dir = findDatasetsDir();
    expect(dir.endsWith(path.join('resources', 'datasets'))).toBe(true);
    const sums = readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.length).toBe(17);
    for (const line of sums) {
      const [hash, file] = line.split(/\s+/);
      const bytes = await nodeDatasetIO.readBytes(file.replace(/^\.\//, ''));
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(hash);
    }
  });

  it('reads text and bytes, and reports a missing file as a DataError', async () => {
    expect((await nodeDatasetIO.readText('iris.csv')).startsWith('150,4,setosa')).toBe(true);
    const gz = await nodeDatasetIO.readBytes('mnist/train-labels-idx1-ubyte-every10th.gz');
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const io = createNodeDatasetIO(findDatasetsDir());
    await expect(io.readText('nope.csv')).rejects.toThrow(DataError);
    await expect(io.readText('../../package.json')).rejects.toThrow("Dataset file '../../package.json' is outside the datasets folder");
  });

  it('readProjectCsv resolves against the project file and returns the sha256 of the bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bprop-csv-'));
    const text = 'a,b\n1,2\n';
    writeFileSync(path.join(dir, 'data.csv'), text);
    const got = await readProjectCsv(path.join(dir, 'model.bprop'), 'data.csv');
    expect(got).toEqual({ text, sha256: createHash('sha256').update(text).digest('hex') });
    await expect(readProjectCsv(path.join(dir, 'model.bprop'), 'gone.csv')).rejects.toThrow(/CSV file 'gone.csv' not found/);
  });

  it('readProjectCsv refuses a folder (csv "" or ".") with a DataError, not a crash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bprop-csv-'));
    for (const rel of ['', '.']) {
      const err = await readProjectCsv(path.join(dir, 'model.bprop'), rel).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).message).toBe(`CSV file '${rel}' is a folder, not a file (${dir})`);
    }
  });
});
