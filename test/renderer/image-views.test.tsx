// @vitest-environment jsdom
/**
 * The image views in the inspector against a real EngineHost (in-memory ports): the turn
 * detector's kernel set by hand and its output map, a CNN's filters and feature maps, an
 * autoencoder's reconstructions and code scatter, the Data tab's image preview, and params shown
 * only when they apply. Canvases are not painted here (jsdom has no 2-D context; e2e covers it).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient, setEngineClientFactory, useTrainingStore } from '../../src/renderer/src/engine-client';
import { Inspector } from '../../src/renderer/src/inspector/Inspector';
import { ImageViewsPanel } from '../../src/renderer/src/image-views';
import { useChosenSample } from '../../src/renderer/src/image-views/chosen-sample';
import { useProjectStore, useUiStore } from '../../src/renderer/src/store';
import { startEngineSync } from '../../src/renderer/src/training/engine-sync';
import { decodeTensor } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';
import digitsCsv from '../../resources/datasets/digits.csv?raw';
import { files, TestTransport } from './engine-client-helpers';

let client: EngineClient;
beforeAll(() => {
  files['digits.csv'] = digitsCsv;
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
  setEngineClientFactory(() => (client = new EngineClient(new TestTransport())));
});
afterEach(cleanup);
afterAll(() => client?.dispose());

/** Opens a template and loads it into the engine, as the app's engine sync would. */
async function open(id: string, select: string | null, view: 'inspector' | 'panel' = 'inspector') {
  const project = findTemplate(id)!.build();
  act(() => {
    useProjectStore.getState().newProject(project);
    useChosenSample.getState().choose(null, 0);
    useUiStore.getState().setInspectorTab('data');
  });
  const result = await useTrainingStore.getState().load(project);
  expect(result.type).toBe('loaded');
  if (select) act(() => useProjectStore.getState().setSelection({ nodes: [select], edges: [] }));
  render(view === 'inspector' ? <Inspector /> : <ImageViewsPanel />);
}

const cells = (testId: string) => Array.from(screen.getByTestId(testId).querySelectorAll('.iv-cell'), (c) => Number(c.getAttribute('data-value')));

describe('image views in the inspector', () => {
  it('turn detector: the hand-set kernel, the 4×4 input and its 2×2 output map; editing a weight changes map, engine and project', async () => {
    await open('turn-detector', 'detector');
    await waitFor(() => expect(screen.getByTestId('kernel-editor')).toBeTruthy());
    const inputs = screen.getByTestId('kernel-editor').querySelectorAll('input');
    expect(Array.from(inputs, (i) => i.value)).toEqual(['1', '1', '1', '-1', '-1', '1', '-1', '-1', '1', '-4']);
    await waitFor(() => expect(cells('feature-map-0')).toEqual([1, -4, -2, -4]));
    expect(cells('maps-input')).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(screen.getByTestId('image-index').textContent).toBe('1 / 24 · turn');

    const centre = screen.getByTestId('weight-kernel-4');
    fireEvent.change(centre, { target: { value: '3' } });
    fireEvent.keyDown(centre, { key: 'Enter' });
    await waitFor(() => expect(cells('feature-map-0')).toEqual([1, 0, -2, 0]));
    const stored = useProjectStore.getState().project.weights!.detector!.kernel!;
    expect(Array.from(decodeTensor(stored, 'k').data)).toEqual([1, 1, 1, -1, 3, 1, -1, -1, 1]);
    expect(useProjectStore.getState().past).toHaveLength(1); // a hand edit is an undo step

    startEngineSync(); // as the app does: it puts the weights of an undone hand edit back into the engine
    act(() => useProjectStore.getState().undo()); // the engine gets the kernel from before the edit
    await waitFor(() => expect(cells('feature-map-0')).toEqual([1, -4, -2, -4]));
    await waitFor(() => expect((screen.getByTestId('weight-kernel-4') as HTMLInputElement).value).toBe('-1'));
    act(() => useProjectStore.getState().redo());
    await waitFor(() => expect(cells('feature-map-0')).toEqual([1, 0, -2, 0]));
    await waitFor(() => expect((screen.getByTestId('weight-kernel-4') as HTMLInputElement).value).toBe('3'));

    fireEvent.change(centre, { target: { value: 'abc' } });
    fireEvent.keyDown(centre, { key: 'Enter' });
    expect(centre.getAttribute('aria-invalid')).toBe('true');
    expect(centre.getAttribute('title')).toBe("'abc' is not a number");

    fireEvent.click(screen.getByTestId('image-next'));
    await waitFor(() => expect(screen.getByTestId('image-index').textContent).toBe('2 / 24 · turn'));
    await waitFor(() => expect(cells('maps-input').slice(0, 4)).toEqual([0, 1, 1, 1]));
  });

  it('small CNN on digits: 8 filters as images and 8 feature maps of the chosen test image; pooling shows its maps', async () => {
    await open('cnn-digits', 'conv');
    await waitFor(() => expect(screen.getByTestId('conv-filters').getAttribute('data-filters')).toBe('8'));
    expect(screen.getByTestId('conv-filters').querySelectorAll('canvas')).toHaveLength(8);
    await waitFor(() => expect(screen.getByTestId('feature-maps').getAttribute('data-maps')).toBe('8'));
    expect(screen.getByTestId('feature-maps').textContent).toContain('8 maps of 8×8');
    expect(screen.getByTestId('image-index').textContent).toMatch(/^1 \/ 359 · \d$/);
    cleanup();
    act(() => useProjectStore.getState().setSelection({ nodes: ['pool'], edges: [] }));
    render(<Inspector />);
    await waitFor(() => expect(screen.getByTestId('feature-maps').textContent).toContain('8 pooled maps of 4×4'));
    expect(screen.queryByTestId('conv-filters')).toBeNull();
  });

  it('autoencoder: originals beside reconstructions at the loss, and the 2-unit code of every test digit', async () => {
    await open('autoencoder-digits', 'loss');
    await waitFor(() => expect(screen.getByTestId('recon-rebuilt').querySelectorAll('canvas')).toHaveLength(6));
    expect(screen.getByTestId('recon-original').querySelectorAll('canvas')).toHaveLength(6);
    expect(screen.queryByTestId('recon-noisy')).toBeNull();
    cleanup();
    act(() => useProjectStore.getState().setSelection({ nodes: ['code'], edges: [] }));
    render(<Inspector />);
    await waitFor(() => expect(screen.getByTestId('code-scatter').getAttribute('data-points')).toBe('359'));
    expect(screen.getByTestId('code-scatter').textContent).toContain('359 test samples');
    expect(screen.getByTestId('code-scatter').querySelectorAll('.iv-legend__item')).toHaveLength(10);
  });

  it('Data tab: the first 32 training images with their labels', async () => {
    await open('cnn-digits', null);
    await waitFor(() => expect(screen.getByTestId('image-preview').getAttribute('data-images')).toBe('32'));
    expect(screen.getByTestId('image-preview').querySelectorAll('figcaption')).toHaveLength(32);
    expect(screen.getByTestId('image-preview').textContent).toContain('of 1258 training images, 8×8');
  });

  it('no preview for data that are not images', async () => {
    await open('xor-mlp', null);
    expect(screen.queryByTestId('image-preview')).toBeNull();
  });
});

