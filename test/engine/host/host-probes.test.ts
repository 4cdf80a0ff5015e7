/** Probes over the real host in a worker thread: live boundary frames, norms, evaluation. */
import { afterEach, describe, expect, it } from 'vitest';
import { HostClient, startHostWith } from '../../helpers/host-client';
import { loadExample } from '../../helpers/projects';
import { decodeTensor } from '../../../src/shared/project';
import type { Project } from '../../../src/shared/project-types';
import type { BoundaryGrid } from '../../../src/shared/protocol';

let client: HostClient;
afterEach(async () => {
  await client?.close();
});

async function loaded(project: Project) {
  const started = await startHostWith(project);
  client = started.client;
  return started.loaded;
}

const circle = (epochs = 60): Project => ({ ...loadExample('circle'), training: { ...loadExample('circle').training, epochs } });

/** Raw coordinates of a grid's cell centres, as documented on BoundaryGrid. */
function cellCentres(g: BoundaryGrid): Float32Array {
  const out = new Float32Array(g.resolution * g.resolution * 2);
  const dx = (g.xRange[1] - g.xRange[0]) / g.resolution;
  const dy = (g.yRange[1] - g.yRange[0]) / g.resolution;
  for (let r = 0; r < g.resolution; r++)
    for (let c = 0; c < g.resolution; c++) {
      out[(r * g.resolution + c) * 2] = g.xRange[0] + (c + 0.5) * dx;
      out[(r * g.resolution + c) * 2 + 1] = g.yRange[1] - (r + 0.5) * dy;
    }
  return out;
}

