/**
 * A compiled network: the static plan (layers in topological order), its preallocated
 * buffers and its parameters. forward/backward allocate nothing.
 */
import { isAllFinite } from './ops/reduce';
import type { Layer, LossLayer, RuntimeNode } from './nodes/layer';
import type { Param, StateBuffer, Weight } from './tensor';
import { KIND_DATA, KIND_ZERO_GRADIENTS, opKindOf, stepProfile } from './profile';

export interface ModelSpec {
  nodes: RuntimeNode[];
  layers: Layer[];
  losses: LossLayer[];
  inputNode: RuntimeNode;
  maxBatch: number;
  task: 'classification' | 'regression';
  numClasses: number;
  targetSize: number;
}

export class Model {
  readonly nodes: RuntimeNode[];
  /** The trainable params of every node, in forward order: what the optimiser updates. */
  readonly params: Param[];
  /** The non-trainable buffers (running statistics), in forward order: only forward passes in training change them. */
  readonly buffers: StateBuffer[];
  /** Every tensor the project saves (each node's params, then its buffers), in forward order: saved, averaged, snapshot. */
  readonly weights: Weight[];
  /** The layers in forward order (losses last); `layer(id)` finds one. */
  readonly layers: readonly Layer[];
  readonly losses: LossLayer[];
  readonly maxBatch: number;
  readonly featureSize: number;
  readonly task: 'classification' | 'regression';
  readonly numClasses: number;
  readonly targetSize: number;
  /** The loss whose prediction is the model's answer (metrics, predict). */
  readonly primaryLoss: LossLayer;
  /** Rows of the last forward pass. */
  rows = 0;
  /** Sum of the layers' penalties (kernel L1/L2, activity L1/KL) in the last forward pass with targets; included in its loss. */
  penaltyValue = 0;
  /** The last forward pass's loss (summed losses plus penalties; NaN without targets). */
  lossValue = NaN;
  /** The layers that add a penalty to the loss, and each one's value in the last forward pass. */
  private readonly penalized: Layer[];
  readonly penaltyValues: Float64Array;
  private readonly inputNode: RuntimeNode;
  private readonly byId = new Map<string, RuntimeNode>();
  private readonly layerById = new Map<string, Layer>();
  private inputGradEnabled = true;
  /** The params' gradients backward() zeroes first: all but those a layer writes whole (Layer.overwrittenGrads). */
  private readonly gradsToZero: Float32Array[];
  /** Each layer's op kind for the step profiler (profile.ts), in layer order. */
  private readonly layerKinds: Int32Array;

  constructor(spec: ModelSpec) {
    this.nodes = spec.nodes;
    this.layers = spec.layers;
    this.losses = spec.losses;
    this.inputNode = spec.inputNode;
    this.maxBatch = spec.maxBatch;
    this.featureSize = spec.inputNode.size;
    this.task = spec.task;
    this.numClasses = spec.numClasses;
    this.targetSize = spec.targetSize;
    this.params = spec.nodes.flatMap((n) => n.params);
    this.buffers = spec.nodes.flatMap((n) => n.buffers);
    this.weights = spec.nodes.flatMap((n): Weight[] => [...n.params, ...n.buffers]);
    this.penalized = spec.layers.filter((l) => l.penalty !== null);
    const overwritten = new Set(spec.layers.flatMap((l) => l.overwrittenGrads()));
    this.gradsToZero = this.params.filter((p) => !overwritten.has(p)).map((p) => p.grad);
    this.penaltyValues = new Float64Array(this.penalized.length);
    this.layerKinds = Int32Array.from(spec.layers, (l) => opKindOf(l.node.type));
    for (const n of spec.nodes) this.byId.set(n.id, n);
    for (const l of spec.layers) this.layerById.set(l.node.id, l);
    this.primaryLoss = spec.losses.find((l) => l.targetSource === 'labels') ?? spec.losses[0];
    this.updateGradientFlow();
  }

  /** The buffer the next batch's features can be written into directly (maxBatch × featureSize). */
  get inputBuffer(): Float32Array {
    return this.inputNode.output;
  }

  /** dLoss/dx of the last backward pass (needs setInputGradient(true), the default). */
  get inputGrad(): Float32Array {
    return this.inputNode.grad;
  }

  /** The prediction the user sees: probabilities after a fused softmax/sigmoid, else the loss input. */
  get prediction(): RuntimeNode {
    return this.primaryLoss.prediction;
  }

  node(id: string): RuntimeNode {
    const n = this.byId.get(id);
    if (!n) throw new Error(`no node '${id}' in this model`);
    return n;
  }

  /** The layer that runs node `id` (its forward/backward, penalty and layer-specific state). */
  layer(id: string): Layer {
    const l = this.layerById.get(id);
    if (!l) throw new Error(`no node '${id}' in this model`);
    return l;
  }

  /** Training does not need dLoss/dx; switching it off skips the first layer's input-gradient product. */
  setInputGradient(enabled: boolean): void {
    this.inputGradEnabled = enabled;
    this.updateGradientFlow();
  }

