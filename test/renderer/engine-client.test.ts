// @vitest-environment jsdom
/** The engine client and training store against a real EngineHost over an in-memory port pair. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/renderer/src/engine-client/client';
import { createTrainingStore, type TrainingStoreHook } from '../../src/renderer/src/engine-client/training-store';
import { examples, TestTransport, until, withTraining } from './engine-client-helpers';

let client: EngineClient;
let transport: TestTransport;
let store: TrainingStoreHook;

function setup(): void {
  transport = new TestTransport();
  client = new EngineClient(transport);
  store = createTrainingStore(() => client);
  store.getState().connect();
}

afterEach(() => client?.dispose());

const s = () => store.getState();

describe('engine client and training store', () => {
  it('loads a project: the model summary and an idle state land in the store', async () => {
    setup();
    expect(s().connection).toBe('connected');
    const result = await s().load(examples.iris());
    expect(result.type).toBe('loaded');
    expect(s().summary!.totalParams).toBe(131);
    expect(s().summary!.layers.map((l) => l.id)).toEqual(['x', 'hidden', 'act', 'logits', 'p', 'loss']);
    expect(s().training).toMatchObject({ status: 'idle', epoch: 0, totalEpochs: 200 });
    expect(s().loading).toBe(false);
    expect(s().lastError).toBeNull();
  });

  it('keys the issues of an invalid graph by node id', async () => {
    setup();
    const bad = examples.iris();
    bad.graph.nodes.find((n) => n.id === 'hidden')!.params.units = 0;
    const result = await s().load(bad);
    expect(result.type).toBe('invalid');
    expect(s().issuesByNode.hidden[0].param).toBe('units');
    expect(s().summary).toBeNull();
  });

  it('trains: progress grows the history, done brings test metrics', async () => {
    setup();
    await s().load(withTraining(examples.iris(), { epochs: 25, earlyStopping: undefined }));
    let updates = 0;
    let messages = 0;
    const unsubscribe = store.subscribe(() => updates++);
    const unsubscribeClient = client.subscribe((e) => void (e.type === 'progress' || e.type === 'done' ? messages++ : 0));
    s().train();
    await until(() => s().training?.status === 'finished', 'the run to finish');
    unsubscribe();
    unsubscribeClient();
    expect(updates).toBe(messages); // one store update per engine message
    expect(s().epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(s().epochCount).toBe(25);
    expect(s().stepCount).toBeGreaterThan(0);
    expect(s().stepLosses.view().steps[0]).toBe(1);
    expect(s().testMetrics!.accuracy).toBeGreaterThan(0.5);
  });

  it('pauses, steps, resumes and stops', async () => {
    setup();
    await s().load(withTraining(examples.iris(), { epochs: 100_000, earlyStopping: undefined }));
    s().train();
    await until(() => (s().training?.globalStep ?? 0) > 20, 'some steps');
    s().pause();
    await until(() => s().training?.status === 'paused', 'paused');
    const at = s().training!.globalStep;
    await new Promise((r) => setTimeout(r, 100));
    expect(s().training!.globalStep).toBe(at);
    s().step('batch');
    await until(() => s().training!.globalStep === at + 1, 'one step');
    s().resume();
    await until(() => s().training!.status === 'training' && s().training!.globalStep > at + 5, 'resumed');
    s().setLearningRate(0.001);
    await until(() => s().training!.learningRate === 0.001, 'the new learning rate');
    s().stop();
    await until(() => s().training!.status === 'stopped', 'stopped');
  });

  it('starts the history over when a new run begins', async () => {
    setup();
    await s().load(withTraining(examples.iris(), { epochs: 5, earlyStopping: undefined }));
    s().train();
    await until(() => s().training?.status === 'finished', 'first run');
    const epochsArray = s().epochs;
    s().reset();
    await until(() => s().training?.status === 'idle' && s().epochCount === 0, 'reset');
    expect(s().epochs).toBe(epochsArray); // cleared in place, not re-created
    expect(s().stepCount).toBe(0);
    expect(s().testMetrics).toBeNull();
  });

  it('predicts, inspects and returns weights', async () => {
    setup();
    await s().load(examples.iris());
    const x = new Float32Array([5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]);
    const p = await s().predict(x, 2);
    expect([p.rows, p.cols]).toEqual([2, 3]);
    for (let r = 0; r < 2; r++) expect(p.outputs[r * 3] + p.outputs[r * 3 + 1] + p.outputs[r * 3 + 2]).toBeCloseTo(1, 5);
    expect([x.length, x[0]]).toEqual([8, Math.fround(5.1)]); // the caller's array is neither normalised nor detached
    const inspection = await s().inspect('hidden');
    expect(inspection.params.map((q) => q.name)).toEqual(['kernel', 'bias']);
    const weights = await s().getWeights();
    expect(weights.hidden.kernel.shape).toEqual([4, 16]);
    await expect(s().predict(new Float32Array(3), 1)).rejects.toThrow(/predict: 1 rows need 4 values/);
  });

  it('reports a refused command as lastError', async () => {
    setup();
    s().train(); // nothing loaded
    await until(() => s().lastError !== null, 'the error');
    expect(s().lastError).toMatch(/no project is loaded/);
  });

  it.each(['portFirst', 'noticeFirst'] as const)('reconnects after a crash (%s), reloads the project and says so', async (order) => {
    setup();
    await s().load(withTraining(examples.iris(), { epochs: 100_000, earlyStopping: undefined }));
    s().train();
    await until(() => (s().training?.epoch ?? 0) >= 3, 'three epochs');
    s().pause();
    await until(() => s().training?.status === 'paused', 'paused');
    const epoch = s().training!.epoch;
    transport.crash(order);
    await until(() => s().notice !== null && s().training?.status === 'idle' && s().connection === 'connected', 'the reload');
    expect(s().notice).toBe(`The engine stopped after ${epoch} finished epoch${epoch === 1 ? '' : 's'} and was restarted; your project is unchanged.`);
    expect(transport.started).toBe(2);
    expect(transport.current!.sentToHost[0]).toMatchObject({ type: 'load', project: { name: 'Iris classifier' } });
    expect(s().summary!.totalParams).toBe(131);
    expect(s().epochCount).toBe(0);
    // The fresh engine trains.
    s().train();
    await until(() => (s().training?.globalStep ?? 0) > 0, 'training on the new engine');
    s().stop();
    s().clearNotice();
    expect(s().notice).toBeNull();
  });

  it('answers a load in flight during a crash from the reloaded engine', async () => {
    setup();
    const pending = s().load(examples.iris());
    transport.crash('portFirst');
    const result = await pending;
    expect(result.type).toBe('loaded');
    expect(s().summary).not.toBeNull();
  });

  it('gives up when the engine keeps stopping, and recovers when a new engine comes', async () => {
    setup();
    await s().load(examples.iris());
    transport.current!.kill();
    transport.sink!.failed('crashed 3 times in a row');
    expect(s().connection).toBe('failed');
    expect(s().lastError).toMatch(/keeps stopping and was not restarted \(crashed 3 times in a row\)/);
    transport.spawn();
    await until(() => s().connection === 'connected' && s().summary !== null && s().lastError === null, 'the reload');
    expect(transport.current!.sentToHost[0]).toMatchObject({ type: 'load' });
  });

  it('rejects other requests in flight during a crash', async () => {
    setup();
    await s().load(examples.iris());
    const pending = s().getWeights();
    transport.crash('portFirst');
    await expect(pending).rejects.toThrow(/restarted/);
  });

  it('streams probe frames, answers probe and evaluate, and renews the subscription after a crash', async () => {
    setup();
    await s().load(examples.xor());
    s().subscribeProbes({ boundary: { resolution: 8 }, norms: true });
    await until(() => s().probeFrame?.boundary !== undefined && s().probePoints !== null, 'a boundary frame');
    expect(s().probeFrame!.boundary!.values.length).toBe(64 * s().probeFrame!.boundary!.channels);
    expect(s().probePoints!.train.x.length).toBeGreaterThan(0);
    const frame = await s().probe({ norms: true });
    expect(frame.norms!.map((n) => n.nodeId)).toEqual(['hidden', 'logit']);
    const evaluation = await s().evaluate('train', 3);
    expect(evaluation.split).toBe('train');
    expect(evaluation.predictions.rows).toBe(3);
    let framesAfterCrash = 0;
    client.subscribe((e) => void (e.type === 'probes' && e.frame.boundary ? framesAfterCrash++ : 0));
    transport.crash('portFirst');
    await until(() => s().notice !== null && framesAfterCrash > 0, 'frames from the new engine');
    expect(transport.current!.sentToHost.map((m) => m.type)).toEqual(['load', 'subscribeProbes']);
  });

  it('traces a step for the step-through (the answer typed by the protocol map), and the run is untouched', async () => {
    setup();
    await s().load(examples.xor());
    const trace = await s().trace(1, 2);
    expect([trace.sample, trace.rows, trace.stages.map((st) => st.stage)]).toEqual([1, 2, ['forward', 'forward', 'loss', 'backward', 'backward', 'update', 'update']]);
    expect(trace.lossAfter).toBeLessThan(trace.lossBefore);
    expect(s().training!.globalStep).toBe(0);
    await expect(s().trace(4)).rejects.toThrow('sample 4 is not in the training split: it has 4 rows, so the sample must be 0…3');
  });
});
