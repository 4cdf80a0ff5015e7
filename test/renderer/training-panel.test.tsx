// @vitest-environment jsdom
/**
 * The training panel against a real EngineHost (in-memory ports): controls, status, learning
 * rate, divergence message, recorded runs and the confusion matrix, driven through the UI.
 * Chart.js needs a real canvas, so the chart components are stood in for here (the e2e test
 * covers them in Chromium).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EngineClient, setEngineClientFactory, useTrainingStore } from '../../src/renderer/src/engine-client';
import { useProjectStore } from '../../src/renderer/src/store';
import { serializeProject } from '../../src/shared/project';
import { templates } from '../../src/shared/templates';
import { TestTransport } from './engine-client-helpers';

vi.mock('../../src/renderer/src/training/charts/LineChart', () => ({
  LineChart: (p: { testId: string; title: string }) => <div data-testid={p.testId}>{p.title}</div>,
}));
vi.mock('../../src/renderer/src/training/evaluate/ScatterPlot', () => ({
  ScatterPlot: () => <div data-testid="regression-scatter" />,
}));

const { TrainingPanel } = await import('../../src/renderer/src/training');
const { TrainingSettings } = await import('../../src/renderer/src/settings/TrainingSettings');
const { setWeight } = await import('../../src/renderer/src/image-views/node-params');
const { live } = await import('../../src/renderer/src/training/live');

let client: EngineClient;
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as never; // jsdom has no 2-D canvas
  setEngineClientFactory(() => (client = new EngineClient(new TestTransport())));
});
afterAll(() => {
  cleanup();
  client?.dispose();
});

const template = (id: string) => templates.find((t) => t.id === id)!.build();
const s = () => useTrainingStore.getState();
const status = () => screen.getByTestId('status').textContent ?? '';

async function openTemplate(id: string, training: Partial<ReturnType<typeof template>['training']> = {}) {
  const project = template(id);
  act(() => useProjectStore.getState().newProject({ ...project, training: { ...project.training, ...training } }));
  await waitFor(() => expect(s().summary?.layers.length).toBe(project.graph.nodes.length), { timeout: 10_000 });
}

describe('training panel', () => {
  it('loads the project, steps, changes the learning rate, trains to the end and records the run', async () => {
    render(<TrainingPanel />);
    await openTemplate('playground-circle', { epochs: 15 });
    await waitFor(() => expect(status()).toBe('Ready · epoch 0/15'));

    fireEvent.click(screen.getByTestId('step'));
    await waitFor(() => expect(status()).toMatch(/^Paused · epoch 1\/15 · step 1\/30/));
    fireEvent.click(screen.getByTestId('step-epoch'));
    await waitFor(() => expect(status()).toMatch(/^Paused · epoch 1\/15 · step 30\/30/));
    expect((screen.getByTestId('resume') as HTMLButtonElement).disabled).toBe(false);

    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    fireEvent.focus(lr);
    fireEvent.change(lr, { target: { value: '0.01' } });
    fireEvent.keyDown(lr, { key: 'Enter' });
    await waitFor(() => expect(s().training!.learningRate).toBe(0.01));

    fireEvent.click(screen.getByTestId('resume'));
    await waitFor(() => expect(s().training!.status).toBe('finished'), { timeout: 30_000 });
    await waitFor(() => expect(status()).toMatch(/^Finished · epoch 15\/15/)); // the status text is throttled to 5 updates/s
    expect(screen.getByTestId('test-metrics').textContent).toMatch(/accuracy/);
    expect(live.epoch.loss.length).toBe(15);
    expect(live.epoch.valAccuracy.length).toBe(15);
    expect(live.norms.size).toBe(3); // probe frames arrived: norms per Dense layer

    await waitFor(() => expect(useProjectStore.getState().project.runs).toHaveLength(1));
    const run = useProjectStore.getState().project.runs![0];
    expect(run).toMatchObject({ id: 'run-1', status: 'finished', settings: { training: { epochs: 15 } } });
    expect(run.epochs).toHaveLength(15);
    expect(run.epochs[14].learningRate).toBe(0.01);
    expect(run.architecture).toBe('2 → 8 tanh → 8 tanh → 1 sigmoid · Binary cross-entropy');
    expect(run.test!.accuracy).toBeGreaterThan(0.5); // from the 'done' message, after the last progress
    expect(useProjectStore.getState().past).toHaveLength(1); // the rate change is an edit; the run is not an undo step
    expect(useProjectStore.getState().project.training.optimizer.learningRate).toBe(0.01);
  }, 60_000);

  it('shows the confusion matrix of the test split in the Evaluate tab', async () => {
    fireEvent.click(screen.getByTestId('training-tab-evaluate'));
    const matrix = await screen.findByTestId('confusion-matrix', {}, { timeout: 10_000 });
    expect(matrix.getAttribute('data-split')).toBe('test');
    expect(Number(matrix.getAttribute('data-total'))).toBe(s().summary!.test);
    expect(screen.getByTestId('predictions-table').querySelectorAll('tbody tr')).toHaveLength(20);
    await waitFor(() => expect((screen.getByTestId('try-feature-0') as HTMLInputElement).value).not.toBe(''));
    fireEvent.click(screen.getByTestId('try-predict'));
    expect((await screen.findByTestId('try-result', {}, { timeout: 5000 })).textContent).toMatch(/p\(inside\)/);
  }, 30_000);

  it('stops a diverging run with a message naming the layer and suggesting a lower rate', async () => {
    fireEvent.click(screen.getByTestId('training-tab-live'));
    await openTemplate('linear-regression');
    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    fireEvent.focus(lr);
    fireEvent.change(lr, { target: { value: '100' } });
    fireEvent.keyDown(lr, { key: 'Enter' });
    await waitFor(() => expect(s().training!.learningRate).toBe(100));
    fireEvent.click(screen.getByTestId('train'));
    const message = await screen.findByTestId('divergence', {}, { timeout: 20_000 });
    expect(message.textContent).toMatch(/Training diverged in Dense 'line'/);
    expect(message.textContent).toMatch(/lower learning rate than 100 \(e\.g\. 10\)/);
    await waitFor(() => expect(status()).toMatch(/^Diverged/));
    await waitFor(() => expect(useProjectStore.getState().project.runs?.[0]?.status).toBe('diverged'));
  }, 30_000);

  it('has one learning rate: set during a run, it survives Stop and Reset in the panel, the Training tab, the engine and the file; undo restores it', async () => {
    await openTemplate('playground-circle', { epochs: 5000 });
    fireEvent.click(screen.getByTestId('train'));
    await waitFor(() => expect(s().training!.status).toBe('training'));
    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    fireEvent.focus(lr);
    fireEvent.change(lr, { target: { value: '0.3' } });
    fireEvent.keyDown(lr, { key: 'Enter' });
    await waitFor(() => expect(s().training!.learningRate).toBe(0.3)); // the running run uses it
    fireEvent.click(screen.getByTestId('stop'));
    await waitFor(() => expect(s().training!.status).toBe('stopped'));
    fireEvent.click(screen.getByTestId('reset'));
    await waitFor(() => expect(s().training!.globalStep).toBe(0));
    await new Promise((r) => setTimeout(r, 400)); // past engine-sync's debounce: no reload brings back the old rate
    expect(s().training!.learningRate).toBe(0.3);
    expect(lr.value).toBe('0.3');
    expect(useProjectStore.getState().project.training.optimizer.learningRate).toBe(0.3);
    expect(JSON.parse(serializeProject(useProjectStore.getState().project)).training.optimizer.learningRate).toBe(0.3);
    const settings = render(<TrainingSettings />); // the inspector's Training tab
    expect((settings.getByTestId('optimizer-learningRate') as HTMLInputElement).value).toBe('0.3');
    settings.unmount();
    act(() => useProjectStore.getState().undo());
    await waitFor(() => expect(s().training!.learningRate).toBe(0.03));
    expect(lr.value).toBe('0.03');
  }, 30_000);

  it('dragging the learning-rate slider commits one undo step when let go', () => {
    const before = useProjectStore.getState().past.length;
    const slider = screen.getByRole('slider', { name: 'Learning rate (log scale)' });
    for (const position of ['-1', '-1.5', '-2.5']) fireEvent.change(slider, { target: { value: position } });
    expect(useProjectStore.getState().past.length).toBe(before); // nothing committed while dragging
    expect((screen.getByTestId('learning-rate') as HTMLInputElement).value).toBe('0.0032');
    fireEvent.pointerUp(slider);
    expect(useProjectStore.getState().past.length).toBe(before + 1);
    expect(useProjectStore.getState().project.training.optimizer.learningRate).toBe(0.0032);
  });

  it('a template without a test split ends with the final training metrics and no "step 0/N"', async () => {
    await openTemplate('xor-mlp');
    expect(s().summary!.test).toBe(0);
    fireEvent.click(screen.getByTestId('train'));
    await waitFor(() => expect(s().training!.status).toBe('finished'), { timeout: 30_000 });
    await waitFor(() => expect(status()).toMatch(/^Finished · epoch 500\/500 · [\d.]+ s elapsed$/));
    expect(screen.getByTestId('final-metrics').textContent).toMatch(/^training loss [\d.e-]+ · accuracy 1$/);
    expect(screen.queryByTestId('test-metrics')).toBeNull();
  }, 30_000);

  it('Evaluate refreshes after a weight is set by hand, and after its undo', async () => {
    await openTemplate('turn-detector');
    await waitFor(() => expect(s().summary!.layers.some((l) => l.id === 'detector')).toBe(true), { timeout: 10_000 });
    fireEvent.click(screen.getByTestId('training-tab-evaluate'));
    const metrics = async () => (await screen.findByTestId('eval-metrics', {}, { timeout: 5000 })).textContent ?? '';
    await waitFor(async () => expect(await metrics()).toMatch(/^\d+ samples · loss /));
    const before = await metrics();
    let problem: string | null = 'not run';
    await act(async () => {
      problem = await setWeight('detector', 'bias', Float32Array.of(-4), 0, 4); // every window now looks like a turn
    });
    expect(problem).toBeNull();
    await waitFor(async () => expect(await metrics()).not.toBe(before));
    act(() => useProjectStore.getState().undo());
    await waitFor(async () => expect(await metrics()).toBe(before));
    fireEvent.click(screen.getByTestId('training-tab-live'));
  }, 30_000);

  it("never shows the previous project's problems for a newly opened one", async () => {
    const broken = template('xor-mlp');
    act(() => useProjectStore.getState().newProject({ ...broken, graph: { ...broken.graph, nodes: broken.graph.nodes.filter((n) => n.id !== 'loss') } }));
    await waitFor(() => expect(status()).toBe('The network has problems (see the canvas)'), { timeout: 10_000 });
    act(() => useProjectStore.getState().newProject(template('xor-mlp')));
    expect(status()).toBe('Loading the project into the engine…'); // before the engine has even been asked
    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    expect(lr.value).toBe(String(template('xor-mlp').training.optimizer.learningRate)); // the project's rate, before the engine has it
    await waitFor(() => expect(status()).toMatch(/^Ready · epoch 0\//), { timeout: 10_000 });
  });
  it('checks the gradients of a layer against finite differences from the Inside tab', async () => {
    await openTemplate('playground-circle');
    fireEvent.click(screen.getByTestId('step'));
    await waitFor(() => expect(status()).toMatch(/^Paused · epoch 1\/\d+ · step 1\//));
    fireEvent.click(screen.getByTestId('training-tab-inside'));
    fireEvent.change(await screen.findByTestId('inspect-node'), { target: { value: 'h1' } });
    fireEvent.click(await screen.findByTestId('gradient-check-run', {}, { timeout: 5000 }));
    const table = await screen.findByTestId('gradient-check-table', {}, { timeout: 5000 });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(8);
    expect(table.querySelector('tbody td')!.textContent).toMatch(/^\[\d, \d\]$/); // [input, unit] of the 2 × 8 kernel
    expect(screen.getByTestId('gradient-check-verdict').textContent).toMatch(/^Backprop and finite differences agree/);

    fireEvent.change(screen.getByTestId('gradient-check-param'), { target: { value: 'bias' } });
    fireEvent.click(screen.getByTestId('gradient-check-run'));
    await waitFor(() => expect(screen.getByTestId('gradient-check-table').querySelector('th')!.textContent).toBe('bias'));
    expect(screen.getByTestId('gradient-check-table').querySelectorAll('tbody tr')).toHaveLength(8);
    fireEvent.click(screen.getByTestId('training-tab-live'));
  }, 30_000);
});
