import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../src/shared/graph-connection';
import type { Graph } from '../../src/shared/graph-types';
import { chain, classifier, edge, node } from './graph-fixtures';

const attempt = (source: string, target: string, sourceHandle: string | null = 'out', targetHandle: string | null = 'in') => ({
  source,
  target,
  sourceHandle,
  targetHandle,
});

describe('checkConnection', () => {
  const g: Graph = {
    nodes: [...classifier().nodes, node('r', 'relu'), node('t', 'tanh'), node('m', 'mse'), node('q', 'mystery')],
    edges: classifier().edges,
  };

  it('accepts a fresh edge into a free port', () => {
    expect(checkConnection(g, attempt('a', 'r'))).toBeNull();
    expect(checkConnection(g, attempt('h', 'm'))).toBeNull();
  });

  it('treats null handles as the only port on that side', () => {
    expect(checkConnection(g, attempt('a', 'r', null, null))).toBeNull();
  });

  it('refuses self-loops', () => {
    expect(checkConnection(g, attempt('r', 'r'))).toBe('A node cannot be connected to itself');
  });

  it('refuses unknown nodes, types and ports', () => {
    expect(checkConnection(g, attempt('zz', 'r'))).toBe("There is no node 'zz'");
    expect(checkConnection(g, attempt('r', 'zz'))).toBe("There is no node 'zz'");
    expect(checkConnection(g, attempt('q', 'r'))).toBe("'mystery' is not a known node type");
    expect(checkConnection(g, attempt('a', 'r', 'result'))).toBe("ReLU has no output 'result'");
    expect(checkConnection(g, attempt('a', 'r', 'out', 'x'))).toBe("ReLU has no input 'x'");
    expect(checkConnection(g, attempt('a', 'x'))).toBe('Input takes no inputs: data flows out of it');
    expect(checkConnection(g, attempt('L', 'r'))).toBe('Cross-entropy is a loss: nothing can come after it');
  });

  it('refuses a port that is already taken, unless reconnecting that very edge', () => {
    expect(checkConnection(g, attempt('x', 'h'))).toBe('These two nodes are already connected');
    expect(checkConnection(g, attempt('r', 'h'))).toBe("This input is already connected to 'x': remove that edge first");
    const existing = g.edges.find((e) => e.target === 'h')!;
    expect(checkConnection(g, { ...attempt('r', 'h'), id: existing.id })).toBeNull();
  });

  it('refuses an edge that would close a loop, naming it', () => {
    const looped = chain(['r1', 'relu'], ['r2', 'relu'], ['r3', 'relu'], ['r4', 'relu']);
    looped.edges.push(edge('r1', 'r4', 'shortcut-target-taken')); // r4 now has two sources; irrelevant here
    expect(checkConnection(looped, attempt('r3', 'r1'))).toBe('This would make a loop: r1 → r2 → r3 → r1');
    expect(checkConnection(looped, attempt('r4', 'r1'))).toBe('This would make a loop: r1 → r4 → r1');
  });

  it('with a shape context, refuses shapes the target cannot take', () => {
    const graph = chain(['x', 'input'], ['h', 'dense'], ['s', 'softmax']);
    graph.edges = [];
    const images = { dataShape: [1, 28, 28] };
    expect(checkConnection(graph, attempt('x', 'h'), images)).toBe('Dense expects a flat input but gets [1, 28, 28]: add a Flatten before it');
    expect(checkConnection(graph, attempt('x', 's'), images)).toBe('Softmax expects a flat input but gets [1, 28, 28]: add a Flatten before it');
    expect(checkConnection(graph, attempt('x', 'h'))).toBeNull();
    expect(checkConnection(graph, attempt('x', 'h'), { dataShape: [784] })).toBeNull();
    expect(checkConnection(graph, attempt('x', 'h'), {})).toBeNull(); // unknown shape: no opinion
  });
});