describe('the training panel\'s Images tab', () => {
  it('picks a convolution or pooling layer (the first at first) and shows its filters and maps', async () => {
    await open('cnn-digits', null, 'panel');
    // Waits: the engine sync started by an earlier test may still be answering for the previous
    // project (a loaded machine makes that window long), and the panel follows the latest summary.
    const layer = (await screen.findByTestId('image-views-layer', undefined, { timeout: 15_000 })) as HTMLSelectElement;
    expect(Array.from(layer.options, (o) => o.value)).toEqual(['conv', 'pool']);
    await waitFor(() => expect(screen.getByTestId('conv-filters').getAttribute('data-filters')).toBe('8'));
    fireEvent.change(layer, { target: { value: 'pool' } });
    await waitFor(() => expect(screen.getByTestId('feature-maps').textContent).toContain('8 pooled maps of 4×4'));
    expect(screen.queryByTestId('conv-filters')).toBeNull();
  });

  it('shows 10 reconstructions and the code scatter of an autoencoder, and says when a network has neither', async () => {
    await open('autoencoder-digits', null, 'panel');
    await waitFor(() => expect(screen.getByTestId('recon-rebuilt').querySelectorAll('canvas')).toHaveLength(10));
    await waitFor(() => expect(screen.getByTestId('code-scatter').getAttribute('data-points')).toBe('359'));
    cleanup();
    await open('xor-mlp', null, 'panel');
    expect(screen.queryByTestId('image-views-panel')).toBeNull();
    expect(document.body.textContent).toContain('This network has neither');
  });
});

describe('params shown only when they apply', () => {
  it('rho and the sparsity weight only for KL, the activity L1 weight only for l1', () => {
    act(() => {
      useProjectStore.getState().newProject(findTemplate('sparse-autoencoder')!.build());
      useProjectStore.getState().setSelection({ nodes: ['hidden'], edges: [] });
    });
    render(<Inspector />);
    expect(screen.getByTestId('param-rho')).toBeTruthy();
    expect(screen.getByTestId('param-sparsityWeight')).toBeTruthy();
    expect(screen.queryByTestId('param-activityL1')).toBeNull();
    fireEvent.change(screen.getByTestId('param-activityRegularizer'), { target: { value: 'l1' } });
    expect(screen.queryByTestId('param-rho')).toBeNull();
    expect(screen.getByTestId('param-activityL1')).toBeTruthy();
    fireEvent.change(screen.getByTestId('param-activityRegularizer'), { target: { value: 'none' } });
    expect(screen.queryByTestId('param-activityL1')).toBeNull();
    expect(useProjectStore.getState().project.graph.nodes.find((n) => n.id === 'hidden')!.params.rho).toBe(0.05); // hidden, not forgotten
  });
});
