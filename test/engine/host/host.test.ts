/** The engine host over worker_threads: the protocol the app's UI relies on. */
import { afterEach, describe, expect, it } from 'vitest';
import { HostClient, startHostWith } from '../../helpers/host-client';
import { chainGraph, loadExample, makeProject } from '../../helpers/projects';
import type { Project } from '../../../src/shared/project-types';

let client: HostClient;
afterEach(async () => {
  await client?.close();
});

async function loaded(project: Project) {
  const started = await startHostWith(project);
  client = started.client;
  return started.loaded;
}

describe('engine host', () => {
  it('loads a project and answers with a model summary', async () => {
    const { summary, state } = await loaded(loadExample('iris'));
    expect(summary.layers.map((l) => [l.id, l.shape, l.params])).toEqual([
      ['x', [4], 0],
      ['hidden', [16], 80],
      ['act', [16], 0],
      ['logits', [3], 51],
      ['p', [3], 0],
      ['loss', [3], 0],
    ]);
    expect(summary.totalParams).toBe(131);
    expect([summary.train, summary.validation, summary.test]).toEqual([90, 30, 30]);
    expect(summary.classNames).toHaveLength(3);
    expect(state).toMatchObject({ status: 'idle', epoch: 0, totalEpochs: 200 });
  });

  it('answers a bad graph with errors keyed by node id', async () => {
    client = new HostClient();
    client.send({ type: 'load', requestId: 7, project: makeProject(chainGraph([['x', 'input'], ['h', 'dense', { units: 0 }], ['loss', 'crossEntropy']]), { dataset: 'iris' }) });
    const e = await client.waitFor('invalid');
    expect(e.requestId).toBe(7);
    const nodes = e.issues.map((i) => i.nodeId);
    expect(nodes).toContain('h');
    expect(nodes).toContain('loss');
    expect(e.issues.find((i) => i.nodeId === 'h')!.param).toBe('units');
  });

  it('answers a message type it does not know with an error naming it (with the requestId), and keeps serving', async () => {
    client = new HostClient();
    await client.waitFor('ready');
    client.worker.postMessage({ type: 'predictAll', requestId: 41 });
    const e = await client.waitFor('error');
    expect(e).toEqual({ type: 'error', requestId: 41, message: "the engine does not know the message type 'predictAll'" });
    client.send({ type: 'getWeights', requestId: 42 });
    expect((await client.waitFor('error', (x) => x.requestId === 42)).message).toBe('no project is loaded in the engine');
  });

  it('trains to the end, streaming progress, then reports done with test metrics', async () => {
    await loaded({ ...loadExample('iris'), training: { ...loadExample('iris').training, epochs: 30, earlyStopping: undefined } });
    client.send({ type: 'train' });
    const done = await client.waitFor('done');
    expect(done.state.status).toBe('finished');
    expect(done.state.epoch).toBe(30);
    expect(done.test!.accuracy).toBeGreaterThan(0.8);
    const progress = client.of('progress');
    const epochs = progress.flatMap((p) => p.epochs.map((e) => e.epoch));
    expect(epochs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1)); // every epoch exactly once, in order
    const steps = progress.reduce((s, p) => s + p.steps.length / 2, 0);
    expect(steps).toBeGreaterThan(0);
  });

  it('pauses, steps one batch and one epoch, resumes and stops', async () => {
    await loaded({ ...loadExample('digits'), training: { ...loadExample('digits').training, epochs: 1000 } });
    client.send({ type: 'train' });
    await client.waitFor('progress', (p) => p.state.globalStep > 0);
    client.send({ type: 'pause' });
    const paused = await client.waitFor('progress', (p) => p.state.status === 'paused');
    const at = paused.state.globalStep;
    await new Promise((r) => setTimeout(r, 200));
    const still = client.of('progress').at(-1)!;
    expect(still.state.globalStep).toBe(at); // nothing runs while paused

    client.send({ type: 'step', unit: 'batch' });
    const one = await client.waitFor('progress', (p) => p.state.globalStep === at + 1);
    expect(one.state.status).toBe('paused');

    client.send({ type: 'step', unit: 'epoch' });
    const epoch = await client.waitFor('progress', (p) => p.epochs.length > 0 && p.state.status === 'paused');
    expect(epoch.state.stepInEpoch).toBe(0);

    client.send({ type: 'resume' });
    await client.waitFor('progress', (p) => p.state.status === 'training' && p.state.globalStep > epoch.state.globalStep);
    client.send({ type: 'stop' });
    const done = await client.waitFor('done');
    expect(done.state.status).toBe('stopped');
  });

  it('changes the learning rate during training; it applies from the next step', async () => {
    await loaded({ ...loadExample('digits'), training: { ...loadExample('digits').training, epochs: 1000 } });
    client.send({ type: 'train' });
    await client.waitFor('progress', (p) => p.state.globalStep > 5);
    client.send({ type: 'setLearningRate', value: 0.0123 });
    const p = await client.waitFor('progress', (e) => e.state.learningRate === 0.0123);
    expect(p.state.status).toBe('training');
    client.send({ type: 'stop' });
    await client.waitFor('done');
  });

  it('throttles progress: a long run of tiny steps sends a bounded number of messages', async () => {
    const project = makeProject(
      chainGraph([['x', 'input'], ['h', 'dense', { units: 4 }], ['a', 'tanh'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
      { dataset: 'xor', normalize: 'none', split: { validation: 0, test: 0 } },
      { batchSize: 4, epochs: 100_000 },
    );
    await loaded(project);
    const t0 = Date.now();
    client.send({ type: 'train' });
    const done = await client.waitFor('done', () => true, 120_000);
    const seconds = (Date.now() - t0) / 1000;
    expect(done.state.globalStep).toBe(100_000);
    const messages = client.of('progress').length;
    // About 30 messages per second at most (plus a few forced by state changes).
    expect(messages).toBeLessThanOrEqual(Math.ceil(seconds * 31) + 5);
    expect(messages).toBeLessThan(100_000 / 50);
    const epochs = client.of('progress').reduce((s, p) => s + p.epochs.length, 0);
    expect(epochs).toBe(100_000); // batched, none lost
  });

  it('reports divergence with the layer at fault and stops', async () => {
    const project = makeProject(
      chainGraph([['x', 'input'], ['h', 'dense', { units: 8 }], ['a', 'relu'], ['out', 'dense', { units: 1 }], ['loss', 'mse']]),
      { dataset: 'linear', normalize: 'none' },
      { optimizer: { type: 'sgd', learningRate: 100 }, batchSize: 10, epochs: 100 },
    );
    await loaded(project);
    client.send({ type: 'train' });
    const d = await client.waitFor('diverged');
    expect(d.state.status).toBe('diverged');
    expect(d.message).toMatch(/lower the learning rate/);
    expect(['h', 'a', 'out']).toContain(d.nodeId);
  });

  it('predicts raw feature rows (normalised like the training data)', async () => {
    await loaded(loadExample('iris'));
    client.send({ type: 'step', unit: 'epoch' });
    await client.waitFor('progress', (p) => p.state.epoch === 1);
    const x = new Float32Array([5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]);
    client.send({ type: 'predict', requestId: 3, x, rows: 2 });
    const p = await client.waitFor('prediction');
    expect([p.rows, p.cols, p.outputs.length]).toEqual([2, 3, 6]);
    expect(p.outputs[0] + p.outputs[1] + p.outputs[2]).toBeCloseTo(1, 5);
  });

  it('inspects a node: activations, gradients and weights of the last batch', async () => {
    await loaded(loadExample('iris'));
    client.send({ type: 'step', unit: 'batch' });
    await client.waitFor('progress', (p) => p.state.globalStep === 1);
    client.send({ type: 'inspect', requestId: 4, nodeId: 'hidden' });
    const i = await client.waitFor('inspection');
    expect(i.rows).toBe(16);
    expect(i.activations.length).toBe(16 * 16);
    expect(i.params.map((p) => [p.name, p.shape])).toEqual([['kernel', [4, 16]], ['bias', [16]]]);
    expect(i.params[0].grad.some((g) => g !== 0)).toBe(true);
  });

  it('reset re-initialises the weights from the seed', async () => {
    await loaded(loadExample('xor-mlp'));
    client.send({ type: 'getWeights', requestId: 1 });
    const before = await client.waitFor('weights');
    client.send({ type: 'step', unit: 'epoch' });
    await client.waitFor('progress', (p) => p.state.epoch === 1);
    client.send({ type: 'getWeights', requestId: 2 });
    const trained = await client.waitFor('weights', (w) => w.requestId === 2);
    expect(trained.weights.hidden.kernel.data).not.toBe(before.weights.hidden.kernel.data);
    client.send({ type: 'reset' });
    client.send({ type: 'getWeights', requestId: 3 });
    const reset = await client.waitFor('weights', (w) => w.requestId === 3);
    expect(reset.weights).toEqual(before.weights);
  });

  it('a request before any project is loaded gets a clear error', async () => {
    client = new HostClient();
    client.send({ type: 'train' });
    const e = await client.waitFor('error');
    expect(e.message).toBe('no project is loaded in the engine');
  });

  it('survives a crash mid-training: a fresh engine loads the same project and trains again', async () => {
    const project = { ...loadExample('digits'), training: { ...loadExample('digits').training, epochs: 1000 } };
    await loaded(project);
    client.send({ type: 'train' });
    await client.waitFor('progress', (p) => p.state.globalStep > 10);
    await client.worker.terminate(); // what a crashed engine process looks like to its owner
    expect(client.exited).not.toBeNull();
    const { summary } = await loaded(project); // the supervisor's job: a new engine, the project re-sent
    expect(summary.totalParams).toBe(4810);
    client.send({ type: 'step', unit: 'batch' });
    const p = await client.waitFor('progress', (e) => e.state.globalStep === 1);
    expect(p.state.status).toBe('paused');
  });
});
