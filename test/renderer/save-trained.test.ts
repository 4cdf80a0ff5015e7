/**
 * Save keeps the trained model (issue 10, item 1): after training, Save writes the engine's
 * current weights as the document's weights; opening that file gives an engine whose Evaluate
 * returns the trained metrics. A real EngineHost behind in-memory ports; the platform's file
 * dialogs are stood in for.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';
import { EngineClient, setEngineClientFactory, useTrainingStore } from '../../src/renderer/src/engine-client';
import { examples, TestTransport, until } from './engine-client-helpers';

const platform = vi.hoisted(() => ({ kind: 'web' as const, saveProject: vi.fn(), saveProjectAs: vi.fn(), writeRecovery: vi.fn(), readProjectCsv: vi.fn() }));
vi.mock('../../src/renderer/src/platform', () => ({ platform }));

const { useProjectStore } = await import('../../src/renderer/src/store');
const { saveProject } = await import('../../src/renderer/src/app/file-actions');
const { startEngineSync, ensureLoaded } = await import('../../src/renderer/src/training/engine-sync');

let client: EngineClient;
beforeAll(() => {
  setEngineClientFactory(() => (client = new EngineClient(new TestTransport())));
  startEngineSync();
});
afterAll(() => client?.dispose());

const s = () => useTrainingStore.getState();
const store = () => useProjectStore.getState();
let savedText = '';
platform.saveProject.mockImplementation(async (text: string, name: string) => {
  savedText = text;
  return { path: null, name };
});

/** Opens `text`; `epoch`: where its saved run stands (0 without an optimizer state). */
async function openProject(text: string, epoch = 0): Promise<void> {
  store().loadProject(text, 'xor.bprop', null);
  await ensureLoaded();
  await until(() => s().summary !== null && s().training?.epoch === epoch && s().training?.status === 'idle', 'the project to load');
}

async function stepEpochs(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const target = s().training!.epoch + 1;
    s().step('epoch');
    await until(() => s().training?.epoch === target && s().training?.status !== 'training', `epoch ${target}`);
  }
}

describe('Save keeps the trained model', () => {
  it('writes the trained weights; the reopened file evaluates as trained', async () => {
    const project = examples.xor();
    store().newProject({ ...project, training: { ...project.training, epochs: 300 } });
    await ensureLoaded();
    await until(() => s().summary !== null, 'XOR to load');
    const untrained = await s().evaluate('train', 0);
    s().train();
    await until(() => s().training?.status === 'finished', 'the run to finish');
    const trained = await s().evaluate('train', 0);
    expect(trained.metrics.loss).toBeLessThan(untrained.metrics.loss / 4);

    expect(await saveProject()).toBe(true);
    const saved = parseProject(savedText, 'xor.bprop');
    expect(Object.keys(saved.weights ?? {}).sort()).toEqual(['hidden', 'logit']);
    expect(store().dirty).toBe(false);

    // Something else first, so the reopened file really loads afresh.
    store().newProject(examples.iris());
    await until(() => s().summary?.featureNames.length === 4, 'iris to load');
    await openProject(savedText, 300);
    const reopened = await s().evaluate('train', 0);
    expect(reopened.metrics.loss).toBeCloseTo(trained.metrics.loss, 6);
    expect(reopened.metrics.accuracy).toBe(trained.metrics.accuracy);
  }, 60_000);

  it('after Reset, Save drops the weights (the file starts from the seed, as the app does)', async () => {
    s().reset();
    await until(() => s().training?.globalStep === 0 && s().training?.status === 'idle', 'reset');
    s().step('batch');
    await until(() => s().training?.globalStep === 1, 'one step');
    s().reset();
    await until(() => s().training?.globalStep === 0, 'reset again');
    expect(await saveProject()).toBe(true);
    const afterReset = parseProject(savedText, 'xor.bprop');
    expect(afterReset.weights).toBeUndefined();
    expect(afterReset.optimizerState).toBeUndefined();
  }, 30_000);

  it('does not keep the weights of a diverged run', async () => {
    const project = findTemplate('linear-regression')!.build();
    const text = savedText;
    store().newProject({ ...project, training: { ...project.training, optimizer: { type: 'sgd', learningRate: 100 } } });
    await ensureLoaded();
    await until(() => s().summary !== null && s().training?.globalStep === 0, 'the regression to load');
    s().train();
    await until(() => s().training?.status === 'diverged', 'divergence');
    expect(await saveProject()).toBe(true);
    expect(parseProject(savedText, 'line.bprop').weights).toBeUndefined();
    expect(savedText).not.toBe(text);
  }, 30_000);

  it('saves the optimizer state: the reopened file continues the run exactly where it was', async () => {
    const project = examples.xor();
    store().newProject({ ...project, training: { ...project.training, optimizer: { type: 'adam', learningRate: 0.05 }, epochs: 50 } });
    await ensureLoaded();
    await until(() => s().summary !== null && s().training?.globalStep === 0, 'XOR to load');
    await stepEpochs(3);
    expect(await saveProject()).toBe(true);
    const text = savedText;
    const saved = parseProject(text, 'xor.bprop');
    expect(saved.optimizerState).toMatchObject({ type: 'adam', epoch: 3, stepInEpoch: 0, step: 3 * s().training!.stepsPerEpoch });
    expect(Object.keys(saved.optimizerState!.slots)).toEqual(['expAvg', 'expAvgSq']);
    await stepEpochs(2);
    const uninterrupted = await s().getWeights();

    await openProject(text, 3);
    await stepEpochs(2);
    expect(await s().getWeights()).toEqual(uninterrupted);

    // An edit the engine reloads for starts a new run from the document's weights, without a notice.
    await openProject(text, 3);
    store().setTraining({ epochs: 60 });
    await until(() => s().training?.totalEpochs === 60, 'the edit to load');
    expect(s().training?.epoch).toBe(0);
    expect(s().notice).toBeNull();

    // Another optimizer type in the document: the engine's moments are not its, so none are saved.
    store().setTraining({ optimizer: { type: 'sgd', learningRate: 0.1 } });
    expect(await saveProject()).toBe(true);
    expect(parseProject(savedText, 'xor.bprop').optimizerState).toBeUndefined();
  }, 60_000);
});
