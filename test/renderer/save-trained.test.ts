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

async function openProject(text: string): Promise<void> {
  store().loadProject(text, 'xor.bprop', null);
  await ensureLoaded();
  await until(() => s().summary !== null && s().training?.globalStep === 0, 'the project to load');
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
    await openProject(savedText);
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
    expect(parseProject(savedText, 'xor.bprop').weights).toBeUndefined();
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
});
