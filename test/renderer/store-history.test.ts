import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, redoLabel, undoLabel } from '../../src/renderer/src/store';
import { ProjectError, serializeProject } from '../../src/shared/project';
import { encodeTensor } from '../../src/shared/project';
import { freshStore, nodeIdsOf } from './store-helpers';

describe('undo and redo', () => {
  it('undoes and redoes every user change, restoring the selection', () => {
    const store = freshStore();
    const s = store.getState();
    s.addNode('input', { x: 0, y: 0 });
    s.addNode('dense', { x: 200, y: 0 });
    store.getState().connect({ source: 'input1', target: 'dense1' });
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    expect(store.getState().project.graph.edges).toEqual([]);
    store.getState().undo();
    expect(nodeIdsOf(store)).toEqual(['input1']);
    expect(store.getState().selection.nodes).toEqual(['input1']);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().project.graph.edges).toHaveLength(1);
    store.getState().redo(); // nothing left: no change
    expect(store.getState().future).toHaveLength(0);
  });

  it('each step keeps its command\'s label, so Undo and Redo can say what they do', () => {
    const store = freshStore();
    const labels = () => [undoLabel(store.getState()), redoLabel(store.getState())];
    expect(labels()).toEqual([null, null]);
    store.getState().addNode('input', { x: 0, y: 0 });
    expect(labels()).toEqual(['Add Input', null]);
    store.getState().addNode('dense', { x: 200, y: 0 });
    expect(labels()).toEqual(['Add Dense', null]);
    store.getState().connect({ source: 'input1', target: 'dense1' });
    expect(labels()).toEqual(['Connect', null]);
    expect(store.getState().setParam('dense1', 'units', 3)).toBeNull();
    expect(labels()).toEqual(['Change Units', null]);
    store.getState().setSelection({ nodes: ['dense1'], edges: [] });
    store.getState().deleteSelection();
    expect(labels()).toEqual(['Delete', null]);
    store.getState().undo(); // the label goes with the step to the redo stack
    expect(labels()).toEqual(['Change Units', 'Delete']);
    store.getState().undo();
    store.getState().undo();
    expect(labels()).toEqual(['Add Dense', 'Connect']);
    store.getState().redo();
    expect(labels()).toEqual(['Connect', 'Change Units']);
    expect(store.getState().past.map((e) => e.label)).toEqual(['Add Input', 'Add Dense', 'Connect']);
    expect(store.getState().future.map((e) => e.label)).toEqual(['Change Units', 'Delete']);
  });

  it('a new change clears the redo stack', () => {
    const store = freshStore();
    store.getState().addNode('input', { x: 0, y: 0 });
    store.getState().undo();
    store.getState().addNode('dense', { x: 0, y: 0 });
    expect(store.getState().future).toEqual([]);
  });

  it('selection changes do not enter the history', () => {
    const store = freshStore('xor-mlp');
    store.getState().setSelection({ nodes: ['x'], edges: [] });
    store.getState().selectAll();
    expect(store.getState().selection.nodes).toHaveLength(6);
    expect(store.getState().past).toHaveLength(0);
  });

  it('batches a drag into one step, committed when the drag ends', () => {
    const store = freshStore('xor-mlp');
    const start = store.getState().project;
    for (let i = 1; i <= 10; i++) store.getState().dragNodes({ x: { x: 500 + i * 5, y: 300 + i }, hidden: { x: 700 + i * 5, y: 300 } });
    expect(store.getState().project).toBe(start); // the document is untouched while dragging
    expect(store.getState().dragPositions).toEqual({ x: { x: 550, y: 310 }, hidden: { x: 750, y: 300 } });
    store.getState().endDrag();
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().project.graph.nodes[0]!.position).toEqual({ x: 550, y: 310 });
    store.getState().undo();
    expect(store.getState().project).toBe(start);
    store.getState().redo();
    expect(store.getState().project.graph.nodes[1]!.position).toEqual({ x: 750, y: 300 });
  });

  it('a click without movement records nothing', () => {
    const store = freshStore('xor-mlp');
    store.getState().dragNodes({ x: { ...store.getState().project.graph.nodes[0]!.position } });
    store.getState().endDrag();
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().dirty).toBe(false);
  });

  it(`keeps at most ${HISTORY_LIMIT} steps`, () => {
    const store = freshStore();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store.getState().moveNodes({}, 'noop') ?? store.getState().setProjectName(`P${i}`);
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });
});

