/**
 * graph → static plan. Validates the graph against the data's shapes (errors keyed by node
 * id), orders it topologically, allocates every activation and gradient buffer for the
 * largest batch, builds a layer per node and initialises (or loads) the weights.
 *
 * The compiler knows node types only through the registry: the shared spec (shapes, declared
 * weights, behaviour flags) and the engine record (its layer and the flags `dataEntry`, `view`,
 * `fusedLoss`). No node type is named here (a test checks it).
 */
import { validateGraph, type ResolvedNode } from '../shared/graph';
import { GraphError, type Graph, type GraphIssue } from '../shared/graph-types';
import type { Shape } from '../shared/nodes/types';
import { declaredWeights, type DeclaredWeight } from '../shared/nodes/weights';
import type { Task } from '../shared/project-types';
import { initialize } from './init';
import { createParamArena, type ParamArena } from './backend/wasm-optim';
import { buildLayer, engineNode } from './nodes';
import { createBuildContext, LossLayer, type Layer, type RuntimeNode } from './nodes/layer';
import { Model } from './model';
import { Rng, streamSeed } from './random';
import { sizeOf, type Param, type StateBuffer, type WeightMap } from './tensor';

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
  /** Start from these weights (and buffers) instead of initialising (e.g. from a .bprop file). */
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
  const declared = new Map<string, DeclaredWeight[]>();
  const layers: Layer[] = [];
  const losses: LossLayer[] = [];
  let inputNode: RuntimeNode | undefined;
  const built = new Map<string, Layer>();
  const fusedLosses = new Set<Layer>();
  for (const resolved of analysis.order) declared.set(resolved.id, declaredWeights(resolved.spec, resolved.inputShapes, resolved.params));
  const allocate = modelAllocator(trainableFloats(declared), tensorFloats(analysis.order, maxBatch));
  const ctx = createBuildContext(maxBatch, opts.seed, allocate.tensor);

  for (const resolved of analysis.order) {
    const weights = declared.get(resolved.id)!;
    const node = createRuntimeNode(resolved, runtime, viewSource(resolved, analysis.byId, built), weights, maxBatch, allocate);
    runtime.set(node.id, node);
    const layer = buildLayer(resolved.type, node, resolved.params, ctx);
    built.set(node.id, layer);
    if (layer instanceof LossLayer) losses.push(layer);
    else layers.push(layer);
    const engine = engineNode(resolved.type);
    if (engine.dataEntry) inputNode = node;
    if (engine.fusedLoss) fusedLosses.add(layer);
  }
  if (!inputNode) throw new GraphError([{ message: 'This network has no Input node', help: 'add an Input node' }]);
  markBypassed(layers, losses, fusedLosses);
  initWeights(analysis.order, runtime, declared, opts);
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
 * A view type's values are its input's, in the same order, only with another shape. When it is
 * its input's only consumer and that input adds nothing else to its own gradient (an activity
 * penalty), its output and gradient buffers ARE its input's: no copy forward, no pass-through
 * backward, and both gradients are the same numbers (see nodes/view-layer.ts).
 */
function viewSource(r: ResolvedNode, byId: Map<string, ResolvedNode>, built: Map<string, Layer>): RuntimeNode | undefined {
  if (!engineNode(r.type).view) return undefined;
  const source = byId.get(r.inputs[0]);
  const layer = source && built.get(source.id);
  return layer && source.consumers.length === 1 && layer.penalty === null ? layer.node : undefined;
}

interface ModelAllocator {
  /** A trainable param's values and gradients. */
  param(n: number): { data: Float32Array; grad: Float32Array };
  /** A node's output or gradient buffer. */
  tensor(n: number): Float32Array;
}

function trainableFloats(declared: Map<string, DeclaredWeight[]>): number {
  let total = 0;
  for (const weights of declared.values()) for (const w of weights) if (w.trainable) total += sizeOf(w.shape);
  return total;
}

/**
 * An upper bound of the floats the nodes' outputs and gradients, and their layers' extra tensors,
 * take in the arena (each rounded up to 4, as the arena aligns them); views that end up sharing
 * their input's buffers are counted too, which only leaves some room unused.
 */
function tensorFloats(order: ResolvedNode[], maxBatch: number): number {
  let total = 0;
  for (const r of order) {
    if (r.spec.loss !== undefined) continue;
    const tensors = engineNode(r.type).extraTensor ? 3 : 2;
    total += tensors * Math.ceil((maxBatch * sizeOf(r.shape ?? [])) / 4) * 4;
  }
  return total;
}

/**
 * Where the trainable params' values and gradients, and the nodes' outputs and gradients, go:
 * one WebAssembly memory for the whole model (backend/wasm-optim.ts), so the optimiser updates
 * the params in place with SIMD loops and layers run elementwise loops there (wasm-tensor-loops.ts);
 * plain arrays where WebAssembly SIMD is unavailable, and for the tensors when they are too big
 * for the arena. Sized here, once, for all of them.
 */