describe('checkConnection: merges, unknown targets and params', () => {
  // x → h1 (dense 4), x → h2 (dense 3), x → h3 (dense 4), h1 → m (add)
  const merge = (): Graph => ({
    nodes: [node('x', 'input'), node('h1', 'dense', { units: 4 }), node('h2', 'dense', { units: 3 }), node('h3', 'dense', { units: 4 }), node('m', 'add'), node('c', 'concat')],
    edges: [edge('x', 'h1'), edge('x', 'h2'), edge('x', 'h3'), edge('h1', 'm')],
  });
  const flat = { dataShape: [2] };

  it('lets a merge take several inputs, checking the shapes once it has two', () => {
    expect(checkConnection(merge(), attempt('h3', 'm'), flat)).toBeNull();
    expect(checkConnection(merge(), attempt('h2', 'm'), flat)).toBe(
      'Add needs inputs of the same shape, but gets [4] and [3]: make the shapes equal, e.g. give the layers before it the same number of units',
    );
    expect(checkConnection(merge(), attempt('h2', 'm'))).toBeNull(); // no context: shapes not considered
    expect(checkConnection(merge(), attempt('h2', 'c'), flat)).toBeNull(); // a merge's first input is never refused
    expect(checkConnection(merge(), attempt('h1', 'm'), flat)).toBe('These two nodes are already connected');
  });

  it('refuses a target of unknown type by its type', () => {
    const g = merge();
    g.nodes.push(node('q', 'mystery'));
    expect(checkConnection(g, attempt('h1', 'q'))).toBe("'mystery' is not a known node type");
  });

  it('has no shape opinion when the target\'s params are invalid or the source has no shape', () => {
    const g: Graph = { nodes: [node('x', 'input'), node('d', 'dense', { units: 0 }), node('f', 'flatten'), node('r', 'relu')], edges: [] };
    expect(checkConnection(g, attempt('x', 'd'), { dataShape: [1, 28, 28] })).toBeNull();
    // 'r' has no input, so its shape is unknown: the Dense after it cannot be judged.
    g.nodes.push(node('d2', 'dense', { units: 2 }));
    expect(checkConnection(g, attempt('r', 'd2'), { dataShape: [1, 28, 28] })).toBeNull();
  });

  it('finds the shortest loop, and ignores the edge being reconnected', () => {
    const g = chain(['a', 'relu'], ['b', 'relu'], ['c', 'relu'], ['d', 'relu']);
    g.edges.push(edge('a', 'c', 'a-c', 'out', 'in2'));
    expect(checkConnection(g, attempt('d', 'a'))).toBe('This would make a loop: a → c → d → a');
    expect(checkConnection(g, attempt('c', 'a'))).toBe('This would make a loop: a → c → a'); // the edge a → c, not a → b → c
    expect(checkConnection(g, { ...attempt('d', 'a'), id: 'c-d' })).toBeNull(); // moving c → d to d → a
    expect(checkConnection(g, attempt('a', 'd', 'out', 'in'))).toBe("This input is already connected to 'c': remove that edge first");
  });

  it('reads a null handle as the only port, and refuses it where there are none', () => {
    const g = chain(['x', 'input'], ['r', 'relu'], ['L', 'mse']);
    g.edges = [];
    expect(checkConnection(g, attempt('x', 'r', null, null))).toBeNull();
    expect(checkConnection(g, attempt('r', 'L', null, 'target'))).toBe("MSE has no input 'target'");
    expect(checkConnection(g, attempt('r', 'L', 'value', null))).toBe("ReLU has no output 'value'");
  });
});

describe('checkConnection: edges on other handles', () => {
  it('counts only edges into the same input port, and the same output port as a duplicate', () => {
    const g = chain(['x', 'input'], ['a', 'relu'], ['r', 'relu']);
    g.edges = [edge('x', 'a'), edge('a', 'r', 'stale', 'out', 'old')]; // an edge into a port 'r' does not have
    expect(checkConnection(g, attempt('x', 'r'))).toBeNull();
    g.edges = [edge('x', 'a'), edge('a', 'r', 'stale', 'old', 'in')]; // from a port 'a' does not have
    expect(checkConnection(g, attempt('a', 'r'))).toBe("This input is already connected to 'a': remove that edge first");
  });
});

describe('checkConnection: a merge with a shapeless input', () => {
  it('has no shape opinion while one of the merged inputs has no shape', () => {
    // 'r' has no input, so no shape: Add cannot judge [4] against it.
    const g: Graph = { nodes: [node('x', 'input'), node('h', 'dense', { units: 4 }), node('r', 'relu'), node('m', 'add')], edges: [edge('x', 'h'), edge('r', 'm')] };
    expect(checkConnection(g, attempt('h', 'm'), { dataShape: [2] })).toBeNull();
  });
});
