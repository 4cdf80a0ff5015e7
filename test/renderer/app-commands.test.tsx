// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../src/shared/desktop-api';
import { encodeTensor, serializeProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';

const platform = vi.hoisted(() => ({
  kind: 'web' as const,
  openProject: vi.fn(),
  openRecent: vi.fn(),
  saveProject: vi.fn(),
  saveProjectAs: vi.fn(),
  exportWeights: vi.fn(),
  readProjectCsv: vi.fn(),
  setDocumentState: vi.fn(),
  writeRecovery: vi.fn(),
  menuListener: null as ((c: MenuCommand) => void) | null,
  onMenuCommand(listener: (c: MenuCommand) => void) {
    platform.menuListener = listener;
    return () => (platform.menuListener = null);
  },
}));
vi.mock('../../src/renderer/src/platform', () => ({ platform }));
vi.mock('../../src/renderer/src/engine-client', () => ({ useTrainingStore: { getState: () => ({ summary: null }) } }));

const { runCommand } = await import('../../src/renderer/src/commands/registry');
const { useDocumentSync, RECOVERY_INTERVAL_MS } = await import('../../src/renderer/src/app/use-document-sync');
const { useProjectStore, useUiStore } = await import('../../src/renderer/src/store');

const view = { zoomIn: vi.fn(), zoomOut: vi.fn(), fitView: vi.fn() };
const run = (command: Parameters<typeof runCommand>[0]) => runCommand(command, view);
const state = () => useProjectStore.getState();
const flush = () => new Promise((r) => setTimeout(r, 0));
/** Answers the confirm dialog the command opened. */
const answer = (ok: boolean) => useUiStore.getState().confirm!.answer(ok);

beforeEach(() => {
  vi.clearAllMocks();
  state().newProject(findTemplate('xor-mlp')!.build());
  useProjectStore.setState({ clipboard: null });
  useUiStore.setState({ error: null, notice: null, dialog: null, confirm: null, panels: { palette: true, inspector: true, training: true } });
});
afterEach(cleanup);

describe('file commands', () => {
  it('New opens a template, asking first when there are unsaved changes', async () => {
    run({ type: 'new', template: 'iris' });
    await flush();
    expect(state().project.name).toBe('Iris classifier');
    state().setProjectName('Edited');
    run({ type: 'new', template: 'spiral' });
    await flush();
    expect(useUiStore.getState().confirm!.title).toBe('Discard unsaved changes?');
    answer(false);
    await flush();
    expect(state().project.name).toBe('Edited');
    run({ type: 'new' });
    await flush();
    answer(true);
    await flush();
    expect(state()).toMatchObject({ dirty: false, past: [], fileName: null });
    expect(state().project.graph.nodes).toEqual([]);
  });

  it('Open shows a clear error for a broken file and keeps the project', async () => {
    platform.openProject.mockResolvedValue({ path: '/p/bad.bprop', name: 'bad.bprop', text: '{"format":"something-else"}' });
    const before = state().project;
    run({ type: 'open' });
    await vi.waitFor(() => expect(useUiStore.getState().error).toBe("Could not open bad.bprop: bad.bprop: not a Backprop Studio project (format is 'something-else')"));
    expect(state().project).toBe(before);
  });

  it('Open loads a valid file with its name and path', async () => {
    const text = serializeProject(findTemplate('sonar')!.build());
    platform.openProject.mockResolvedValue({ path: '/p/sonar.bprop', name: 'sonar.bprop', text });
    run({ type: 'open' });
    await vi.waitFor(() => expect(state().fileName).toBe('sonar.bprop'));
    expect(state()).toMatchObject({ path: '/p/sonar.bprop', dirty: false });
  });

  it('Open of a hand-written CSV project without sha256 uses the file, records its checksum and says so; a changed file is refused', async () => {
    const base = findTemplate('xor-mlp')!.build();
    const csvData = { csv: 'points.csv', features: ['a', 'b'], target: 'label', task: 'classification' as const };
    const sha = 'ab'.repeat(32);
    platform.readProjectCsv.mockResolvedValue({ resolvedPath: '/p/points.csv', text: 'a,b,label\n1,2,x\n', sha256: sha });
    platform.openProject.mockResolvedValue({ path: '/p/hand.bprop', name: 'hand.bprop', text: JSON.stringify({ ...base, data: csvData }) });
    run({ type: 'open' });
    await vi.waitFor(() => expect(state().csv?.sha256).toBe(sha));
    expect(state().project.data).toMatchObject({ csv: 'points.csv', sha256: sha });
    expect(state().dirty).toBe(true); // the checksum is new: saving records it
    expect(useUiStore.getState().notice).toBe('points.csv had no checksum in the project: it is used as it is now. Save the project to record its checksum; a later change to the file will then be noticed.');
    expect(useUiStore.getState().error).toBeNull();

    useProjectStore.setState({ dirty: false });
    platform.openProject.mockResolvedValue({ path: '/p/saved.bprop', name: 'saved.bprop', text: JSON.stringify({ ...base, data: { ...csvData, sha256: 'cd'.repeat(32) } }) });
    useProjectStore.setState({ csv: null });
    run({ type: 'open' });
    await vi.waitFor(() => expect(useUiStore.getState().error).toBe('points.csv has changed since the project was saved (its checksum differs). Import it again in Data to use the new contents.'));
    expect(state().csv).toBeNull();
  });

  it('Save writes the serialisation, marks the project saved and clears the recovery copy', async () => {
    state().setProjectName('My XOR');
    platform.saveProject.mockResolvedValue({ path: '/p/My XOR.bprop', name: 'My XOR.bprop' });
    run({ type: 'save' });
    await vi.waitFor(() => expect(state().dirty).toBe(false));
    expect(platform.saveProject).toHaveBeenCalledWith(serializeProject(state().project), 'My XOR.bprop', null);
    expect(platform.writeRecovery).toHaveBeenCalledWith(null);
    expect(state()).toMatchObject({ fileName: 'My XOR.bprop', path: '/p/My XOR.bprop' });
    expect(useUiStore.getState().notice).toBe('Saved My XOR.bprop');

    platform.saveProjectAs.mockResolvedValue(null); // cancelled
    state().setProjectName('Other');
    run({ type: 'saveAs' });
    await flush();
    expect(platform.saveProjectAs).toHaveBeenCalledWith(serializeProject(state().project), 'My XOR.bprop');
    expect(state().dirty).toBe(true);
  });

  it('Revert returns to the last saved version after asking', async () => {
    state().setParam('hidden', 'units', 9);
    run({ type: 'revert' });
    await flush();
    answer(true);
    await flush();
    expect(state().project.graph.nodes[1]!.params.units).toBe(4);
    expect(state().dirty).toBe(false);
  });

  it('Export Weights saves JSON weights, or says there are none yet', async () => {
    run({ type: 'exportWeights' });
    await vi.waitFor(() => expect(useUiStore.getState().error).toBe('There are no weights to export yet: train the network first.'));
    state().setWeights({ logit: { kernel: encodeTensor([4, 1], new Float32Array(4)), bias: encodeTensor([1], new Float32Array(1)) } });
    run({ type: 'exportWeights' });
    await vi.waitFor(() => expect(platform.exportWeights).toHaveBeenCalled());
    const [json, name] = platform.exportWeights.mock.calls[0]!;
    expect(name).toBe('XOR MLP-weights.json');
    expect(JSON.parse(json).nodes.logit.kernel.values).toEqual([[0], [0], [0], [0]]);
  });
});

describe('edit and view commands', () => {
  it('dispatch to the store, the view and the panels', () => {
    state().setSelection({ nodes: ['hidden'], edges: [] });
    run({ type: 'copy' });
    run({ type: 'paste' });
    expect(state().selection.nodes).toEqual(['dense1']);
    run({ type: 'delete' });
    run({ type: 'undo' });
    run({ type: 'redo' });
    expect(state().project.graph.nodes).toHaveLength(6);
    run({ type: 'selectAll' });
    expect(state().selection.nodes).toHaveLength(6);
    run({ type: 'cut' });
    expect(state().project.graph.nodes).toHaveLength(0);
    run({ type: 'zoomIn' });
    run({ type: 'zoomOut' });
    run({ type: 'fitView' });
    expect([view.zoomIn, view.zoomOut, view.fitView].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
    run({ type: 'toggleTraining' });
    expect(useUiStore.getState().panels.training).toBe(false);
    for (const [type, dialog] of [['showShortcuts', 'shortcuts'], ['showLicenses', 'licenses'], ['showAbout', 'about']] as const) {
      run({ type });
      expect(useUiStore.getState().dialog).toBe(dialog);
    }
  });

  it('leaves copy, paste and undo to a focused text field', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const exec = vi.fn();
    document.execCommand = exec;
    state().setSelection({ nodes: ['hidden'], edges: [] });
    run({ type: 'copy' });
    run({ type: 'undo' });
    expect(exec.mock.calls).toEqual([['copy'], ['undo']]);
    expect(state().clipboard).toBeNull();
    input.remove();
  });
});

describe('document sync with the host', () => {
  function Sync({ dispatch }: { dispatch(c: unknown): void }) {
    useDocumentSync(dispatch);
    return null;
  }

  it('reports name, dirty and path on every change, and receives menu commands', () => {
    const dispatch = vi.fn();
    render(<Sync dispatch={dispatch} />);
    expect(platform.setDocumentState).toHaveBeenLastCalledWith({ name: 'XOR MLP', dirty: false, path: null, undo: null, redo: null });
    act(() => state().setParam('hidden', 'units', 5));
    expect(platform.setDocumentState).toHaveBeenLastCalledWith({ name: 'XOR MLP', dirty: true, path: null, undo: 'Change Units', redo: null });
    act(() => state().setSelection({ nodes: ['x'], edges: [] }));
    expect(platform.setDocumentState).toHaveBeenCalledTimes(2); // nothing the host shows changed
    platform.menuListener!({ type: 'undo' });
    expect(dispatch).toHaveBeenCalledWith({ type: 'undo' });
  });

  it('writes a recovery copy every 30 s while there are unsaved changes', () => {
    vi.useFakeTimers();
    try {
      render(<Sync dispatch={() => undefined} />);
      vi.advanceTimersByTime(RECOVERY_INTERVAL_MS);
      expect(platform.writeRecovery).not.toHaveBeenCalled();
      act(() => state().setParam('hidden', 'units', 5));
      vi.advanceTimersByTime(RECOVERY_INTERVAL_MS);
      expect(platform.writeRecovery).toHaveBeenLastCalledWith(serializeProject(state().project));
      act(() => state().markSaved('/p/x.bprop', 'x.bprop'));
      vi.advanceTimersByTime(RECOVERY_INTERVAL_MS);
      expect(platform.writeRecovery).toHaveBeenLastCalledWith(null);
    } finally {
      vi.useRealTimers();
    }
  });
});
