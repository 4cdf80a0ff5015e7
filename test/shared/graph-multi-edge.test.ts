/**
 * Topological order with several edges between the same two nodes (a merge's variadic port
 * reading one node twice): the merge waits for every edge, is ordered exactly once, and no
 * loop is reported — whatever order the nodes are listed in.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../src/shared/graph';
import type { Graph } from '../../src/shared/graph-types';
import { classes, edge, node } from './graph-fixtures';

const ctx = classes(2, [3]);

/** Every node ordered once, and every edge's source before its target. */
function expectTopological(graph: Graph) {
  const a = analyzeGraph(graph, ctx);
  expect(a.issues).toEqual([]);
  const ids = a.order.map((n) => n.id);
  expect([...ids].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  for (const e of graph.edges) expect(ids.indexOf(e.source), `${e.source} before ${e.target}`).toBeLessThan(ids.indexOf(e.target));
  return a;
}

/** x → a(dense 4) and b(dense 4); m1 = add(a, a); m2 = add(m1, b, m1); m2 → dense 2 → softmax → CE. */
function doubleEdges(): Graph {
  return {
    nodes: [node('x', 'input'), node('a', 'dense', { units: 4 }), node('b', 'dense', { units: 4 }), node('m1', 'add'), node('m2', 'add'),
      node('o', 'dense', { units: 2 }), node('s', 'softmax'), node('L', 'crossEntropy')],
    edges: [edge('x', 'a'), edge('x', 'b'), edge('a', 'm1', 'a1'), edge('a', 'm1', 'a2'), edge('m1', 'm2', 'm1a'), edge('b', 'm2'), edge('m1', 'm2', 'm1b'),
      edge('m2', 'o'), edge('o', 's'), edge('s', 'L')],
  };
}

/** A deterministic shuffle (LCG), so each listing order is reproducible. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('multi-edge ports in the topological sort', () => {
  it('a merge fed only by one node, twice, comes after it; merges of merges too', () => {
    const a = expectTopological(doubleEdges());
    expect(a.byId.get('m1')!.inputs).toEqual(['a', 'a']);
    expect(a.byId.get('m2')!.inputs).toEqual(['m1', 'b', 'm1']);
    expect(a.byId.get('a')!.consumers).toEqual(['m1']);
    expect(a.byId.get('m1')!.consumers).toEqual(['m2']);
    expect(a.byId.get('m2')!.shape).toEqual([4]);
  });

  it('holds for every listing order of the nodes and edges', () => {
    const g = doubleEdges();
    for (let seed = 1; seed <= 25; seed++) expectTopological({ nodes: shuffled(g.nodes, seed), edges: shuffled(g.edges, seed + 100) });
  });

  it('the input read three times by one merge', () => {
    const g: Graph = {
      nodes: [node('L', 'mse'), node('m', 'add'), node('x', 'input'), node('o', 'dense', { units: 1 })],
      edges: [edge('x', 'm', 'e1'), edge('x', 'm', 'e2'), edge('x', 'm', 'e3'), edge('m', 'o'), edge('o', 'L')],
    };
    const a = analyzeGraph(g, { dataShape: [3], task: 'regression', targetSize: 1 });
    expect(a.issues).toEqual([]);
    expect(a.order.map((n) => n.id)).toEqual(['x', 'm', 'o', 'L']);
    expect(a.byId.get('m')!.inputs).toEqual(['x', 'x', 'x']);
  });

  it('a loop through a double edge is reported once, naming its nodes', () => {
    const g = doubleEdges();
    g.edges.push(edge('m2', 'a', 'back'));
    g.edges = g.edges.filter((e) => e.id !== 'x-a');
    const a = analyzeGraph(g, ctx);
    const loops = a.issues.filter((i) => i.message.startsWith('These nodes form a loop'));
    expect(loops).toEqual([{ nodeId: 'a', message: 'These nodes form a loop: a → m1 → m2 → a', help: expect.any(String) }]);
    expect(a.order.map((n) => n.id)).toEqual(['x', 'b']);
  });
});
