/**
 * Random graphs never make validation or compilation throw: random node types from the
 * registry, params in and out of range (and of the wrong type), random edges between real and
 * unknown nodes and ports, cycles, duplicate ids. Analysis always answers, every issue it keys
 * to a node or edge names one that exists, validateGraph throws nothing but a GraphError, and a
 * graph without issues compiles and runs a forward and backward pass with finite numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { analyzeGraph, validateGraph } from '../../src/shared/graph';
import { GraphError, type Graph, type GraphEdge, type GraphNode } from '../../src/shared/graph-types';
import { getNodeSpec, nodeTypes, nodeTypesIn } from '../../src/shared/nodes';
import type { ParamSpec, ShapeContext } from '../../src/shared/nodes/types';
import { propertyRuns } from '../helpers/properties';

/** Size-like params (units, filters) stay small when the graph will be compiled, so a run allocates little. */
const SIZE_CAP = 12;

/** A value for one param: mostly valid, often at a limit, sometimes just outside it or of the wrong kind. */
function paramValue(spec: ParamSpec, capSizes: boolean, validOnly: boolean): fc.Arbitrary<unknown> {
  const bad = validOnly ? 0 : 1;
  const wrong = fc.constantFrom<unknown>(null, 'x', true, [], {}, Number.NaN, Number.POSITIVE_INFINITY, -1e308, 1e308);
  switch (spec.kind) {
    case 'int':
    case 'float': {
      const min = spec.min ?? -1e6;
      const max = capSizes && spec.kind === 'int' ? Math.min(spec.max ?? SIZE_CAP, Math.max(min, SIZE_CAP)) : (spec.max ?? 1e6);
      const inRange = spec.kind === 'int' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
      const step = spec.kind === 'int' ? 1 : 1e-6;
      return fc.oneof(
        { weight: 6, arbitrary: inRange },
        { weight: 2, arbitrary: fc.constantFrom(min, max, spec.default) },
        { weight: bad, arbitrary: fc.constantFrom(min - step, max + step, spec.kind === 'int' ? min + 0.5 : min - 1) },
        { weight: bad, arbitrary: wrong },
      );
    }
    case 'bool':
      return fc.oneof({ weight: 9, arbitrary: fc.boolean() }, { weight: bad, arbitrary: wrong });
    case 'enum':
      return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...spec.options) }, { weight: bad, arbitrary: fc.oneof(wrong, fc.string()) });
    case 'intList':
      return fc.oneof(
        { weight: 8, arbitrary: fc.array(fc.integer({ min: spec.min ?? 1, max: capSizes ? 6 : 64 }), { minLength: 1, maxLength: 3 }) },
        { weight: 2 * bad, arbitrary: fc.oneof(wrong, fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 })) },
      );
  }
}

/** A node of the given type (or of any type, now and then an unknown one) with random params. */
function nodeArb(id: string, capSizes: boolean, fixedType?: string, validOnly = false): fc.Arbitrary<GraphNode> {
  const known = (fixedType ? fc.constant(fixedType) : fc.constantFrom<string>(...nodeTypes)).chain((type) => {
    const specs = Object.entries(getNodeSpec(type)!.params);
    const params = fc.record(Object.fromEntries(specs.map(([name, spec]) => [name, paramValue(spec, capSizes, validOnly)])), { requiredKeys: [] });
    const extra = fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: validOnly ? 0 : 1, arbitrary: fc.dictionary(fc.constantFrom('unit', 'foo', 'rate2'), fc.integer()) });
    return fc.tuple(params, extra).map(([p, e]) => ({ id, type, position: { x: 0, y: 0 }, params: { ...p, ...(e ?? {}) } }));
  });
  const unknown = fc.constantFrom('bogus', 'Dense', '').map((type) => ({ id, type, position: { x: 0, y: 0 }, params: {} }));
  return fixedType ? known : fc.oneof({ weight: 19, arbitrary: known }, { weight: 1, arbitrary: unknown });
}

