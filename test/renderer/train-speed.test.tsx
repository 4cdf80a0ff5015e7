// @vitest-environment jsdom
/**
 * The speed control beside Train, against a real EngineHost (in-memory ports): the choice is
 * saved in the project's `ui` section (and survives a save and re-open), one step at a time
 * takes one step per Train, and "until stopped" runs past the configured epochs with the epoch
 * count and the loss on show until Stop.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EngineClient, setEngineClientFactory, useTrainingStore } from '../../src/renderer/src/engine-client';
import { useProjectStore } from '../../src/renderer/src/store';
import { parseProject, serializeProject } from '../../src/shared/project';
import { templates } from '../../src/shared/templates';
import { TestTransport } from './engine-client-helpers';

vi.mock('../../src/renderer/src/training/charts/LineChart', () => ({
  LineChart: (p: { testId: string; title: string }) => <div data-testid={p.testId}>{p.title}</div>,
}));

const { TrainingPanel } = await import('../../src/renderer/src/training');

let client: EngineClient;
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
  setEngineClientFactory(() => (client = new EngineClient(new TestTransport())));
});
afterAll(() => {
  cleanup();
  client?.dispose();
});

const s = () => useTrainingStore.getState();
const status = () => screen.getByTestId('status').textContent ?? '';

describe('the training speed control', () => {
  it('saves the pace with the project, steps one at a time, and trains until stopped', async () => {
    render(<TrainingPanel />);
    const project = templates.find((t) => t.id === 'xor-mlp')!.build();
    act(() => useProjectStore.getState().newProject({ ...project, training: { ...project.training, epochs: 5 } }));
    await waitFor(() => expect(s().summary).not.toBeNull(), { timeout: 10_000 });

    const speed = screen.getByTestId('train-speed') as HTMLSelectElement;
    expect(speed.value).toBe('max');
    expect([...speed.options].map((o) => o.textContent)).toEqual(['One step at a time', '1 step/s', '5 steps/s', '20 steps/s', 'As fast as possible']);

    fireEvent.change(speed, { target: { value: 'step' } });
    expect(useProjectStore.getState().project.ui).toEqual({ pace: 'step' });
    expect(useProjectStore.getState().dirty).toBe(true);
    const reopened = parseProject(serializeProject(useProjectStore.getState().project));
    expect(reopened.ui).toEqual({ pace: 'step' });

    fireEvent.click(screen.getByTestId('train'));
    await waitFor(() => expect(status()).toMatch(/^Paused · epoch 1\/5/)); // one step = one epoch of 4 points
    fireEvent.click(screen.getByTestId('train'));
    await waitFor(() => expect(status()).toMatch(/^Paused · epoch 2\/5/));
    expect(s().training!.globalStep).toBe(2);

    fireEvent.change(speed, { target: { value: 'max' } });
    fireEvent.click(screen.getByTestId('train-until-stopped'));
    expect(useProjectStore.getState().project.ui).toEqual({ untilStopped: true });
    fireEvent.click(screen.getByTestId('train'));
    await waitFor(() => expect(s().training!.epoch).toBeGreaterThan(20), { timeout: 10_000 });
    expect(status()).toMatch(/^Training · epoch \d+ \(until stopped\)/);
    expect(screen.getByTestId('live-loss').textContent).toMatch(/^loss \d/);
    fireEvent.click(screen.getByTestId('stop'));
    await waitFor(() => expect(s().training!.status).toBe('stopped'));
  });
});
