/**
 * A project that names a CSV without its sha256 (written by hand) loads and trains in the
 * engine host; a CSV whose bytes differ from a recorded sha256 is still refused.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../helpers/host-client';
import { chainGraph, makeProject } from '../../helpers/projects';
import type { CsvDataConfig } from '../../../src/shared/project-types';

const csv = 'a,b,label\n' + Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 7 > 3 ? 'yes' : 'no'}`).join('\n') + '\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const graph = chainGraph([['x', 'input'], ['h', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]);
const data = (extra: Partial<CsvDataConfig> = {}): CsvDataConfig => ({ csv: 'points.csv', features: ['a', 'b'], target: 'label', task: 'classification', ...extra });

let client: HostClient;
afterEach(async () => {
  await client?.close();
});

describe('engine host: a CSV without its sha256', () => {
  it('loads and trains to the end', async () => {
    client = new HostClient();
    await client.waitFor('ready');
    client.send({ type: 'load', requestId: 1, project: makeProject(graph, data(), { epochs: 3, batchSize: 8 }), csv: { text: csv, sha256: sha(csv) } });
    const loaded = await client.waitFor('loaded');
    expect(loaded.summary.train + loaded.summary.validation).toBe(30);
    client.send({ type: 'train' });
    const done = await client.waitFor('done');
    expect(done.state).toMatchObject({ status: 'finished', epoch: 3 });
  });

  it('a recorded sha256 that does not match the file is still refused', async () => {
    client = new HostClient();
    await client.waitFor('ready');
    const changed = csv + '1,1,no\n';
    client.send({ type: 'load', requestId: 2, project: makeProject(graph, data({ sha256: sha(csv) })), csv: { text: changed, sha256: sha(changed) } });
    const error = await client.waitFor('error');
    expect(error.requestId).toBe(2);
    expect(error.message).toMatch(/^points\.csv has changed since the project was saved/);
  });
});
