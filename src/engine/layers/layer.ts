/**
 * A compiled node of the static plan. Buffers are allocated once for the largest batch;
 * `rows` says how many leading rows of them the current batch uses.
 */
import type { Param } from '../tensor';

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
  /** Trainable parameters of this node (Dense: kernel, bias). */
  params: Param[];
  /** Last computed forward value went non-finite (set by the NaN scan). */
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
  /** When false the backward pass never writes into this node's inputs' gradients. */
  propagateToInputs = true;
  /** Added to the loss by this layer, if any (set by the builders from the node's params). */
  penalty: Penalty | null = null;

  constructor(readonly node: RuntimeNode) {}

  abstract forward(rows: number, training: boolean): void;
  /** Accumulates (+=) into the inputs' gradients and the params' gradients. */
  abstract backward(rows: number): void;
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
  /** Computes `value`; called after every other layer's forward. */
  abstract computeLoss(rows: number): number;
  override forward(rows: number): void {
    this.value = this.computeLoss(rows);
  }
}