function modelAllocator(paramFloats: number, nodeFloats: number): ModelAllocator {
  const arena: ParamArena | null = createParamArena(paramFloats, nodeFloats);
  if (arena === null) return { param: (n) => ({ data: new Float32Array(n), grad: new Float32Array(n) }), tensor: (n) => new Float32Array(n) };
  return { param: (n) => arena.allocate(n), tensor: (n) => arena.allocateTensor(n) ?? new Float32Array(n) };
}

function createRuntimeNode(
  r: ResolvedNode, runtime: Map<string, RuntimeNode>, viewOf: RuntimeNode | undefined, weights: DeclaredWeight[], maxBatch: number,
  allocate: ModelAllocator,
): RuntimeNode {
  const shape = [...(r.shape ?? [])];
  const size = sizeOf(shape);
  const isLoss = r.spec.loss !== undefined;
  const params: Param[] = [];
  const buffers: StateBuffer[] = [];
  for (const w of weights) {
    if (w.trainable) {
      const { data, grad } = allocate.param(sizeOf(w.shape));
      params.push({ nodeId: r.id, name: w.name, shape: [...w.shape], data, grad, trainable: true, decay: w.decay });
    } else buffers.push({ nodeId: r.id, name: w.name, shape: [...w.shape], data: new Float32Array(sizeOf(w.shape)), trainable: false });
  }
  return {
    id: r.id,
    type: r.type,
    shape,
    size,
    output: viewOf ? viewOf.output : isLoss ? new Float32Array(0) : allocate.tensor(maxBatch * size),
    grad: viewOf ? viewOf.grad : isLoss ? new Float32Array(0) : allocate.tensor(maxBatch * size),
    inputs: r.inputs.map((id) => runtime.get(id)!),
    params,
    buffers,
  };
}

/**
 * A node read only by fused losses (a softmax before cross-entropy) needs no backward of its
 * own, unless it has an activity penalty, whose gradient (in its output gradient) must still
 * reach its input.
 */
function markBypassed(layers: Layer[], losses: LossLayer[], fusedLosses: ReadonlySet<Layer>): void {
  const readers = new Map<RuntimeNode, Layer[]>();
  for (const reader of [...layers, ...losses]) {
    for (const source of reader.node.inputs) (readers.get(source) ?? readers.set(source, []).get(source)!).push(reader);
  }
  for (const layer of layers) {
    const own = readers.get(layer.node) ?? [];
    layer.bypassed = layer.penalty === null && own.length > 0 && own.every((r) => fusedLosses.has(r));
  }
}

function initWeights(order: ResolvedNode[], runtime: Map<string, RuntimeNode>, declared: Map<string, DeclaredWeight[]>, opts: CompileOptions): void {
  const rng = new Rng(streamSeed(opts.seed, 'init'));
  const issues: GraphIssue[] = [];
  const given = opts.weights ?? {};
  for (const id of Object.keys(given)) {
    if (!runtime.has(id)) issues.push({ nodeId: id, message: `the saved weights belong to node '${id}', which is not in the graph`, help: 'reset the weights or restore the node' });
  }
  for (const r of order) {
    const node = runtime.get(r.id)!;
    const saved = given[r.id];
    const tensors = [...node.params, ...node.buffers];
    // Declaration order, so the random draws (and the numbers for a seed) do not depend on which tensors are buffers.
    for (const w of declared.get(r.id)!) {
      const target = tensors.find((t) => t.name === w.name)!;
      const t = saved?.[w.name];
      if (t) {
        if (t.shape.length !== target.shape.length || t.shape.some((d, i) => d !== target.shape[i])) {
          issues.push({ nodeId: r.id, message: `saved ${w.name} has shape [${t.shape.join(', ')}] but the layer needs [${target.shape.join(', ')}]`, help: 'reset the weights (they were saved for a different layer size)' });
          continue;
        }
        target.data.set(t.data);
      } else {
        const [fanIn, fanOut] = fansOf(w, r);
        initialize(w.init, target.data, fanIn, fanOut, rng);
      }
    }
    if (saved) for (const name of Object.keys(saved)) {
      if (!tensors.some((p) => p.name === name)) issues.push({ nodeId: r.id, message: `saved weights have a parameter '${name}' this node does not have`, help: 'reset the weights' });
    }
  }
  if (issues.length > 0) throw new GraphError(issues);
}

/** Random initialisers need the fans the weight declares; constants need none. */
function fansOf(w: DeclaredWeight, r: ResolvedNode): readonly [number, number] {
  if (w.fans) return w.fans(w.shape);
  if (w.init === 'zeros' || w.init === 'ones') return [0, 0];
  throw new Error(`${r.spec.label} declares '${w.name}' with the random init '${w.init}' but no fans`);
}
