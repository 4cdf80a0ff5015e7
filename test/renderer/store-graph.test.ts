import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/shared/nodes';
import { edgeList, freshStore, nodeIdsOf } from './store-helpers';

describe('adding and connecting nodes', () => {
  it('adds a node with default params, a readable id, and selects it', () => {
    const store = freshStore();
    const id = store.getState().addNode('dense', { x: 100.4, y: 50.6 });
    expect(id).toBe('dense1');
    const node = store.getState().project.graph.nodes[0]!;
    expect(node).toEqual({ id: 'dense1', type: 'dense', position: { x: 100, y: 51 }, params: defaultParams('dense') });
    expect(store.getState().selection).toEqual({ nodes: ['dense1'], edges: [] });
    expect(store.getState().addNode('dense', { x: 0, y: 0 })).toBe('dense2');
  });

  it('refuses an unknown node type', () => {
    const store = freshStore();
    expect(store.getState().addNode('conv9d', { x: 0, y: 0 })).toBeNull();
    expect(nodeIdsOf(store)).toEqual([]);
  });

  it('connects ports, resolving missing handles to the only port', () => {
    const store = freshStore();
    const s = store.getState();
    s.addNode('input', { x: 0, y: 0 });
    s.addNode('dense', { x: 200, y: 0 });
    expect(store.getState().connect({ source: 'input1', sourceHandle: null, target: 'dense1', targetHandle: null })).toBeNull();
    expect(store.getState().project.graph.edges).toEqual([{ id: 'e1', source: 'input1', sourceHandle: 'out', target: 'dense1', targetHandle: 'in' }]);
  });

  it('refuses a loop with the reason, and changes nothing', () => {
    const store = freshStore('xor-mlp');
    const before = store.getState().project;
    const reason = store.getState().connect({ source: 'p', sourceHandle: 'out', target: 'hidden', targetHandle: 'in' });
    expect(reason).toBe('This input is already connected to \'x\': remove that edge first');
    store.getState().deleteSelection();
    store.getState().setSelection({ nodes: [], edges: ['e1'] });
    store.getState().deleteSelection();
    const loop = store.getState().connect({ source: 'p', sourceHandle: 'out', target: 'hidden', targetHandle: 'in' });
    expect(loop).toBe('This would make a loop: hidden → act → logit → p → hidden');
    expect(store.getState().project.graph.edges).toHaveLength(before.graph.edges.length - 1);
  });

  it('refuses a second edge into a single-input port', () => {
    const store = freshStore('xor-mlp');
    const s = store.getState();
    s.addNode('input', { x: 0, y: 300 });
    expect(store.getState().connect({ source: 'input1', sourceHandle: 'out', target: 'hidden', targetHandle: 'in' })).toBe(
      "This input is already connected to 'x': remove that edge first",
    );
    expect(edgeList(store)).not.toContain('input1→hidden');
  });

  it('refuses an edge whose shapes do not fit (an image into a Dense)', () => {
    const store = freshStore();
    expect(store.getState().setData({ dataset: 'digits', options: { image: 1 } })).toBeNull();
    store.getState().addNode('input', { x: 0, y: 0 });
    store.getState().addNode('dense', { x: 200, y: 0 });
    expect(store.getState().connect({ source: 'input1', target: 'dense1' })).toBe('Dense expects a flat input but gets [1, 8, 8]: add a Flatten before it');
    expect(store.getState().project.graph.edges).toEqual([]);
  });

  it('refuses an edge out of a loss and into an input', () => {
    const store = freshStore('xor-mlp');
    expect(store.getState().connect({ source: 'loss', target: 'hidden' })).toBe('Binary cross-entropy is a loss: nothing can come after it');
    expect(store.getState().connect({ source: 'hidden', target: 'x' })).toBe('Input takes no inputs: data flows out of it');
  });
});

describe('deleting', () => {
  it('removes the selected nodes with every edge touching them', () => {
    const store = freshStore('xor-mlp');
    store.getState().setSelection({ nodes: ['act'], edges: [] });
    store.getState().deleteSelection();
    expect(nodeIdsOf(store)).toEqual(['x', 'hidden', 'logit', 'p', 'loss']);
    expect(edgeList(store)).toEqual(['x→hidden', 'logit→p', 'p→loss']);
    expect(store.getState().selection).toEqual({ nodes: [], edges: [] });
  });

  it('removes selected edges only', () => {
    const store = freshStore('xor-mlp');
    store.getState().setSelection({ nodes: [], edges: ['e2'] });
    store.getState().deleteSelection();
    expect(nodeIdsOf(store)).toHaveLength(6);
    expect(edgeList(store)).toEqual(['x→hidden', 'act→logit', 'logit→p', 'p→loss']);
  });

  it('does nothing (and records nothing) with an empty selection', () => {
    const store = freshStore('xor-mlp');
    store.getState().deleteSelection();
    expect(store.getState().past).toHaveLength(0);
  });
});

describe('copy, cut, paste, duplicate', () => {
  it('pastes copies with new ids, keeping only the edges inside the selection', () => {
    const store = freshStore('xor-mlp');
    const hidden = store.getState().project.graph.nodes[1]!.position;
    store.getState().setSelection({ nodes: ['hidden', 'act', 'logit'], edges: [] });
    store.getState().copy();
    store.getState().paste();
    const { graph } = store.getState().project;
    expect(nodeIdsOf(store).slice(6)).toEqual(['dense1', 'tanh1', 'dense2']);
    expect(graph.edges.slice(5).map((e) => `${e.id}:${e.source}→${e.target}`)).toEqual(['e6:dense1→tanh1', 'e7:tanh1→dense2']);
    expect(graph.nodes[6]!.position).toEqual({ x: hidden.x + 40, y: hidden.y + 40 });
    expect(graph.nodes[6]!.params).toEqual({ units: 4 });
    expect(store.getState().selection).toEqual({ nodes: ['dense1', 'tanh1', 'dense2'], edges: ['e6', 'e7'] });
  });

  it('shifts each further paste, and pasted params are independent copies', () => {
    const store = freshStore('xor-mlp');
    store.getState().setSelection({ nodes: ['hidden'], edges: [] });
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    const [first, second] = store.getState().project.graph.nodes.slice(6);
    expect(second!.position.x - first!.position.x).toBe(40);
    expect(store.getState().setParam('dense1', 'units', 9)).toBeNull();
    expect(store.getState().project.graph.nodes.find((n) => n.id === 'hidden')!.params).toEqual({ units: 4 });
  });

  it('cut removes the nodes; paste brings them back under new ids', () => {
    const store = freshStore('xor-mlp');
    store.getState().setSelection({ nodes: ['p', 'loss'], edges: [] });
    store.getState().cut();
    expect(nodeIdsOf(store)).toEqual(['x', 'hidden', 'act', 'logit']);
    store.getState().paste();
    expect(nodeIdsOf(store)).toEqual(['x', 'hidden', 'act', 'logit', 'sigmoid1', 'binaryCrossEntropy1']);
    expect(edgeList(store)).toContain('sigmoid1→binaryCrossEntropy1');
  });

  it('duplicates the selection in one undoable step', () => {
    const store = freshStore('xor-mlp');
    store.getState().setSelection({ nodes: ['hidden', 'act'], edges: [] });
    store.getState().duplicate();
    expect(nodeIdsOf(store)).toHaveLength(8);
    expect(edgeList(store)).toContain('dense1→tanh1');
    store.getState().undo();
    expect(nodeIdsOf(store)).toHaveLength(6);
    expect(store.getState().clipboard).toBeNull();
  });
});
