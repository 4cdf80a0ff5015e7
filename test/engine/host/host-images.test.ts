/**
 * The image views' requests (src/engine/host-images.ts): over the real host in a worker thread,
 * and the functions directly for what a worker cannot easily show (training unchanged by probes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { probeImage, sampleImages, setParam } from '../../../src/engine/host-images';
import { createTrainer, prepareProjectData } from '../../../src/engine/session';
import { projectDataSource } from '../../../src/cli/project-file';
import { decodeTensor } from '../../../src/shared/project';
import type { Project } from '../../../src/shared/project-types';
import { findTemplate } from '../../../src/shared/templates';
import { HostClient } from '../../helpers/host-client';
import { repoRoot } from '../../helpers/projects';

let client: HostClient;
afterEach(async () => {
  await client?.close();
});

async function loaded(project: Project) {
  client = new HostClient();
  await client.waitFor('ready');
  client.send({ type: 'load', requestId: 1, project });
  return client.waitFor('loaded', (e) => e.requestId === 1);
}

const prepare = async (id: string) => {
  const project = findTemplate(id)!.build();
  const data = await prepareProjectData(project, projectDataSource(`${repoRoot}/examples/x.bprop`));
  return { project, data, trainer: createTrainer(project, data) };
};

describe('image requests over the engine host', () => {
  it('answers with an error naming the request when no project is loaded', async () => {
    client = new HostClient();
    await client.waitFor('ready');
    client.send({ type: 'sampleImages', requestId: 5, split: 'train', count: 4 });
    expect((await client.waitFor('error', (e) => e.requestId === 5)).message).toBe('no project is loaded in the engine');
  });

  it('turn detector: samples, the output map of the hand-set kernel, a new kernel weight and the changed map', async () => {
    await loaded(findTemplate('turn-detector')!.build());
    client.send({ type: 'sampleImages', requestId: 2, split: 'train', start: 0, count: 2 });
    const { samples } = await client.waitFor('images', (e) => e.requestId === 2);
    expect([samples.split, samples.start, samples.total, samples.rows, samples.featureShape]).toEqual(['train', 0, 24, 2, [1, 4, 4]]);
    expect(Array.from(samples.x.subarray(0, 16))).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect([Array.from(samples.y), samples.classNames]).toEqual([[1, 1], ['no turn', 'turn']]);
    expect([samples.offset.length, samples.scale.every((v) => v === 1)]).toEqual([16, true]);

    client.send({ type: 'probeImage', requestId: 3, nodeIds: ['x', 'detector', 'p'], source: { x: samples.x.slice(0, 16), rows: 1 } });
    const { probe } = await client.waitFor('imageProbe', (e) => e.requestId === 3);
    expect(probe.nodes.map((n) => [n.nodeId, n.shape])).toEqual([['x', [1, 4, 4]], ['detector', [1, 2, 2]], ['p', [1]]]);
    expect(Array.from(probe.nodes[1]!.values)).toEqual([1, -4, -2, -4]);
    expect(probe.nodes[2]!.values[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(probe.y).toBeNull();

    const kernel = Float32Array.from([1, 1, 1, -1, 3, 1, -1, -1, 1]); // the centre weight −1 → 3
    // The same requests through the typed ask: the answer's type follows from the request's.
    expect(await client.ask({ type: 'setParam', nodeId: 'detector', name: 'kernel', data: kernel })).toMatchObject({ type: 'paramSet', nodeId: 'detector', name: 'kernel' });
    const after = (await client.ask({ type: 'probeImage', nodeIds: ['detector'], source: { split: 'train', start: 0, count: 1 } })).probe;
    expect(Array.from(after.nodes[0]!.values)).toEqual([1, 0, -2, 0]); // +4 where the window's centre has ink
    expect(Array.from(after.y!)).toEqual([1]);

    const { weights } = await client.ask({ type: 'getWeights' });
    await expect(client.ask({ type: 'setParam', nodeId: 'ghost', name: 'kernel', data: kernel })).rejects.toThrow("no node 'ghost' in this model");
    expect(Array.from(decodeTensor(weights.detector!.kernel!, 'k').data)).toEqual(Array.from(kernel));
  });

  it('refuses a wrong parameter, length or value, and a loss node, with requestIds', async () => {
    await loaded(findTemplate('turn-detector')!.build());
    const ask = async (msg: Parameters<HostClient['send']>[0] & { requestId: number }) => {
      client.send(msg);
      return (await client.waitFor('error', (e) => e.requestId === msg.requestId)).message;
    };
    expect(await ask({ type: 'setParam', requestId: 7, nodeId: 'detector', name: 'gamma', data: new Float32Array(1) })).toBe("setParam: node 'detector' has no parameter 'gamma' (it has kernel, bias)");
    expect(await ask({ type: 'setParam', requestId: 8, nodeId: 'detector', name: 'kernel', data: new Float32Array(4) })).toBe('setParam: detector.kernel [1, 1, 3, 3] holds 9 values, got 4');
    expect(await ask({ type: 'setParam', requestId: 9, nodeId: 'detector', name: 'bias', data: Float32Array.of(NaN) })).toBe('setParam: value 0 of detector.bias is NaN, not a finite number');
    expect(await ask({ type: 'setParam', requestId: 10, nodeId: 'ghost', name: 'kernel', data: new Float32Array(9) })).toBe("no node 'ghost' in this model");
    expect(await ask({ type: 'probeImage', requestId: 11, nodeIds: ['loss'], source: { split: 'train' } })).toMatch(/a loss node has no outputs/);
    expect(await ask({ type: 'probeImage', requestId: 12, nodeIds: ['x'], source: { x: new Float32Array(5), rows: 1 } })).toBe('probeImage: 1 rows need 16 values, got 5');
    expect(await ask({ type: 'sampleImages', requestId: 13, split: 'train', count: 1000 })).toBe('sampleImages: count must be a whole number from 0 to 256 (got 1000)');
    expect(await ask({ type: 'sampleImages', requestId: 14, split: 'train', start: 30, count: 4 })).toBe('sampleImages: start 30 is beyond the 24 rows of the split');
  });
});

describe('image requests (functions)', () => {
  it('samples are in data units: normalising them again gives what the network sees', async () => {
    const { data, trainer } = await prepare('cnn-digits');
    const s = sampleImages(data, 'test', 3, 5);
    expect([s.rows, s.total, s.featureShape]).toEqual([5, data.test.n, [1, 8, 8]]);
    expect(Math.max(...s.x)).toBeCloseTo(16, 3); // digits' raw pixels 0..16
    const raw = probeImage(trainer, data, ['x', 'conv'], { x: s.x, rows: 5 });
    const fromSplit = probeImage(trainer, data, ['x', 'conv'], { split: 'test', start: 3, count: 5 });
    const seen = data.test.x.subarray(3 * 64, 8 * 64);
    for (let i = 0; i < seen.length; i++) expect(raw.nodes[0]!.values[i]).toBeCloseTo(seen[i]!, 4);
    for (let i = 0; i < raw.nodes[1]!.values.length; i++) expect(raw.nodes[1]!.values[i]).toBeCloseTo(fromSplit.nodes[1]!.values[i]!, 4);
    expect(fromSplit.nodes[1]!.shape).toEqual([8, 8, 8]);
    expect(Array.from(fromSplit.y!)).toEqual(Array.from(data.test.y.subarray(3, 8)));
    expect(sampleImages(data, 'test', data.test.n - 2, 10).rows).toBe(2); // fewer at the end of the split
  });

  it('a whole split at once: the 2-unit code of every test digit', async () => {
    const { data, trainer } = await prepare('autoencoder-digits');
    const probe = probeImage(trainer, data, ['code'], { split: 'test' });
    expect(probe.rows).toBe(data.test.n);
    expect(probe.nodes[0]!.values.length).toBe(2 * data.test.n);
    expect(probe.y!.length).toBe(data.test.n);
  });

  it('probing between steps changes neither the last batch nor the training that follows', async () => {
    const a = await prepare('cnn-digits');
    const b = await prepare('cnn-digits');
    const losses = (t: typeof a.trainer, probe: boolean) =>
      Array.from({ length: 8 }, () => {
        const loss = t.trainStep();
        if (probe) {
          const before = t.model.node('conv').output.slice(0, t.model.rows * 512);
          probeImage(t, a.data, ['conv', 'p'], { split: 'test', count: 300 });
          expect(t.model.node('conv').output.slice(0, t.model.rows * 512)).toEqual(before);
        }
        return loss;
      });
    expect(losses(a.trainer, true)).toEqual(losses(b.trainer, false));
  });

  it('setParam restarts Polyak averaging from the values set, so evaluation uses them', async () => {
    const { project, data } = await prepare('turn-detector');
    const trainer = createTrainer({ ...project, training: { ...project.training, averaging: true } }, data);
    for (let i = 0; i < 3; i++) trainer.trainStep();
    setParam(trainer, 'detector', 'bias', Float32Array.of(10));
    const probe = probeImage(trainer, data, ['detector'], { split: 'train', count: 1 });
    const kernel = trainer.model.node('detector').params[0]!.data;
    const expected = 10 + kernel[0]! + kernel[1]! + kernel[2]! + kernel[5]! + kernel[8]!; // the turn's 5 pixels under window (0, 0)
    expect(probe.nodes[0]!.values[0]).toBeCloseTo(expected, 5);
  });
});