describe('engine host probes', () => {
  it('pushes boundary frames while training, at a bounded rate (about every 70 ms)', async () => {
    await loaded(circle(100_000));
    client.send({ type: 'subscribeProbes', probes: { boundary: { resolution: 48, neurons: true }, norms: true } });
    const points = await client.waitFor('probePoints');
    expect(points.points!.train.x.length).toBe(2 * 300);
    expect(points.points!.test.x.length).toBe(2 * 100);
    const first = await client.waitFor('probes');
    expect(first.frame.globalStep).toBe(0);
    client.send({ type: 'train' });
    await client.waitFor('progress', (p) => p.state.status === 'training');
    const from = client.events.length;
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const frames = client.events.slice(from).filter((e) => e.type === 'probes');
    const seconds = (Date.now() - t0) / 1000;
    client.send({ type: 'stop' });
    await client.waitFor('done');
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(seconds * (1000 / 70)) + 2);
    // Frames keep coming while training (≥ 10/s on an idle machine; not a rate check: a loaded
    // machine may give the engine less time, never more frames than the throttle allows).
    expect(frames.length).toBeGreaterThanOrEqual(3);
    const f = frames.at(-1)!.type === 'probes' ? frames.at(-1)! : null;
    if (f?.type !== 'probes') throw new Error('no frame');
    expect(f.frame.boundary!.values.length).toBe(48 * 48);
    expect(f.frame.neurons!.map((n) => [n.nodeId, n.valueNodeId, n.units])).toEqual([
      ['h1', 'a1', 8],
      ['h2', 'a2', 8],
      ['logit', 'p', 1],
    ]);
    expect(f.frame.neurons![0].values.length).toBe(8 * 24 * 24);
    expect(f.frame.norms!.map((n) => n.nodeId)).toEqual(['h1', 'h2', 'logit']);
    const steps = frames.map((e) => (e.type === 'probes' ? e.frame.globalStep : 0));
    expect(steps.at(-1)!).toBeGreaterThan(steps[0]); // live: frames follow training
  });

  it('grid values equal the model predictions at the cell centres', async () => {
    await loaded(circle());
    client.send({ type: 'step', unit: 'epoch' });
    await client.waitFor('progress', (p) => p.state.epoch === 1);
    client.send({ type: 'probe', requestId: 5, probes: { boundary: { resolution: 12 } } });
    const { frame } = await client.waitFor('probes', (e) => e.requestId === 5);
    const g = frame.boundary!;
    expect([g.resolution, g.channels, g.values.length]).toEqual([12, 1, 144]);
    client.send({ type: 'predict', requestId: 6, x: cellCentres(g), rows: 144 });
    const p = await client.waitFor('prediction', (e) => e.requestId === 6);
    for (let i = 0; i < 144; i++) expect(g.values[i]).toBeCloseTo(p.outputs[i], 6);
    const min = Math.min(...g.values);
    const max = Math.max(...g.values);
    expect(max - min).toBeGreaterThan(0.1); // an informative map, not a constant
  });

  it('per-layer norms match a direct computation from the weights and the last batch gradients', async () => {
    await loaded(loadExample('iris'));
    client.send({ type: 'step', unit: 'batch' });
    await client.waitFor('progress', (p) => p.state.globalStep === 1);
    client.send({ type: 'probe', requestId: 2, probes: { norms: true, network: true } });
    const { frame } = await client.waitFor('probes', (e) => e.requestId === 2);
    for (const nodeId of ['hidden', 'logits']) {
      client.send({ type: 'inspect', requestId: 3, nodeId });
      const ins = await client.waitFor('inspection', (e) => e.nodeId === nodeId);
      const sq = (a: Float32Array) => a.reduce((s, v) => s + v * v, 0);
      const w = Math.sqrt(ins.params.reduce((s, p) => s + sq(p.data), 0));
      const g = Math.sqrt(ins.params.reduce((s, p) => s + sq(p.grad), 0));
      const norm = frame.norms!.find((n) => n.nodeId === nodeId)!;
      expect(norm.weight).toBeCloseTo(w, 5);
      expect(norm.grad).toBeCloseTo(g, 5);
      expect(g).toBeGreaterThan(0);
    }
    client.send({ type: 'getWeights', requestId: 4 });
    const weights = await client.waitFor('weights');
    const kernel = decodeTensor(weights.weights.hidden.kernel, 'k').data;
    const layer = frame.network!.find((l) => l.nodeId === 'hidden')!;
    expect([layer.inputs, layer.units, layer.activation]).toEqual([4, 16, 'relu']);
    expect(Array.from(layer.kernel)).toEqual(Array.from(kernel));
  });

  it('probes do not disturb training or the inspected batch', async () => {
    const run = async (withProbes: boolean) => {
      await loaded(circle());
      if (withProbes) client.send({ type: 'subscribeProbes', probes: { boundary: { neurons: true }, norms: true, network: true, intervalMs: 16 } });
      for (let i = 0; i < 3; i++) {
        client.send({ type: 'step', unit: 'epoch' });
        await client.waitFor('progress', (p) => p.state.epoch === i + 1 && p.state.status === 'paused');
      }
      client.send({ type: 'step', unit: 'batch' });
      await client.waitFor('progress', (p) => p.state.stepInEpoch === 1);
      if (withProbes) client.send({ type: 'probe', requestId: 8, probes: { boundary: { resolution: 100 } } });
      client.send({ type: 'inspect', requestId: 9, nodeId: 'a1' });
      const ins = await client.waitFor('inspection');
      client.send({ type: 'getWeights', requestId: 10 });
      const w = await client.waitFor('weights');
      await client.close();
      return { rows: ins.rows, act: Array.from(ins.activations), weights: w.weights };
    };
    const plain = await run(false);
    const probed = await run(true);
    expect(probed.rows).toBe(10);
    expect(probed.act).toEqual(plain.act);
    expect(probed.weights).toEqual(plain.weights);
  });

  it('evaluates a split: the confusion matrix sums to its size and matches the accuracy', async () => {
    await loaded({ ...loadExample('iris'), training: { ...loadExample('iris').training, epochs: 40, earlyStopping: undefined } });
    client.send({ type: 'train' });
    const done = await client.waitFor('done');
    for (const split of ['test', 'validation'] as const) {
      client.send({ type: 'evaluate', requestId: 11, split, predictions: 7 });
      const { evaluation: e } = await client.waitFor('evaluation', (x) => x.evaluation.split === split);
      expect(e.n).toBe(30);
      expect(e.confusion!.reduce((a, b) => a + b, 0)).toBe(30);
      const diagonal = [0, 1, 2].reduce((s, c) => s + e.confusion![c * 3 + c], 0);
      expect(diagonal / e.n).toBeCloseTo(e.metrics.accuracy!, 10);
      expect(e.classNames).toHaveLength(3);
      expect(e.precision).toHaveLength(3);
      expect(e.predictions.rows).toBe(7);
      expect(e.predictions.features!.length).toBe(7 * 4);
      expect(e.predictions.outputs.length).toBe(7 * 3);
      expect(Array.from(e.predictions.predicted!)).toHaveLength(7);
      if (split === 'test') expect(e.metrics.accuracy).toBeCloseTo(done.test!.accuracy!, 10);
    }
  });

  it('regression: a predicted-vs-true scatter; non-2-D data has no boundary and says why', async () => {
    await loaded(loadExample('linear-regression'));
    client.send({ type: 'step', unit: 'epoch' });
    await client.waitFor('progress', (p) => p.state.epoch === 1);
    client.send({ type: 'evaluate', requestId: 1, split: 'validation' });
    const { evaluation: e } = await client.waitFor('evaluation');
    expect(e.task).toBe('regression');
    expect(e.confusion).toBeUndefined();
    expect(e.scatter!.length).toBe(2 * e.n);
    expect(e.metrics.r2).toBeDefined();
    await client.close();

    await loaded(loadExample('iris'));
    client.send({ type: 'subscribeProbes', probes: { boundary: {} } });
    const pts = await client.waitFor('probePoints');
    expect(pts.points).toBeNull();
    expect(pts.reason).toMatch(/2 input features; this data has 4/);
    const { frame } = await client.waitFor('probes');
    expect(frame.boundary).toBeUndefined();
    expect(frame.boundaryUnavailable).toMatch(/2 input features/);
  });
});