  /**
   * Runs the network on `rows` samples. `x` may be `inputBuffer` itself (no copy). With
   * targets `y` (class index per row, or targetSize values per row) it computes and returns
   * the summed loss plus the layers' penalties; without, it stops before the losses and returns NaN.
   * `training` switches dropout and noise on, and makes normalisation layers use (and update
   * their running statistics from) the batch's statistics, as PyTorch's train mode.
   */
  forward(x: Float32Array, rows: number, y: Float32Array | null, training: boolean): number {
    this.run(x, rows, y, training);
    return this.lossValue;
  }

  /**
   * forward() without the return: the loss lands in `lossValue`. The training step calls this,
   * because a double returned from a call V8 does not inline is boxed on the heap every step
   * (test/engine/allocation.test.ts); a double field is written in place.
   */
  run(x: Float32Array, rows: number, y: Float32Array | null, training: boolean): void {
    if (rows < 1 || rows > this.maxBatch) throw new RangeError(`batch of ${rows} rows; this model holds 1..${this.maxBatch}`);
    this.rows = rows;
    const profiled = stepProfile.on; // timing points: profile.ts
    const outer = profiled ? stepProfile.enter(KIND_DATA) : 0;
    if (x !== this.inputNode.output) copyPrefix(x, this.inputNode.output, rows * this.featureSize);
    const layers = this.layers;
    const lossCount = y ? layers.length : layers.length - this.losses.length;
    if (y) this.encodeTargets(y, rows);
    let total = 0;
    for (let i = 0; i < lossCount; i++) {
      if (profiled) stepProfile.enter(this.layerKinds[i]);
      layers[i].forward(rows, training);
    }
    if (profiled) stepProfile.enter(outer);
    if (!y) {
      this.lossValue = NaN;
      return;
    }
    for (let i = 0; i < this.losses.length; i++) total += this.losses[i].value;
    let penalty = 0;
    for (let i = 0; i < this.penalized.length; i++) {
      this.penalized[i].penalty!.compute(rows, this.penaltyValues, i);
      penalty += this.penaltyValues[i];
    }
    this.penaltyValue = penalty;
    this.lossValue = total + penalty;
  }

  /** Zeroes every gradient, then back-propagates the last forward pass. */
  backward(): void {
    const rows = this.rows;
    const nodes = this.nodes;
    const profiled = stepProfile.on;
    const outer = profiled ? stepProfile.enter(KIND_ZERO_GRADIENTS) : 0;
    for (let i = 0; i < nodes.length; i++) nodes[i].grad.fill(0, 0, rows * nodes[i].size);
    const zeroed = this.gradsToZero;
    for (let i = 0; i < zeroed.length; i++) zeroed[i].fill(0);
    const layers = this.layers;
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i];
      if (profiled) stepProfile.enter(this.layerKinds[i]);
      // Before the layer's own backward: an activity penalty's gradient joins its output gradient.
      if (layer.penalty !== null) layer.penalty.backward(rows);
      layer.backward(rows);
    }
    if (profiled) stepProfile.enter(outer);
  }

  /** The first node (in forward order) whose output holds a NaN or ±Infinity in the last batch. */
  firstNonFiniteNode(): RuntimeNode | null {
    for (const n of this.nodes) {
      if (n.output.length > 0 && !isAllFinite(n.output, this.rows * n.size)) return n;
      for (const p of n.params) if (!isAllFinite(p.data, p.data.length)) return n;
      for (const b of n.buffers) if (!isAllFinite(b.data, b.data.length)) return n;
    }
    return null;
  }

  private encodeTargets(y: Float32Array, rows: number): void {
    for (let i = 0; i < this.losses.length; i++) {
      const loss = this.losses[i];
      const t = loss.targets;
      const cols = loss.node.size;
      if (loss.targetSource === 'input') {
        copyPrefix(this.inputNode.output, t, rows * cols);
      } else if (this.task === 'regression' || loss.classTargets === 'index') {
        const per = this.task === 'regression' ? this.targetSize : 1;
        copyPrefix(y, t, rows * per);
      } else {
        encodeClassTargets(y, rows, cols, loss.classTargets === 'signed' ? -1 : 0, t);
      }
    }
  }

  /**
   * Which layers must pass gradients to their inputs: only towards parameters (or the input if
   * asked), and not a layer its fused loss bypasses.
   */
  private updateGradientFlow(): void {
    const needsGrad = new Set<RuntimeNode>();
    if (this.inputGradEnabled) needsGrad.add(this.inputNode);
    for (const n of this.nodes) {
      if (n.params.length > 0 || n.inputs.some((i) => needsGrad.has(i))) needsGrad.add(n);
    }
    for (const layer of this.layers) layer.propagateToInputs = !layer.bypassed && layer.node.inputs.some((i) => needsGrad.has(i));
  }
}

/** dst[0..n) = src[0..n), without the view object that subarray() would allocate. */
function copyPrefix(src: Float32Array, dst: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[i];
}

/** Class indices → 0/1 (or −1/+1) for one output, one-hot (or one-vs-rest ±1) for several. */
function encodeClassTargets(y: Float32Array, rows: number, cols: number, negative: number, out: Float32Array): void {
  if (cols === 1) {
    for (let i = 0; i < rows; i++) out[i] = y[i] > 0 ? 1 : negative;
    return;
  }
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[base + j] = negative;
    out[base + y[i]] = 1;
  }
}