describe('params and labels', () => {
  it('commits a valid value and refuses an invalid one with the registry message', () => {
    const store = freshStore('xor-mlp');
    expect(store.getState().setParam('hidden', 'units', 16)).toBeNull();
    expect(store.getState().project.graph.nodes[1]!.params.units).toBe(16);
    expect(store.getState().setParam('hidden', 'units', 0)).toBe('Units must be at least 1 (got 0)');
    expect(store.getState().setParam('hidden', 'units', 2.5)).toBe('Units must be a whole number (got 2.5)');
    expect(store.getState().setParam('hidden', 'init', 'magic')).toMatch(/^Initialisation must be one of: zeros, uniform/);
    expect(store.getState().setParam('hidden', 'nope', 1)).toBe("There is no parameter 'nope' on node 'hidden'");
    expect(store.getState().project.graph.nodes[1]!.params.units).toBe(16);
    expect(store.getState().past).toHaveLength(1);
  });

  it('sets and clears a node label', () => {
    const store = freshStore('xor-mlp');
    store.getState().setLabel('hidden', '  Hidden layer ');
    expect(store.getState().project.graph.nodes[1]!.label).toBe('Hidden layer');
    store.getState().setLabel('hidden', '');
    expect('label' in store.getState().project.graph.nodes[1]!).toBe(false);
  });

  it('drops stored weights that no longer fit the graph', () => {
    const store = freshStore('xor-mlp');
    const weights = {
      hidden: { kernel: encodeTensor([2, 4], new Float32Array(8)), bias: encodeTensor([4], new Float32Array(4)) },
      logit: { kernel: encodeTensor([4, 1], new Float32Array(4)), bias: encodeTensor([1], new Float32Array(1)) },
    };
    store.getState().setWeights(weights);
    expect(Object.keys(store.getState().project.weights!)).toEqual(['hidden', 'logit']);
    store.getState().setParam('hidden', 'units', 5);
    expect(store.getState().project.weights).toBeUndefined(); // both layers' shapes changed
    store.getState().undo();
    expect(store.getState().project.weights).toBeUndefined(); // the stale weights are gone for good
  });

  it('undo keeps the latest trained weights and recorded runs (they are not edits)', () => {
    const store = freshStore('xor-mlp');
    store.getState().setProjectName('Renamed');
    const weights = { logit: { kernel: encodeTensor([4, 1], new Float32Array(4)), bias: encodeTensor([1], new Float32Array(1)) } };
    const run = {
      id: 'r1',
      startedAt: '2026-01-01T00:00:00.000Z',
      settings: { training: store.getState().project.training, data: store.getState().project.data },
      epochs: [{ epoch: 1, loss: 0.5, learningRate: 0.5 }],
    };
    store.getState().setWeights(weights);
    store.getState().setRuns([run]);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().project.name).toBe('XOR MLP');
    expect(store.getState().project.weights).toEqual(weights);
    expect(store.getState().project.runs).toEqual([run]);
    store.getState().redo();
    expect(store.getState().project.runs).toEqual([run]);
  });

  it('undoes and redoes a weight set by hand, restoring the weights on each side of it', () => {
    const store = freshStore('xor-mlp');
    const logit = (w: number) => ({ logit: { kernel: encodeTensor([4, 1], new Float32Array([w, 0, 0, 0])), bias: encodeTensor([1], new Float32Array(1)) } });
    store.getState().setProjectName('Renamed');
    store.getState().setWeights(logit(1)); // trained
    store.getState().editWeights(logit(1), logit(3));
    expect(store.getState().project.weights).toEqual(logit(3));
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().project.weights).toEqual(logit(1));
    expect(store.getState().project.name).toBe('Renamed');
    store.getState().redo();
    expect(store.getState().project.weights).toEqual(logit(3));
    store.getState().undo();
    store.getState().undo(); // the rename: an ordinary step keeps the latest weights
    expect(store.getState().project.name).toBe('XOR MLP');
    expect(store.getState().project.weights).toEqual(logit(1));
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().project.weights).toEqual(logit(3));
  });
});

