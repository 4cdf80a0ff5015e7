/**
 * Layers that move values without weights: Flatten and Reshape (views: the NCHW order is the flat
 * order), Add and Concat (merges of several inputs), Dropout and Gaussian noise (random in
 * training only, a copy at evaluation).
 */
import { addForward, concatBackward, concatForward } from '../ops/merge';
import { copyForward, dropoutBackward, dropoutForward, fillDropoutMask, gaussianNoiseForward, passBackward } from '../ops/dropout';
import type { Rng } from '../random';
import { sizeOf } from '../tensor';
import { Layer, type RuntimeNode } from './layer';

/**
 * Flatten and Reshape: same values, same order, another shape. When the node is its input's only
 * consumer, the compiler gives it its input's own output and gradient buffers (VIEW_TYPES in
 * compile.ts), so nothing is copied: consumers read the input's values and add their gradients
 * straight into the input's gradient. Otherwise (the input feeds other nodes too, whose gradients
 * must not show up as this node's) it copies forward and passes the gradient back.
 */
export class ViewLayer extends Layer {
  private readonly aliased: boolean;
  constructor(node: RuntimeNode) {
    super(node);
    this.aliased = node.output === node.inputs[0].output;
  }
  forward(rows: number): void {
    if (!this.aliased) copyForward(this.node.inputs[0].output, this.node.output, rows * this.node.size);
  }
  backward(rows: number): void {
    if (!this.aliased && this.propagateToInputs) passBackward(this.node.grad, this.node.inputs[0].grad, rows * this.node.size);
  }
}

export class AddLayer extends Layer {
  private readonly sources: Float32Array[];
  constructor(node: RuntimeNode) {
    super(node);
    this.sources = node.inputs.map((n) => n.output);
  }
  forward(rows: number): void {
    addForward(this.sources, this.node.output, rows * this.node.size);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const len = rows * this.node.size;
    // An input connected twice gets the gradient twice, as x + x should.
    const inputs = this.node.inputs;
    for (let i = 0; i < inputs.length; i++) passBackward(this.node.grad, inputs[i].grad, len);
  }
}

export class ConcatLayer extends Layer {
  private readonly sources: Float32Array[];
  private readonly grads: Float32Array[];
  /** Values per block of each input, and blocks per sample (see ops/merge.ts). */
  private readonly blocks: Int32Array;
  private readonly outer: number;
  constructor(node: RuntimeNode, axis: number) {
    super(node);
    this.sources = node.inputs.map((n) => n.output);
    this.grads = node.inputs.map((n) => n.grad);
    this.blocks = Int32Array.from(node.inputs, (n) => sizeOf(n.shape.slice(axis)));
    this.outer = sizeOf(node.shape.slice(0, axis));
  }
  forward(rows: number): void {
    concatForward(this.sources, this.blocks, this.outer, this.node.output, rows);
  }
  backward(rows: number): void {
    if (this.propagateToInputs) concatBackward(this.node.grad, this.blocks, this.outer, this.grads, rows);
  }
}

/** Inverted dropout: a fresh mask each training step, from the model's dropout stream. */
export class DropoutLayer extends Layer {
  readonly mask: Float32Array;
  /** Whether the last forward applied the mask (training) or copied (evaluation). */
  private masked = false;
  constructor(
    node: RuntimeNode,
    private readonly rate: number,
    private readonly rng: Rng,
    maxBatch: number,
  ) {
    super(node);
    this.mask = new Float32Array(maxBatch * node.size);
  }
  forward(rows: number, training: boolean): void {
    const len = rows * this.node.size;
    const x = this.node.inputs[0].output;
    this.masked = training && this.rate > 0;
    if (!this.masked) return copyForward(x, this.node.output, len);
    fillDropoutMask(this.mask, len, this.rate, this.rng);
    dropoutForward(x, this.mask, this.node.output, len);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const len = rows * this.node.size;
    if (this.masked) dropoutBackward(this.node.grad, this.mask, this.node.inputs[0].grad, len);
    else passBackward(this.node.grad, this.node.inputs[0].grad, len);
  }
}

/** y = x + N(0, σ²) in training, y = x at evaluation; the gradient passes through unchanged. */
export class GaussianNoiseLayer extends Layer {
  constructor(
    node: RuntimeNode,
    private readonly stddev: number,
    private readonly rng: Rng,
  ) {
    super(node);
  }
  forward(rows: number, training: boolean): void {
    const len = rows * this.node.size;
    const x = this.node.inputs[0].output;
    if (training && this.stddev > 0) gaussianNoiseForward(x, this.node.output, len, this.stddev, this.rng);
    else copyForward(x, this.node.output, len);
  }
  backward(rows: number): void {
    if (this.propagateToInputs) passBackward(this.node.grad, this.node.inputs[0].grad, rows * this.node.size);
  }
}
