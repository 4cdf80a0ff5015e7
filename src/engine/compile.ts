/**
 * graph → static plan. Validates the graph against the data's shapes (errors keyed by node
 * id), orders it topologically, allocates every activation and gradient buffer for the
 * largest batch, builds a layer per node and initialises (or loads) the weights.
 */
import { validateGraph, type ResolvedNode } from '../shared/graph';
import { GraphError, type Graph, type GraphIssue } from '../shared/graph-types';
import type { Shape } from '../shared/nodes/types';
import type { Task } from '../shared/project-types';
import { buildLayer } from './builders';
import { initialize, type InitKind } from './init';
import type { Layer, LossLayer, RuntimeNode } from './layers/layer';
import { Model } from './model';
import { Rng, streamSeed } from './random';
import { sizeOf, type Param, type WeightMap } from './tensor';

export interface CompileOptions {
  /** Shape of one sample's features. */
  dataShape: Shape;
  /** Largest number of rows a forward pass will see. */
  batchSize: number;
  task: Task;
  /** 0 for regression. */
  numClasses: number;
  /** Regression outputs per sample (1 for classification). */
  targetSize: number;
  /** Seeds the weight initialisation. */
  seed: number;
  /** Start from these weights instead of initialising (e.g. from a .bprop file). */
  weights?: WeightMap;
}

export function compileModel(graph: Graph, opts: CompileOptions): Model {
  const analysis = validateGraph(graph, {
    dataShape: opts.dataShape,
    numClasses: opts.numClasses,
    task: opts.task,
    targetSize: opts.targetSize,
  });
  const maxBatch = Math.max(1, Math.floor(opts.batchSize));
  const runtime = new Map<string, RuntimeNode>();
  const layers: Layer[] = [];
  const losses: LossLayer[] = [];
  let inputNode: RuntimeNode | undefined;
  const ctx = { maxBatch, rng: new Rng(streamSeed(opts.seed, 'dropout')) };
  const built = new Map<string, Layer>();

  for (const resolved of analysis.order) {
    const node = createRuntimeNode(resolved, runtime, viewSource(resolved, analysis.byId, built), maxBatch);
    runtime.set(node.id, node);
    const layer = buildLayer(resolved.type, node, resolved.params, ctx);
    built.set(node.id, layer);
    if (resolved.spec.loss) losses.push(layer as LossLayer);
    else layers.push(layer);
    if (resolved.type === 'input') inputNode = node;
  }
  if (!inputNode) throw new GraphError([{ message: 'This network has no Input node', help: 'add an Input node' }]);
  markFusedSoftmax(layers, losses);
  initWeights(analysis.order, runtime, opts);
  return new Model({
    nodes: [...runtime.values()],
    layers: [...layers, ...losses], // losses are sinks, so running them last keeps a valid order
    losses,
    inputNode,
    maxBatch,
    task: opts.task,
    numClasses: opts.numClasses,
    targetSize: opts.targetSize,
  });
}

/**
 * Node types whose values are their input's, in the same order, only with another shape. When
 * such a node is its input's only consumer and that input adds nothing else to its own gradient
 * (an activity penalty), its output and gradient buffers ARE its input's: no copy forward, no
 * pass-through backward, and both gradients are the same numbers (see ViewLayer).
 */
const VIEW_TYPES: ReadonlySet<string> = new Set(['flatten', 'reshape']);

function viewSource(r: ResolvedNode, byId: Map<string, ResolvedNode>, built: Map<string, Layer>): RuntimeNode | undefined {
  if (!VIEW_TYPES.has(r.type)) return undefined;
  const source = byId.get(r.inputs[0]);
  const layer = source && built.get(source.id);
  return layer && source.consumers.length === 1 && layer.penalty === null ? layer.node : undefined;
}

function createRuntimeNode(r: ResolvedNode, runtime: Map<string, RuntimeNode>, viewOf: RuntimeNode | undefined, maxBatch: number): RuntimeNode {
  const shape = [...(r.shape ?? [])];
  const size = sizeOf(shape);
  const isLoss = r.spec.loss !== undefined;
  const inputShapes = r.inputShapes;
  const weightShapes = r.spec.weightShapes ? r.spec.weightShapes(inputShapes, r.params as never) : {};
  const params: Param[] = Object.entries(weightShapes).map(([name, s]) => {
    const count = sizeOf(s);
    return { nodeId: r.id, name, shape: [...s], data: new Float32Array(count), grad: new Float32Array(count), isKernel: name === 'kernel' };
  });
  return {
    id: r.id,
    type: r.type,
    shape,
    size,
    output: viewOf ? viewOf.output : new Float32Array(isLoss ? 0 : maxBatch * size),
    grad: viewOf ? viewOf.grad : new Float32Array(isLoss ? 0 : maxBatch * size),
    inputs: r.inputs.map((id) => runtime.get(id)!),
    params,
  };
}

/**
 * A softmax read only by fused cross-entropy losses needs no backward of its own, unless it has
 * an activity penalty, whose gradient (in its output gradient) must still reach the logits.
 */
function markFusedSoftmax(layers: Layer[], losses: LossLayer[]): void {
  for (const layer of layers) {
    if (layer.node.type !== 'softmax') continue;
    const readers = [...layers, ...losses].filter((l) => l.node.inputs.includes(layer.node));
    (layer as unknown as { hasOtherConsumers: boolean }).hasOtherConsumers =
      layer.penalty !== null || readers.some((l) => l.node.type !== 'crossEntropy');
  }
}

function initWeights(order: ResolvedNode[], runtime: Map<string, RuntimeNode>, opts: CompileOptions): void {
  const rng = new Rng(streamSeed(opts.seed, 'init'));
  const issues: GraphIssue[] = [];
  const given = opts.weights ?? {};
  for (const id of Object.keys(given)) {
    if (!runtime.has(id)) issues.push({ nodeId: id, message: `the saved weights belong to node '${id}', which is not in the graph`, help: 'reset the weights or restore the node' });
  }
  for (const r of order) {
    const node = runtime.get(r.id)!;
    const saved = given[r.id];
    for (const p of node.params) {
      const t = saved?.[p.name];
      if (t) {
        if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
          issues.push({ nodeId: r.id, message: `saved ${p.name} has shape [${t.shape.join(', ')}] but the layer needs [${p.shape.join(', ')}]`, help: 'reset the weights (they were saved for a different layer size)' });
          continue;
        }
        p.data.set(t.data);
      } else if (p.isKernel) {
        const [fanIn, fanOut] = fans(p.shape);
        initialize((r.params.init as InitKind | undefined) ?? 'glorotUniform', p.data, fanIn, fanOut, rng);
      } // biases start at zero
    }
    if (saved) for (const name of Object.keys(saved)) {
      if (!node.params.some((p) => p.name === name)) issues.push({ nodeId: r.id, message: `saved weights have a parameter '${name}' this node does not have`, help: 'reset the weights' });
    }
  }
  if (issues.length > 0) throw new GraphError(issues);
}

/** Dense kernels are [in, out]; conv kernels [out, in, kh, kw] (receptive field counted in both fans). */
function fans(shape: number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = sizeOf(shape.slice(2));
  return [shape[1] * receptive, shape[0] * receptive];
}
