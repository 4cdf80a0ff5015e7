// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataSettings } from '../../src/renderer/src/settings/DataSettings';
import { TrainingSettings } from '../../src/renderer/src/settings/TrainingSettings';
import { useProjectStore } from '../../src/renderer/src/store';
import { parseProject, serializeProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';

const CSV = 'size,rooms,colour,label\n1.5,3,red,a\n2.5,4,blue,b\n3,5,red,a\n4,2,green,c\n';
const chooseCsv = vi.fn(async () => ({ name: 'houses.csv', resolvedPath: '/p/houses.csv', text: CSV, sha256: 'ab'.repeat(32) }));
vi.mock('../../src/renderer/src/platform', () => ({ platform: { kind: 'web', chooseCsv: () => chooseCsv() } }));

const project = () => useProjectStore.getState().project;

function type(testId: string, value: string) {
  const input = screen.getByTestId(testId);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('training settings', () => {
  beforeEach(() => useProjectStore.getState().newProject(findTemplate('iris')!.build()));
  afterEach(cleanup);

  it('offers the batch-size presets: stochastic, mini-batch, full batch (the training-set size)', () => {
    render(<TrainingSettings />);
    expect(screen.getByTestId('batch-preset-full').textContent).toBe('Full batch (90)');
    fireEvent.click(screen.getByTestId('batch-preset-full'));
    expect(project().training.batchSize).toBe(90);
    fireEvent.click(screen.getByTestId('batch-preset-stochastic'));
    expect(project().training.batchSize).toBe(1);
    fireEvent.click(screen.getByTestId('batch-preset-mini'));
    expect(project().training.batchSize).toBe(32);
  });

  it('switches optimiser, shows its own settings with PyTorch defaults, and refuses bad values', () => {
    render(<TrainingSettings />);
    fireEvent.change(screen.getByTestId('optimizer-type'), { target: { value: 'sgd' } });
    expect(project().training.optimizer).toEqual({ type: 'sgd', learningRate: 0.01 });
    expect((screen.getByTestId('optimizer-momentum') as HTMLInputElement).value).toBe('0');
    type('optimizer-momentum', '1');
    expect(screen.getByTestId('optimizer-momentum-error').textContent).toBe('Momentum must be a number in [0, 1) (got 1)');
    type('optimizer-momentum', '0.9');
    fireEvent.click(screen.getByTestId('optimizer-nesterov'));
    expect(project().training.optimizer).toEqual({ type: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: true });
    type('optimizer-learningRate', '0');
    expect(screen.getByTestId('optimizer-learningRate-error').textContent).toBe('Learning rate must be greater than 0 (got 0)');
  });

  it('edits the schedule, sampling, epochs, seed and early stopping', () => {
    render(<TrainingSettings />);
    fireEvent.change(screen.getByTestId('schedule-type'), { target: { value: 'step' } });
    type('schedule-gamma', '0.1');
    fireEvent.change(screen.getByTestId('sampling'), { target: { value: 'sequential' } });
    type('epochs', '50');
    type('seed', '7');
    type('early-patience', '5');
    expect(project().training).toMatchObject({
      schedule: { type: 'step', stepSize: 10, gamma: 0.1 },
      sampling: 'sequential',
      epochs: 50,
      seed: 7,
      earlyStopping: { patience: 5, minDelta: 0.0001, restoreBest: true },
    });
    fireEvent.click(screen.getByTestId('early-stopping'));
    expect('earlyStopping' in project().training).toBe(false);
    type('epochs', '2.5');
    expect(screen.getByTestId('epochs-error').textContent).toBe('Epochs must be an integer from 1 to 1000000 (got 2.5)');
  });

  it('every setting survives save and reopen exactly', () => {
    render(<TrainingSettings />);
    fireEvent.change(screen.getByTestId('optimizer-type'), { target: { value: 'rmsprop' } });
    type('optimizer-rho', '0.9');
    fireEvent.change(screen.getByTestId('schedule-type'), { target: { value: 'cosine' } });
    type('schedule-minLearningRate', '0.0001');
    type('l1', '0.001');
    fireEvent.click(screen.getByTestId('averaging'));
    const text = serializeProject(project());
    expect(parseProject(text)).toEqual(project());
    useProjectStore.getState().loadProject(text, 'x.bprop', null);
    expect(serializeProject(project())).toBe(text);
  });
});

describe('data settings', () => {
  beforeEach(() => useProjectStore.getState().newProject(findTemplate('playground-circle')!.build()));
  afterEach(cleanup);

  it('picks a built-in dataset with its options, normalisation and split', () => {
    render(<DataSettings />);
    fireEvent.change(screen.getByTestId('dataset-select'), { target: { value: 'moons' } });
    expect(project().data).toEqual({ dataset: 'moons', normalize: 'standard', split: { validation: 0.2, test: 0.2 } });
    expect(screen.getByTestId('dataset-info').textContent).toContain('make_moons');
    type('dataset-option-noise', '5');
    expect(screen.getByTestId('dataset-option-noise-error').textContent).toBe('Noise must be between 0 and 1 (got 5)');
    type('dataset-option-n', '300');
    fireEvent.change(screen.getByTestId('data-normalize'), { target: { value: 'minmax' } });
    type('split-validation', '25');
    type('split-test', '80');
    expect(screen.getByTestId('split-test-error').textContent).toMatch(/^Validation \+ test must leave data for training \(got 0.25 \+ 0.8 ≥ 1\)/);
    expect(project().data).toEqual({ dataset: 'moons', options: { n: 300 }, normalize: 'minmax', split: { validation: 0.25, test: 0.2 } });
  });

  it('shows an on/off dataset option as a checkbox stored as 1 or 0 (digits as images)', () => {
    render(<DataSettings />);
    fireEvent.change(screen.getByTestId('dataset-select'), { target: { value: 'digits' } });
    const box = screen.getByTestId('dataset-option-image') as HTMLInputElement;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    expect(screen.getByTestId('dataset-info').textContent).toContain('features [64]');
    fireEvent.click(box);
    expect(project().data).toMatchObject({ dataset: 'digits', options: { image: 1 } });
    expect(screen.getByTestId('dataset-info').textContent).toContain('features [1, 8, 8]');
    fireEvent.click(box);
    expect(project().data).toMatchObject({ options: { image: 0 } });
  });

  it('imports a CSV: preview, target, task, class counts, feature columns', async () => {
    render(<DataSettings />);
    fireEvent.click(screen.getByTestId('choose-csv'));
    await waitFor(() => screen.getByTestId('csv-preview'));
    expect(project().data).toEqual({
      csv: 'houses.csv',
      sha256: 'ab'.repeat(32),
      features: ['size', 'rooms'],
      target: 'label',
      task: 'classification',
      normalize: 'standard',
      split: { validation: 0.2, test: 0.2 },
    });
    expect(screen.getByTestId('csv-preview').querySelectorAll('tbody tr')).toHaveLength(4);
    expect(screen.getByTestId('csv-class-counts').textContent).toBe('a: 2b: 1c: 1');
    fireEvent.click(screen.getByTestId('csv-feature-rooms'));
    expect(project().data).toMatchObject({ features: ['size'] });
    fireEvent.change(screen.getByTestId('csv-target'), { target: { value: 'rooms' } });
    expect(project().data).toMatchObject({ target: 'rooms', features: ['size'], task: 'classification' });
    fireEvent.change(screen.getByTestId('csv-task'), { target: { value: 'regression' } });
    expect(screen.queryByTestId('csv-class-counts')).toBeNull();
    fireEvent.click(screen.getByTestId('data-source-builtin'));
    expect(project().data).toMatchObject({ dataset: 'circle' });
  });
});
