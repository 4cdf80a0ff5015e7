// @vitest-environment jsdom
/**
 * The training panel's Loss surface tab against a real EngineHost (in-memory ports): the two
 * weight pickers list the loaded network's tensors, and what is picked is what the lossSurface
 * request carries (weights, and the full-batch / mini-batch / stochastic / optimiser paths);
 * the engine's answer fills the legend.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EngineClient, setEngineClientFactory, useTrainingStore } from '../../src/renderer/src/engine-client';
import { useProjectStore } from '../../src/renderer/src/store';
import { templates } from '../../src/shared/templates';
import type { SurfacePathSpec, WeightRef } from '../../src/shared/protocol-surface';
import { positionOf, surfacePaths } from '../../src/renderer/src/training/surface/surface-paths';
import { TestTransport } from './engine-client-helpers';

const { LossSurfaceTab } = await import('../../src/renderer/src/training/surface/LossSurfaceTab');
const { startEngineSync } = await import('../../src/renderer/src/training/engine-sync');

let client: EngineClient;
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as never; // jsdom has no 2-D canvas
  setEngineClientFactory(() => (client = new EngineClient(new TestTransport())));
  startEngineSync();
});
afterAll(() => {
  cleanup();
  client?.dispose();
});

describe('loss surface paths', () => {
  it('traces full batch, mini-batch and stochastic with the project optimiser, then the optimisers it does not use', () => {
    const sgd = surfacePaths(200, 10, { type: 'sgd', learningRate: 0.1 }, 0.1);
    expect(sgd.map((p) => [p.batchSize, p.optimizer?.type ?? 'project', p.optimizer && 'momentum' in p.optimizer ? p.optimizer.momentum : undefined])).toEqual([
      [200, 'project', undefined],
      [10, 'project', undefined],
      [1, 'project', undefined],
      [200, 'sgd', 0.9],
      [200, 'adam', undefined],
    ]);
    const adam = surfacePaths(4, 4, { type: 'adam', learningRate: 0.01 }, 0.01);
    expect(adam.map((p) => p.label)).toEqual([
      'full batch (M = 4, Adam, η = 0.01)',
      'stochastic (M = 1, Adam, η = 0.01)',
      'full batch, plain SGD (η = 0.01)',
      'full batch, SGD with momentum 0.9 (η = 0.01)',
    ]);
    expect(positionOf(5, [2, 3])).toEqual([1, 2]);
  });
});

describe('loss surface tab', () => {
  it('sends the two picked weights and the paths in the lossSurface request and shows the answer', async () => {
    const project = templates.find((t) => t.id === 'playground-circle')!.build();
    act(() => useProjectStore.getState().newProject(project));
    await waitFor(() => expect(useTrainingStore.getState().summary?.layers.length).toBe(project.graph.nodes.length), { timeout: 10_000 });
    const real = useTrainingStore.getState().lossSurface;
    const asked: { weights: [WeightRef, WeightRef]; paths: SurfacePathSpec[] }[] = [];
    useTrainingStore.setState({ lossSurface: vi.fn((weights, paths, resolution) => (asked.push({ weights, paths }), real(weights, paths, resolution))) });

    render(<LossSurfaceTab />);
    const a = (await screen.findByTestId('surface-weight-a')) as HTMLSelectElement;
    const b = screen.getByTestId('surface-weight-b') as HTMLSelectElement;
    const options = [...a.options].map((o) => o.value);
    const dense = project.graph.nodes.filter((n) => n.type === 'dense').map((n) => n.id);
    expect(options).toEqual(dense.flatMap((id) => [`${id}.kernel`, `${id}.bias`]));

    // Weight A: the last layer's kernel, index 1; weight B: the first layer's bias, index 0.
    const last = dense.at(-1)!;
    fireEvent.change(a, { target: { value: `${last}.kernel` } });
    fireEvent.change(screen.getByTestId('surface-weight-a-index'), { target: { value: '1' } });
    fireEvent.change(b, { target: { value: `${dense[0]}.bias` } });
    fireEvent.click(screen.getByTestId('loss-surface-draw'));

    await screen.findByTestId('loss-surface-path-0');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.weights).toEqual([
      { nodeId: last, param: 'kernel', index: 1 },
      { nodeId: dense[0], param: 'bias', index: 0 },
    ]);
    const train = useTrainingStore.getState().summary!.train;
    expect(asked[0]!.paths.map((p) => p.batchSize)).toEqual(surfacePaths(train, project.training.batchSize, project.training.optimizer, project.training.optimizer.learningRate).map((p) => p.batchSize));
    expect(asked[0]!.paths[0]!.batchSize).toBe(train);
    expect(screen.getByTestId('loss-surface').textContent).toContain(`${last}.kernel[1`);
    // Every path is listed with its 40 steps, in the engine's answer.
    const legend = asked[0]!.paths.map((_, i) => screen.getByTestId(`loss-surface-path-${i}`).textContent);
    for (const text of legend) expect(text).toMatch(/: 40 steps, ends at/);

    // A new choice clears the old surface: it belongs to other weights.
    fireEvent.change(screen.getByTestId('surface-weight-b-index'), { target: { value: '1' } });
    await waitFor(() => expect(screen.queryByTestId('loss-surface-path-0')).toBeNull());
    expect(screen.getByTestId('loss-surface-draw').textContent).toBe('Draw');
  });
});