describe('settings', () => {
  it('patches training settings; a key set to undefined returns to its default', () => {
    const store = freshStore('iris');
    expect(store.getState().setTraining({ batchSize: 8, earlyStopping: undefined })).toBeNull();
    expect(store.getState().project.training.batchSize).toBe(8);
    expect('earlyStopping' in store.getState().project.training).toBe(false);
  });

  it('refuses settings the file format would refuse, with the field path', () => {
    const store = freshStore('iris');
    expect(store.getState().setTraining({ batchSize: 0 })).toBe('training.batchSize: must be an integer ≥ 1 (got 0)');
    expect(store.getState().setData({ split: { validation: 0.6, test: 0.5 } })).toMatch(/^data.split: validation \+ test must leave data for training/);
    expect(store.getState().project.training.batchSize).toBe(16);
  });
});

describe('dirty tracking', () => {
  it('is clean when new, dirty after an edit, clean again after undo or save', () => {
    const store = freshStore('xor-mlp');
    expect(store.getState().dirty).toBe(false);
    store.getState().setParam('hidden', 'units', 8);
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
    store.getState().redo();
    store.getState().markSaved('/tmp/xor.bprop', 'xor.bprop');
    expect(store.getState()).toMatchObject({ dirty: false, path: '/tmp/xor.bprop', fileName: 'xor.bprop' });
    store.getState().undo();
    expect(store.getState().dirty).toBe(true);
  });

  it('an edit and its reverse leave the project clean (compared by content)', () => {
    const store = freshStore('xor-mlp');
    store.getState().setParam('hidden', 'units', 8);
    store.getState().setParam('hidden', 'units', 4);
    expect(store.getState().dirty).toBe(false);
  });

  it('markSaved with the text written keeps later edits dirty', () => {
    const store = freshStore('xor-mlp');
    const saved = { project: store.getState().project, text: serializeProject(store.getState().project) };
    store.getState().setProjectName('Changed while saving');
    store.getState().markSaved(null, 'xor.bprop', saved);
    expect(store.getState().dirty).toBe(true);
  });
});

describe('opening files', () => {
  it('loads a valid file, clean and without history', () => {
    const store = freshStore();
    store.getState().addNode('input', { x: 0, y: 0 });
    const text = serializeProject(freshStore('iris').getState().project);
    store.getState().loadProject(text, 'iris.bprop', '/p/iris.bprop');
    expect(store.getState()).toMatchObject({ fileName: 'iris.bprop', path: '/p/iris.bprop', dirty: false, past: [] });
    expect(store.getState().project.name).toBe('Iris classifier');
  });

  it.each([
    ['malformed JSON', '{ "format": "backprop-studio", ', /^broken.bprop:1:32: invalid JSON/],
    ['a future version', JSON.stringify({ format: 'backprop-studio', version: 99 }), /saved by a newer Backprop Studio \(format version 99\)/],
    ['a foreign file', JSON.stringify({ hello: 'world' }), /not a Backprop Studio project \(there is no 'format' field\)/],
    ['a bad field', serializeProject(freshStore('iris').getState().project).replace('"batchSize": 16', '"batchSize": -1'), /training.batchSize: must be an integer ≥ 1/],
  ])('refuses %s with a clear message and leaves the project untouched', (_what, text, message) => {
    const store = freshStore('xor-mlp');
    store.getState().setParam('hidden', 'units', 7);
    const before = store.getState();
    expect(() => store.getState().loadProject(text, 'broken.bprop', '/p/broken.bprop')).toThrow(ProjectError);
    expect(() => store.getState().loadProject(text, 'broken.bprop', '/p/broken.bprop')).toThrow(message);
    expect(store.getState().project).toBe(before.project);
    expect(store.getState()).toMatchObject({ dirty: true, path: null, past: before.past });
  });
});
