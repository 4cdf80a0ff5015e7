import { describe, expect, it } from 'vitest';
import { analyzeGraph, resolveParams, validateGraph } from '../../src/shared/graph';
import { GraphError, type Graph } from '../../src/shared/graph-types';
import { nodeTypes } from '../../src/shared/nodes';
import { chain, classes, classifier, edge, node } from './graph-fixtures';

const ctx = classes(2);

function issuesOf(graph: Graph, c = ctx) {
  return analyzeGraph(graph, c).issues;
}

describe('a valid graph', () => {
  it('has no issues and validateGraph returns the analysis', () => {
    const a = validateGraph(classifier(), ctx);
    expect(a.order.map((n) => n.id)).toEqual(['x', 'h', 'a', 'o', 's', 'L']);
    expect(a.losses).toEqual(['L']);
    expect(a.byId.get('L')!.shape).toEqual([2]);
  });

  it('handles fan-out: one node feeding two, with consumers and a topological order', () => {
    const graph: Graph = {
      nodes: [node('L2', 'mse'), node('L1', 'crossEntropy'), node('s', 'softmax'), node('o', 'dense', { units: 2 }), node('x', 'input'), node('h', 'dense', { units: 2 })],
      edges: [edge('x', 'h'), edge('h', 'o'), edge('o', 's'), edge('s', 'L1'), edge('h', 'L2')],
    };
    const a = analyzeGraph(graph, ctx);
    expect(a.issues).toEqual([]);
    const ids = a.order.map((n) => n.id);
    expect(ids).toHaveLength(6);
    for (const e of graph.edges) expect(ids.indexOf(e.source)).toBeLessThan(ids.indexOf(e.target));
    expect(a.byId.get('h')!.consumers).toEqual(['o', 'L2']);
    expect(a.byId.get('x')!.consumers).toEqual(['h']);
    expect(a.byId.get('L2')!.inputs).toEqual(['h']);
    expect(a.byId.get('L1')!.consumers).toEqual([]);
    expect(a.losses).toEqual(['L2', 'L1']);
  });
});