/** A graph of 1–7 nodes; each has an Input first half the time, and edges drawn between any two ids. */
function graphArb(capSizes: boolean): fc.Arbitrary<Graph> {
  return fc.integer({ min: 1, max: 7 }).chain((count) => {
    const ids = Array.from({ length: count }, (_, i) => `n${i}`);
    const nodes = fc.tuple(...ids.map((id) => nodeArb(id, capSizes))).chain((list) =>
      fc.boolean().map((withInput) => (withInput ? [{ id: 'n0', type: 'input', position: { x: 0, y: 0 }, params: {} }, ...list.slice(1)] : list)),
    );
    const endpoint = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constant('ghost') });
    const handle = (normal: string) => fc.oneof({ weight: 12, arbitrary: fc.constant(normal) }, { weight: 1, arbitrary: fc.constantFrom('x', '') });
    // Mostly forward edges (i < j, which build real networks), some backward ones (cycles, self-loops).
    const edge = fc.tuple(endpoint, endpoint, handle('out'), handle('in'), fc.boolean()).map(([a, b, sh, th, forward]) => {
      const [source, target] = forward && a > b ? [b, a] : [a, b];
      return { source, sourceHandle: sh, target, targetHandle: th };
    });
    const chainEdges = ids.slice(1).map((id, i) => ({ source: ids[i]!, sourceHandle: 'out', target: id, targetHandle: 'in' }));
    const edges = fc.tuple(fc.boolean(), fc.array(edge, { maxLength: 9 }), fc.boolean()).map(([chained, extra, duplicateId]) => {
      const all = [...(chained ? chainEdges : []), ...extra];
      return all.map((e, i): GraphEdge => ({ id: duplicateId && i === 1 ? 'e0' : `e${i}`, ...e }));
    });
    return fc.tuple(nodes, edges).map(([n, e]) => ({ nodes: n, edges: e }));
  });
}

type DataKind = 'classification' | 'regression' | 'image';

/** The activation each loss reads (none for mse, mae, hinge). */
const LOSS_ACTIVATION: Record<string, string | undefined> = { crossEntropy: 'softmax', binaryCrossEntropy: 'sigmoid', nll: 'logSoftmax' };

/**
 * A plausible network for the data: Input → 0–3 random middle nodes (image layers for images,
 * then a Flatten) → Dense with one output per class or target → the activation the loss reads
 * → a random loss; random params throughout (only valid ones with `validOnly`), and a third of
 * them get an extra random edge (a skip, a merge input, an edge into the Input or a cycle).
 */
function networkArb(kind: DataKind, validOnly: boolean): fc.Arbitrary<Graph> {
  const capSizes = validOnly;
  const flatMiddle = [...nodeTypesIn('activation'), ...nodeTypesIn('regularization'), 'dense'];
  const imageMiddle = ['conv2d', 'maxPool2d', 'avgPool2d', ...nodeTypesIn('activation')].filter((t) => nodeTypes.includes(t as never));
  const outputs = kind === 'classification' ? 3 : 2;
  const typed = (type: string, id: string) => nodeArb(id, capSizes, type, validOnly);
  return fc
    .tuple(fc.array(fc.constantFrom(...(kind === 'image' ? imageMiddle : flatMiddle)), { maxLength: 3 }), fc.constantFrom(...nodeTypesIn('loss')))
    .chain(([middle, loss]) => {
      const activation = LOSS_ACTIVATION[loss];
      const types = [...middle, ...(kind === 'image' ? ['flatten'] : []), 'dense', ...(activation ? [activation] : [])];
      const ids = ['x', ...types.map((_, i) => `m${i}`), 'loss'];
      const head = ids.length - (activation ? 3 : 2); // the output Dense
      const nodes = fc.tuple(
        typed('input', 'x'),
        ...types.map((t, i) => (i + 1 === head ? fc.constant({ id: ids[head]!, type: 'dense', position: { x: 0, y: 0 }, params: { units: outputs } }) : typed(t, ids[i + 1]!))),
        typed(loss, 'loss'),
      );
      const chainEdges = ids.slice(1).map((id, i): GraphEdge => ({ id: `e${i}`, source: ids[i]!, sourceHandle: 'out', target: id, targetHandle: 'in' }));
      const extra = fc.oneof(
        { weight: 2, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).map(([a, b]) => [{ id: 'extra', source: a, sourceHandle: 'out', target: b, targetHandle: 'in' }]) },
      );
      return fc.tuple(nodes, extra).map(([n, x]) => ({ nodes: n as GraphNode[], edges: [...chainEdges, ...x] }));
    });
}

