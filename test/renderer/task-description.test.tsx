// @vitest-environment jsdom
/**
 * The Data tab describes the task the graph trains (issue 10, item 9): an autoencoder's data is
 * reconstruction, with what its labels are used for, not "Classification · 10 classes".
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findTemplate } from '../../src/shared/templates';

vi.mock('../../src/renderer/src/platform', () => ({ platform: { kind: 'web' } }));
const { DataSettings } = await import('../../src/renderer/src/settings/DataSettings');
const { useProjectStore } = await import('../../src/renderer/src/store');
const { describeTask, lossTargets } = await import('../../src/renderer/src/settings/task-description');

afterEach(cleanup);

const show = (templateId: string) => {
  act(() => useProjectStore.getState().newProject(findTemplate(templateId)!.build()));
  render(<DataSettings />);
  return screen.getByTestId('dataset-task').textContent ?? '';
};

describe('the data task in the Data tab', () => {
  it('an autoencoder: reconstruction, and the labels are not a training target', () => {
    for (const id of ['autoencoder-digits', 'sparse-autoencoder', 'denoising-autoencoder']) {
      cleanup();
      const text = show(id);
      expect(text, id).toMatch(/^Reconstruction · features \[[\d, ]+\]: the network learns to rebuild its input\./);
      expect(text, id).toMatch(/labels \(10 classes\) are not a training target; they only colour the samples and the codes/);
      expect(text, id).not.toMatch(/^Classification/);
    }
  });

  it('a classifier and a regression stay as they were', () => {
    expect(show('iris')).toBe('Classification · 3 classes · features [4]');
    cleanup();
    expect(show('linear-regression')).toBe('Regression · features [2]');
  });

  it('a graph with both kinds of loss says so', () => {
    const graph = findTemplate('autoencoder-digits')!.build().graph;
    const withLabels = { ...graph, nodes: [...graph.nodes, { id: 'ce', type: 'crossEntropy', position: { x: 0, y: 0 }, params: { target: 'labels' } }] };
    expect(lossTargets(withLabels)).toEqual({ labels: true, input: true });
    expect(describeTask({ task: 'classification', numClasses: 10, shape: [1, 8, 8] }, withLabels)).toBe(
      'Reconstruction and classification · 10 classes · features [1, 8, 8]: one loss rebuilds the input, another learns its labels (10 classes)',
    );
  });
});