describe('node problems', () => {
  it('refuses a duplicate node id', () => {
    const g = classifier();
    g.nodes.push(node('h', 'relu'));
    expect(issuesOf(g)).toEqual([{ nodeId: 'h', message: "Two nodes have the same id 'h'", help: 'give every node its own id' }]);
  });

  it('refuses an unknown type and lists close names', () => {
    const g = classifier();
    g.nodes[2]!.type = 'Relu6';
    const issues = issuesOf(g);
    expect(issues[0]).toEqual({ nodeId: 'a', message: "'Relu6' is not a known node type", help: "did you mean 'relu'?" });
    g.nodes[2]!.type = 'qqqqqqqqqq';
    expect(issuesOf(g)[0]!.help).toBe(`known types: ${nodeTypes.join(', ')}`);
  });

  it('does not report edges of a node of unknown type twice', () => {
    const g = classifier();
    g.nodes[2]!.type = 'rellu';
    const issues = issuesOf(g);
    expect(issues.filter((i) => i.edgeId)).toEqual([]);
    // 'o' is fed by the unknown node: no second issue on it, but no shape either
    expect(issues.map((i) => i.nodeId)).toEqual(['a']);
    expect(analyzeGraph(g, ctx).byId.get('o')!.shape).toBeNull();
  });

  it('names the bad param and its limit', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ units: 0 }, 'Units must be at least 1 (got 0)'],
      [{ units: 4097 }, 'Units must be at most 4096 (got 4097)'],
      [{ units: 2.5 }, 'Units must be a whole number (got 2.5)'],
      [{ units: '4' }, "Units must be a number (got '4')"],
      [{ useBias: 'yes' }, "Use bias must be true or false (got 'yes')"],
    ];
    for (const [params, message] of cases) {
      const g = classifier();
      g.nodes[1]!.params = params;
      expect(issuesOf(g)).toEqual([{ nodeId: 'h', param: Object.keys(params)[0], message }]);
    }
  });

  it('names an enum param that is not one of the options', () => {
    const g = classifier();
    g.nodes[1]!.params = { init: 'xavier' };
    const [issue] = issuesOf(g);
    expect(issue).toMatchObject({ nodeId: 'h', param: 'init' });
    expect(issue!.message).toMatch(/^Initialisation must be one of: zeros, .*, lecunNormal \(got 'xavier'\)$/);
  });

  it('refuses unknown params by name, suggesting the close one', () => {
    const g = classifier();
    g.nodes[1]!.params = { unit: 4 };
    expect(issuesOf(g)).toEqual([
      { nodeId: 'h', param: 'unit', message: "Dense has no parameter 'unit'", help: "did you mean 'units'? Dense takes units, useBias, init, l1, l2" },
    ]);
    g.nodes[1]!.params = { units: 4 };
    g.nodes[2]!.params = { alpha: 0.1 };
    expect(issuesOf(g)).toEqual([{ nodeId: 'a', param: 'alpha', message: "ReLU has no parameter 'alpha'", help: 'ReLU takes activityRegularizer, activityL1, rho, sparsityWeight' }]);
  });

  it('leaves the shape unknown (not wrong) after a bad param', () => {
    const g = classifier();
    g.nodes[1]!.params = { units: -1 };
    const a = analyzeGraph(g, ctx);
    expect(a.byId.get('h')!.shape).toBeNull();
    expect(a.byId.get('h')!.params.units).toBe(8);
    expect(a.byId.get('L')!.shape).toBeNull();
  });

  it('resolveParams fills defaults and copies lists', () => {
    const activity = { activityRegularizer: 'none', activityL1: 0.01, rho: 0.05, sparsityWeight: 1 };
    expect(resolveParams('elu', {})).toEqual({ params: { alpha: 1, ...activity }, issues: [] });
    expect(resolveParams('dense', { units: 3 }).params).toEqual({ units: 3, useBias: true, init: 'glorotUniform', l1: 0, l2: 0 });
    expect(resolveParams('dense', null).params.units).toBe(8);
  });

  it('asks for a missing input', () => {
    const g = classifier();
    g.edges = g.edges.filter((e) => e.target !== 'h');
    expect(issuesOf(g)).toEqual([{ nodeId: 'h', message: 'Dense has no input: connect a node to its input' }]);
  });
});

describe('edge problems', () => {
  it('refuses a dangling edge, keyed by edge id', () => {
    const g = classifier();
    g.edges.push(edge('ghost', 'L', 'e9'));
    g.edges.push(edge('x', 'nowhere', 'e10'));
    expect(issuesOf(g)).toEqual([
      { edgeId: 'e9', message: "This edge starts at node 'ghost', which does not exist", help: 'delete the edge' },
      { edgeId: 'e10', message: "This edge ends at node 'nowhere', which does not exist", help: 'delete the edge' },
    ]);
  });

  it('refuses unknown handles, and anything after a loss', () => {
    const g = classifier();
    g.nodes.push(node('r', 'relu'), node('r2', 'relu'));
    g.edges.push(edge('x', 'r', 'bad-out', 'output'), edge('x', 'r', 'bad-in', 'out', 'input'), edge('L', 'r2', 'after-loss'));
    expect(issuesOf(g).filter((i) => i.edgeId)).toEqual([
      { edgeId: 'bad-out', message: "Input has no output 'output'", help: "its output is 'out'" },
      { edgeId: 'bad-in', message: "ReLU has no input 'input'", help: "its inputs: 'in'" },
      { edgeId: 'after-loss', message: 'Cross-entropy is a loss: nothing can come after it', help: 'delete the edge' },
    ]);
  });

  it('refuses a duplicate edge id', () => {
    const g = classifier();
    g.edges.push({ ...g.edges[0]! });
    expect(issuesOf(g)).toContainEqual({ edgeId: g.edges[0]!.id, message: `Two edges have the same id '${g.edges[0]!.id}'`, help: 'give every edge its own id' });
  });

  it('refuses two edges into a single-input port', () => {
    const g = classifier();
    g.edges.push(edge('x', 'o', 'extra'));
    expect(issuesOf(g)).toEqual([
      { nodeId: 'o', edgeId: 'extra', message: "Dense takes a single input, but both 'a' and 'x' are connected to it", help: 'remove one of the two edges' },
    ]);
  });
});

