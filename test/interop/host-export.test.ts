/**
 * The engine host builds File › Export's ONNX and PyTorch files from the loaded model: with the
 * weights it has after training steps, and a CSV project's data copied beside the script.
 */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/protocol';
import type { Project } from '../../src/shared/project-types';
import { findTemplate } from '../../src/shared/templates';
import { HostClient, startHostWith } from '../helpers/host-client';
import { runOnnx } from './helpers';

let client: HostClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

type Exported = Extract<EngineEvent, { type: 'modelExported' }>;

async function exportFrom(c: HostClient, format: 'onnx' | 'pytorch', fileName: string, requestId: number): Promise<Exported> {
  c.send({ type: 'exportModel', requestId, format, fileName });
  return c.waitFor('modelExported', (e) => e.requestId === requestId);
}

describe('exports from the engine host', () => {
  it('ONNX carries the weights the model has now (after training steps), and runs', async () => {
    const started = await startHostWith(findTemplate('iris')!.build());
    client = started.client;
    const x = Float32Array.of(5.1, 3.5, 1.4, 0.2);
    const before = await exportFrom(client, 'onnx', 'iris.onnx', 10);
    expect(before.files.map((f) => f.name)).toEqual(['iris.onnx']);
    expect(before.summary).toBe("opset 13, input 'iris' [batch, 4] (raw features), output 'p'");
    client.send({ type: 'step', unit: 'epoch' });
    await client.waitFor('progress', (e) => e.state.epoch === 1);
    const after = await exportFrom(client, 'onnx', 'iris.onnx', 11);
    const p0 = (await runOnnx(before.files[0]!.bytes, 'iris', x, 1, [4])).p!;
    const p1 = (await runOnnx(after.files[0]!.bytes, 'iris', x, 1, [4])).p!;
    expect(p1).not.toEqual(p0);
    // And the engine predicts what the exported model computes.
    client.send({ type: 'predict', requestId: 12, x, rows: 1 });
    const predicted = await client.waitFor('prediction', (e) => e.requestId === 12);
    for (let k = 0; k < 3; k++) expect(Math.abs(p1[k]! - predicted.outputs[k]!)).toBeLessThan(1e-6);
  });

  it('PyTorch: the script, its weights and a CSV project\'s own data beside it', async () => {
    const csv = 'a;b;kind\n1,5;2;x\n2;3,5;y\n0,5;1;x\n3;3;y\n1;2;x\n2,5;2,5;y\n';
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const project: Project = {
      ...findTemplate('xor-mlp')!.build(),
      data: { csv: 'my data.csv', sha256, features: ['a', 'b'], target: 'kind', task: 'classification', split: { validation: 0, test: 0 } },
    };
    client = new HostClient();
    await client.waitFor('ready');
    client.send({ type: 'load', requestId: 1, project, csv: { text: csv, sha256 } });
    await client.waitFor('loaded', (e) => e.requestId === 1);
    const exported = await exportFrom(client, 'pytorch', 'xor.py', 2);
    expect(exported.files.map((f) => f.name)).toEqual(['xor.py', 'xor_weights.npz', 'my data.csv']);
    expect(new TextDecoder().decode(exported.files[2]!.bytes)).toBe(csv);
    const script = new TextDecoder().decode(exported.files[0]!.bytes);
    expect(script).toContain('DATA_FILE = "my data.csv"');
    expect(script).toContain('DELIMITER = ";"');
    expect(script).toContain('DECIMAL_COMMA = True');
    expect(script).toContain('CLASSES = ["x", "y"]');
    const npz = unzipSync(exported.files[1]!.bytes);
    expect(Object.keys(npz).sort()).toEqual(['hidden.bias.npy', 'hidden.weight.npy', 'logit.bias.npy', 'logit.weight.npy', 'split_test.npy', 'split_train.npy', 'split_validation.npy']);
  });
});
