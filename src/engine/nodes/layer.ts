/**
 * The engine's vocabulary for node types: a compiled node (RuntimeNode), the layer that runs it
 * (forward and backward over preallocated buffers), and EngineNode, the one record per node
 * type that builds its layer and carries the behaviour flags the compiler reads.
 * Buffers are allocated once for the largest batch; `rows` says how many leading rows of them
 * the current batch uses.
 */
import type { NodeParams, NodeType } from '../../shared/nodes';
import { Rng, streamSeed } from '../random';
import type { Param, StateBuffer } from '../tensor';

export interface RuntimeNode {
  id: string;
  type: string;
  /** Output shape of one sample (without batch). Losses: the prediction's shape. */
  shape: number[];
  /** Elements per sample. */
  size: number;
  /** Forward values, maxBatch × size (losses: unused, length 0). */
  output: Float32Array;
  /** dLoss/d(output), maxBatch × size (losses: unused). */
  grad: Float32Array;
  /** The nodes feeding this one, in port order. */
  inputs: RuntimeNode[];
  /** Trainable parameters, in the order the node type declares them (Dense: kernel, bias). */
  params: Param[];
  /** Non-trainable buffers (Batch Normalization: runningMean, runningVar), in declared order. */
  buffers: StateBuffer[];
}

/** A term a layer adds to the loss: a kernel penalty (L1/L2) or an activity penalty (L1/KL). */
export interface Penalty {
  /**
   * Writes its value for the last forward pass (current weights and activations) into out[slot].
   * Not a return value: a float returned from a call that is not inlined is boxed (allocated).
   */
  compute(rows: number, out: Float64Array, slot: number): void;
  /**
   * Accumulates its gradient: into a param's gradient, or into the node's output gradient (the
   * model calls it just before the layer's own backward, so that gradient flows on upstream).
   * Called only after a forward pass that computed `value`.
   */
  backward(rows: number): void;
}

export abstract class Layer {
  /**
   * When false the backward pass never writes into this node's inputs' gradients: nothing
   * upstream needs them, or `bypassed`. Set by the model.
   */
  propagateToInputs = true;
  /**
   * Set by the compiler when every reader of this node is a fused loss that writes its gradient
   * straight into this node's input (softmax → cross-entropy): this node's own output gradient
   * then stays zero and its backward has nothing to pass on.
   */
  bypassed = false;
  /** Added to the loss by this layer, if any (set by the node type's build from its params). */
  penalty: Penalty | null = null;

  constructor(readonly node: RuntimeNode) {}

  /** `training` switches dropout, noise and batch statistics on. */
  abstract forward(rows: number, training: boolean): void;
  /**
   * Accumulates (+=) into the inputs' gradients and the params' gradients, except the params
   * named by overwrittenGrads, whose gradients it writes whole (=).
   */
  abstract backward(rows: number): void;

  /**
   * Params whose gradient this layer's backward writes whole instead of adding to, because
   * nothing else adds to it in a backward pass (Dense's kernel without a kernel penalty): the
   * model need not zero them first, and the product need not read them. Asked once, after the
   * penalties are attached.
   */
  overwrittenGrads(): readonly Param[] {
    return [];
  }
}

/** A loss: a sink that turns its prediction (and targets) into a scalar and seeds the backward pass. */
export abstract class LossLayer extends Layer {
  /** The encoded target buffer, maxBatch × prediction size (filled by the model each batch). */
  abstract readonly targets: Float32Array;
  /** 'labels' (from the data's targets) or 'input' (the network's own input: autoencoders). */
  abstract readonly targetSource: 'labels' | 'input';
  /** How class labels are encoded for this loss. */
  abstract readonly classTargets: 'index' | 'binary' | 'signed';
  /** The node whose output is the prediction shown to the user (probabilities after a fused softmax/sigmoid). */
  abstract readonly prediction: RuntimeNode;
  /** Loss value of the last forward pass (mean over the batch). */
  value = 0;
  /** Where computeLoss writes the value (a loss kernel's `out`: see ops/losses.ts for why not a return value). */
  protected readonly out = new Float64Array(1);
  /** Writes the loss into out[0]; called after every other layer's forward. */
  abstract computeLoss(rows: number): void;
  override forward(rows: number): void {
    this.computeLoss(rows);
    this.value = this.out[0];
  }
}

export interface BuildContext {
  maxBatch: number;
  /** The model's stream for dropout masks and noise (streamSeed(seed, 'dropout')), shared in forward order. */
  rng: Rng;
  /** A zeroed buffer of n floats for a layer's own use, in the model's arena where it fits (see EngineNode.extraTensor). */
  tensor(n: number): Float32Array;
}

export function createBuildContext(maxBatch: number, seed: number, tensor = (n: number): Float32Array => new Float32Array(n)): BuildContext {
  return { maxBatch, rng: new Rng(streamSeed(seed, 'dropout')), tensor };
}

/**
 * The engine's half of a node type (src/engine/nodes/<type>.ts, beside src/shared/nodes/<type>.ts,
 * which declares its params, shapes and weights). The compiler knows node types only through
 * these records and the shared specs.
 */
export interface EngineNode<K extends NodeType> {
  /** The layer that runs one node of this type; its weights are already in `node.params`/`node.buffers`. */
  build(node: RuntimeNode, params: NodeParams<K>, ctx: BuildContext): Layer;
  /** The data enters here: the model writes each batch's features into this node's output. */
  dataEntry?: true;
  /**
   * Its output is its input's values in the same order, only with another shape (flatten,
   * reshape): when it is its input's only reader, it may share its input's buffers (no copy).
   */
  view?: true;
  /**
   * A loss fused with the activation before it (softmax → cross-entropy, sigmoid → binary
   * cross-entropy): it reads that activation's input (the logits) and writes its gradient
   * straight there, so the activation needs no backward for it.
   */
  fusedLoss?: true;
  /**
   * Its layer keeps one more buffer of maxBatch × its size (max pooling's winners), which it
   * takes from `BuildContext.tensor` so that it lives in the model's arena with the rest.
   */
  extraTensor?: true;
}

/** A node's param by its declared name (a node type's engine file reading its own weights). */
export function paramOf(node: RuntimeNode, name: string): Param {
  const p = optionalParam(node, name);
  if (!p) throw new Error(`node '${node.id}' (${node.type}) has no param '${name}'`);
  return p;
}

/** A param that only some nodes of the type have (Dense's bias with useBias), or null. */
export function optionalParam(node: RuntimeNode, name: string): Param | null {
  return node.params.find((p) => p.name === name) ?? null;
}

/** A node's buffer by its declared name. */
export function bufferOf(node: RuntimeNode, name: string): StateBuffer {
  const b = node.buffers.find((q) => q.name === name);
  if (!b) throw new Error(`node '${node.id}' (${node.type}) has no buffer '${name}'`);
  return b;
}
