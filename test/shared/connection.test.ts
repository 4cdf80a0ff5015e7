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