describe('graph-level problems', () => {
  it('names the nodes of a cycle, without recursion, and orders the rest', () => {
    const g: Graph = {
      nodes: [node('x', 'input'), node('a', 'dense', { units: 2 }), node('b', 'relu'), node('c', 'tanh'), node('d', 'sigmoid'), node('s', 'softmax'), node('L', 'crossEntropy')],
      edges: [edge('b', 'c'), edge('c', 'a'), edge('a', 'b'), edge('c', 'd'), edge('x', 's'), edge('s', 'L')],
    };
    // 'a' has its input from 'c' (not 'x'): a→b→c→a is a loop, d hangs off it.
    const a = analyzeGraph(g, ctx);
    expect(a.issues).toEqual([
      {
        nodeId: 'a',
        message: 'These nodes form a loop: a → b → c → a',
        help: 'a network must flow one way, from the Input to the loss: remove one edge of the loop',
      },
    ]);
    expect(a.order.map((n) => n.id)).toEqual(['x', 's', 'L']);
    expect(a.byId.get('d')!.shape).toBeNull();
  });

  it('finds a long cycle iteratively (no stack overflow)', () => {
    const n = 20_000;
    const nodes = [node('x', 'input'), ...Array.from({ length: n }, (_, i) => node(`r${i}`, 'relu')), node('L', 'mse')];
    const edges = Array.from({ length: n }, (_, i) => edge(`r${i}`, `r${(i + 1) % n}`));
    const a = analyzeGraph({ nodes, edges }, ctx);
    const loop = a.issues.find((i) => i.message.startsWith('These nodes form a loop'));
    expect(loop?.nodeId).toBe('r0');
    expect(loop?.message.endsWith(`r${n - 1} → r0`)).toBe(true);
  });

  it('reports a self-loop as a loop', () => {
    const g = classifier();
    g.nodes.push(node('r', 'relu'));
    g.edges.push(edge('r', 'r'));
    expect(issuesOf(g)).toContainEqual(expect.objectContaining({ nodeId: 'r', message: 'These nodes form a loop: r → r' }));
  });

  it('needs exactly one input node', () => {
    const g = classifier();
    g.nodes.push(node('x2', 'input'));
    expect(issuesOf(g)).toEqual([{ nodeId: 'x2', message: "A network has one Input node, and 'x' is already it", help: "delete this one and connect 'x' instead" }]);
    const none = chain(['h', 'dense'], ['L', 'mse']);
    expect(issuesOf(none)).toContainEqual({ message: 'This network has no Input node', help: 'add an Input from the palette and connect it to the first layer' });
  });

  it('needs a loss', () => {
    const issues = issuesOf(chain(['x', 'input'], ['h', 'dense']));
    expect(issues).toEqual([
      {
        message: 'This network has no loss: connect a loss node',
        help: 'a loss tells training what to minimise: add one (e.g. MSE, or Cross-entropy after a Softmax) after the last layer',
      },
    ]);
  });

  it('an empty graph lacks an input and a loss', () => {
    expect(issuesOf({ nodes: [], edges: [] }).map((i) => i.message)).toEqual([
      'This network has no Input node',
      'This network has no loss: connect a loss node',
    ]);
  });

  it('validateGraph throws a GraphError carrying every issue', () => {
    const g = classifier();
    g.nodes[1]!.params = { units: 0 };
    g.edges.push(edge('ghost', 'L', 'e9'));
    let caught: unknown;
    try {
      validateGraph(g, ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GraphError);
    const err = caught as GraphError;
    expect(err.issues).toHaveLength(2);
    expect(err.message).toBe(
      "node 'h' (param 'units'): Units must be at least 1 (got 0)\nedge 'e9': This edge starts at node 'ghost', which does not exist\n  help: delete the edge",
    );
  });

  it('never throws, even on garbage params', () => {
    const g = classifier();
    g.nodes[1]!.params = null as never;
    expect(() => analyzeGraph(g, ctx)).not.toThrow();
  });
});
