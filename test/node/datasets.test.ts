import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeDatasetIO, findDatasetsDir, nodeDatasetIO } from '../../src/node/datasets';
import { DataError } from '../../src/engine/data/types';

describe('the built-in datasets on disk', () => {
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
    // A sibling folder whose name starts like the datasets folder's is outside it too.
    await expect(io.readText('../datasets-other/x.csv')).rejects.toThrow("Dataset file '../datasets-other/x.csv' is outside the datasets folder");
  });
});