const contextArb: fc.Arbitrary<ShapeContext> = fc.oneof(
  fc.constant<ShapeContext>({ dataShape: [4], task: 'classification', numClasses: 3 }),
  fc.constant<ShapeContext>({ dataShape: [3], task: 'regression', targetSize: 2 }),
  fc.constant<ShapeContext>({ dataShape: [1, 6, 6], task: 'classification', numClasses: 2 }),
  fc.constant<ShapeContext>({}),
);

function expectKeyedToExisting(graph: Graph, issues: readonly { nodeId?: string; edgeId?: string; message: string }[]): void {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  for (const issue of issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    if (issue.nodeId !== undefined) expect(nodeIds, issue.message).toContain(issue.nodeId);
    if (issue.edgeId !== undefined) expect(edgeIds, issue.message).toContain(issue.edgeId);
  }
}

describe('random graphs (property)', () => {
  it('analysis never throws; issues name existing nodes and edges; validateGraph throws only GraphError', () => {
    fc.assert(
      fc.property(fc.oneof(graphArb(false), networkArb('classification', false), networkArb('image', false)), contextArb, (graph, ctx) => {
        const analysis = analyzeGraph(graph, ctx);
        expectKeyedToExisting(graph, analysis.issues);
        // Every node of a known type that could be ordered is ordered once.
        const ordered = analysis.order.map((n) => n.id);
        expect(new Set(ordered).size).toBe(ordered.length);
        try {
          validateGraph(graph, ctx);
          expect(analysis.issues).toEqual([]);
        } catch (e) {
          expect(e).toBeInstanceOf(GraphError);
          expect((e as GraphError).issues).toEqual(analysis.issues);
        }
      }),
      propertyRuns(200),
    );
  });

  it('a graph without issues compiles and trains a step with finite numbers; otherwise compile throws a GraphError', () => {
    const data: Record<DataKind, { dataShape: number[]; numClasses: number; targetSize: number; labels: number[] }> = {
      classification: { dataShape: [4], numClasses: 3, targetSize: 1, labels: [0, 2] },
      regression: { dataShape: [3], numClasses: 0, targetSize: 2, labels: [0.5, -1, 2, 0] },
      image: { dataShape: [1, 6, 6], numClasses: 2, targetSize: 1, labels: [1, 0] },
    };
    let compiled = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<DataKind>('classification', 'regression', 'image').chain((kind) =>
          fc.tuple(fc.oneof({ weight: 1, arbitrary: graphArb(true) }, { weight: 3, arbitrary: networkArb(kind, true) }), fc.constant(kind)),
        ),
        ([graph, kind]) => {
          const d = data[kind];
          const task = kind === 'regression' ? 'regression' : 'classification';
          const opts = { dataShape: d.dataShape, batchSize: 2, task, numClasses: d.numClasses, targetSize: d.targetSize, seed: 5 } as const;
          const issues = analyzeGraph(graph, { dataShape: d.dataShape, task, numClasses: d.numClasses, targetSize: d.targetSize }).issues;
          let model;
          try {
            model = compileModel(graph, opts);
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(GraphError);
            expectKeyedToExisting(graph, (e as GraphError).issues);
            return;
          }
          expect(issues).toEqual([]);
          compiled++;
          const size = d.dataShape.reduce((a, b) => a * b, 1);
          const x = Float32Array.from({ length: 2 * size }, (_, i) => Math.sin(i + 1));
          const loss = model.forward(x, 2, Float32Array.from(d.labels), true);
          expect(Number.isFinite(loss), `loss ${loss}`).toBe(true);
          model.backward();
          for (const p of model.params) for (const g of p.grad) expect(Number.isFinite(g), `${p.nodeId}.${p.name}`).toBe(true);
        },
      ),
      propertyRuns(200),
    );
    // The generator reaches valid networks too, not only errors.
    expect(compiled).toBeGreaterThan(10);
  });
});
