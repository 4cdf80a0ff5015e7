// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Inspector } from '../../src/renderer/src/inspector/Inspector';
import { useProjectStore, useUiStore } from '../../src/renderer/src/store';
import { findTemplate } from '../../src/shared/templates';

const node = (id: string) => useProjectStore.getState().project.graph.nodes.find((n) => n.id === id)!;

function type(testId: string, value: string) {
  const input = screen.getByTestId(testId);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('the inspector', () => {
  beforeEach(() => {
    useProjectStore.getState().newProject(findTemplate('xor-mlp')!.build());
    useUiStore.getState().setInspectorTab('data');
  });
  afterEach(cleanup);

  it('opens the Node tab for the selected node, with its explanation, shapes and parameter count', () => {
    useProjectStore.getState().setSelection({ nodes: ['hidden'], edges: [] });
    render(<Inspector />);
    expect(screen.getByTestId('inspector-tab-node').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('node-inspector').textContent).toContain('A fully connected layer');
    expect(screen.getByTestId('node-inspector').textContent).toContain('y = x·W + b');
    expect(screen.getByTestId('node-input-shape').textContent).toBe('[batch, 2]');
    expect(screen.getByTestId('node-output-shape').textContent).toBe('[batch, 4]');
    expect(screen.getByTestId('node-param-count').textContent).toBe('12');
  });

  it('shows the unit a number counts beside its field', () => {
    useProjectStore.getState().setSelection({ nodes: ['hidden'], edges: [] });
    render(<Inspector />);
    const unitOf = (testId: string) => screen.getByTestId(testId).parentElement!.querySelector('.field__unit')?.textContent;
    expect(unitOf('param-units')).toBe('neurons');
  });

  it('refuses an invalid value in red with the registry message, and commits a valid one', () => {
    useProjectStore.getState().setSelection({ nodes: ['hidden'], edges: [] });
    render(<Inspector />);
    type('param-units', '0');
    expect(screen.getByTestId('param-units-error').textContent).toBe('Units must be at least 1 (got 0)');
    expect(screen.getByTestId('param-units').getAttribute('aria-invalid')).toBe('true');
    expect(node('hidden').params.units).toBe(4);
    expect(useProjectStore.getState().past).toHaveLength(0);

    type('param-units', 'lots');
    expect(screen.getByTestId('param-units-error').textContent).toBe("Units must be a number (got 'lots')");

    type('param-units', '16');
    expect(screen.queryByTestId('param-units-error')).toBeNull();
    expect(node('hidden').params.units).toBe(16);
    expect(screen.getByTestId('node-param-count').textContent).toBe('48');
  });

  it('edits enums, booleans and the node label', () => {
    useProjectStore.getState().setSelection({ nodes: ['hidden'], edges: [] });
    render(<Inspector />);
    fireEvent.change(screen.getByTestId('param-init'), { target: { value: 'heNormal' } });
    fireEvent.click(screen.getByTestId('param-useBias'));
    type('node-label', 'Hidden layer');
    expect(node('hidden')).toMatchObject({ label: 'Hidden layer', params: { units: 4, init: 'heNormal', useBias: false } });
    expect(screen.getByTestId('node-param-count').textContent).toBe('8');
    act(() => useProjectStore.getState().undo());
    expect((screen.getByTestId('node-label') as HTMLInputElement).value).toBe(''); // the form follows undo
  });

  it('lists the problems of the selected node', () => {
    useProjectStore.getState().setSelection({ nodes: ['act'], edges: ['e2'] });
    act(() => useProjectStore.getState().deleteSelection());
    act(() => useProjectStore.getState().setSelection({ nodes: ['logit'], edges: [] }));
    render(<Inspector />);
    expect(screen.getByTestId('node-issues').textContent).toBe('Dense has no input: connect a node to its input');
    expect(screen.getByTestId('node-param-count').textContent).toBe('unknown until connected');
  });

  it('shows the model summary with the total number of parameters', () => {
    render(<Inspector />);
    fireEvent.click(screen.getByTestId('inspector-tab-model'));
    expect(screen.getByTestId('model-summary').querySelectorAll('tbody tr')).toHaveLength(6);
    expect(screen.getByTestId('model-total-params').textContent).toBe('17');
  });

  it('goes back to the settings when the selection is cleared', () => {
    useProjectStore.getState().setSelection({ nodes: ['hidden'], edges: [] });
    render(<Inspector />);
    act(() => useProjectStore.getState().setSelection({ nodes: [], edges: [] }));
    expect(screen.getByTestId('inspector-tab-data').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('data-settings')).toBeTruthy();
  });
});
