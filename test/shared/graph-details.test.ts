/**
 * Details of graph analysis the broader graph tests leave open: how loops are named (found
 * from a node downstream of them, rotated to the first stuck node, one per region), params
 * given as something other than an object, exact loss and port messages, and a spec whose
 * shape inference throws.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeGraph, resolveParams } from '../../src/shared/graph';
import { findCycles } from '../../src/shared/graph-cycles';
import type { Graph } from '../../src/shared/graph-types';
import { getNodeSpec } from '../../src/shared/nodes';
import { chain, classes, edge, node } from './graph-fixtures';

const map = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('findCycles', () => {
  it('walks back from a node downstream of the loop and names only the loop, from the first stuck node', () => {
    // a → b → c → a, and c → d. The walk starts at d, which is not on the loop.
    const predecessors = map({ a: ['x', 'c'], b: ['a'], c: ['b'], d: ['c'], x: [] });
    const successors = map({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [], x: ['a'] });
    expect(findCycles(['d', 'b', 'a', 'c'], predecessors, successors)).toEqual([['b', 'c', 'a']]);
    expect(findCycles(['c', 'd', 'a', 'b'], predecessors, successors)).toEqual([['c', 'a', 'b']]);
    expect(findCycles(['a', 'b', 'c', 'd'], predecessors, successors)).toEqual([['a', 'b', 'c']]);
  });

  it('skips predecessors that are not stuck (the Input feeding the loop)', () => {
    const predecessors = map({ a: ['x', 'b'], b: ['a'] });
    const successors = map({ a: ['b'], b: ['a'], x: ['a'] });
    expect(findCycles(['a', 'b'], predecessors, successors)).toEqual([['a', 'b']]);
  });

  it('reports each independent loop once, and nothing downstream of a reported loop', () => {
    // a ⇄ b feeds c; c ⇄ d is a second loop, but downstream of the first: one report.
    const predecessors = map({ a: ['b'], b: ['a'], c: ['b', 'd'], d: ['c'], e: ['f'], f: ['e'] });
    const successors = map({ a: ['b'], b: ['a', 'c'], c: ['d'], d: ['c'], e: ['f'], f: ['e'] });
    expect(findCycles(['a', 'b', 'c', 'd', 'e', 'f'], predecessors, successors)).toEqual([
      ['a', 'b'],
      ['e', 'f'],
    ]);
    // A node missing from the successor map has nothing downstream.
    expect(findCycles(['a', 'b'], map({ a: ['b'], b: ['a'] }), map({ a: ['b'] }))).toEqual([['a', 'b']]);
  });
});

describe('resolveParams', () => {
  it('reads params that are not an object as none given', () => {
    expect(resolveParams('dense', null)).toEqual(resolveParams('dense', {}));
    expect(resolveParams('dense', null).issues).toEqual([]);
    expect(resolveParams('dense', 'units').issues).toEqual([]);
    expect(resolveParams('dense', [8]).issues).toEqual([]);
    expect(resolveParams('dense', [8]).params.units).toBe(resolveParams('dense', {}).params.units);
  });

  it('copies list params, so the resolved value does not alias the graph', () => {
    const given = { shape: [2, 4] };
    const { params } = resolveParams('reshape', given);
    expect(params.shape).toEqual([2, 4]);
    expect(params.shape).not.toBe(given.shape);
  });

  it('names the params a node takes when one is unknown', () => {
    const dense = resolveParams('dense', { unit: 3 }).issues;
    expect(dense).toHaveLength(1);
    expect(dense[0]!.message).toBe("Dense has no parameter 'unit'");
    expect(dense[0]!.help).toBe(`did you mean 'units'? Dense takes ${Object.keys(getNodeSpec('dense')!.params).join(', ')}`);
    expect(resolveParams('add', { zzz: 1 }).issues).toEqual([{ param: 'zzz', message: "Add has no parameter 'zzz'", help: 'Add takes no parameters' }]);
  });
});

describe('analyzeGraph: ports, losses and a throwing spec', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names a missing input port of an edge', () => {
    const g = chain(['x', 'input'], ['h', 'dense', { units: 2 }], ['s', 'softmax'], ['L', 'crossEntropy']);
    g.edges[0] = edge('x', 'h', 'e0', 'out', 'bias');
    expect(analyzeGraph(g, classes(2)).issues[0]).toEqual({ edgeId: 'e0', message: "Dense has no input 'bias'", help: "its inputs: 'in'" });
  });

  it('a node fed only by an unknown type stays quiet, but other unconnected nodes are still reported', () => {
    const g = chain(['x', 'input'], ['h', 'dense', { units: 2 }], ['s', 'softmax'], ['L', 'crossEntropy']);
    g.nodes.push(node('q', 'mystery'), node('r', 'relu'), node('t', 'tanh'));
    g.edges.push(edge('q', 'r'));
    const messages = analyzeGraph(g, classes(2)).issues.map((i) => `${i.nodeId ?? ''}: ${i.message}`);
    expect(messages).toContain('t: Tanh has no input: connect a node to its input');
    expect(messages.some((m) => m.startsWith('r: '))).toBe(false);
  });

  it('gives exact messages for losses that do not fit the classes', () => {
    const ce = chain(['x', 'input'], ['o', 'dense', { units: 3 }], ['s', 'softmax'], ['L', 'crossEntropy']);
    expect(analyzeGraph(ce, classes(2)).issues).toEqual([
      { nodeId: 'L', message: 'Cross-entropy over 3 outputs but the data has 2 classes', help: 'set the last Dense to 2 units' },
    ]);
    const bce = chain(['x', 'input'], ['o', 'dense', { units: 1 }], ['s', 'sigmoid'], ['L', 'binaryCrossEntropy']);
    expect(analyzeGraph(bce, classes(3)).issues).toEqual([
      { nodeId: 'L', message: 'Binary cross-entropy is for 2 classes but the data has 3 classes', help: 'use a Softmax and Cross-entropy with one unit per class' },
    ]);
    const mse = chain(['x', 'input'], ['o', 'dense', { units: 2 }], ['L', 'mse']);
    expect(analyzeGraph(mse, classes(3)).issues).toEqual([
      { nodeId: 'L', message: 'MSE over 2 outputs but the data has 3 classes', help: 'set the last Dense to 3 units (one per class)' },
    ]);
  });

  it('has no class opinion without a classification task or a class count', () => {
    const ce = chain(['x', 'input'], ['o', 'dense', { units: 3 }], ['s', 'softmax'], ['L', 'crossEntropy']);
    expect(analyzeGraph(ce, { dataShape: [2] }).issues).toEqual([]);
    expect(analyzeGraph(ce, { dataShape: [2], task: 'classification' }).issues).toEqual([]);
  });

  it('compares an autoencoder prediction with the input dimension by dimension', () => {
    const g = chain(['x', 'input'], ['f', 'flatten'], ['o', 'dense', { units: 8 }], ['r', 'reshape', { shape: [2, 4] }], ['L', 'mse', { target: 'input' }]);
    expect(analyzeGraph(g, { dataShape: [2, 4], task: 'regression', targetSize: 1 }).issues).toEqual([]);
    expect(analyzeGraph(g, { dataShape: [2, 3], task: 'regression', targetSize: 1 }).issues.map((i) => i.message)).toEqual(
      ["MSE compares the prediction [2, 4] with the input [2, 3], but their shapes differ"],
    );
  });

  it('reports a spec whose shape inference throws on that node, and goes on', () => {
    vi.spyOn(getNodeSpec('tanh')!, 'inferShape').mockImplementation(() => {
      throw new Error('boom');
    });
    const g: Graph = chain(['x', 'input'], ['a', 'tanh'], ['o', 'dense', { units: 1 }], ['L', 'mse']);
    const analysis = analyzeGraph(g, { dataShape: [2], task: 'regression', targetSize: 1 });
    expect(analysis.issues).toEqual([{ nodeId: 'a', message: 'Could not compute the shape of Tanh: Error: boom' }]);
    expect(analysis.byId.get('a')!.shape).toBeNull();
    expect(analysis.byId.get('x')!.shape).toEqual([2]);
  });
});
