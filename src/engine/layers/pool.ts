/** MaxPool2D and AvgPool2D layers (ops/pool.ts); max pooling keeps its argmax for the backward pass. */
import { avgPoolBackward, avgPoolForward, maxPool2x2Forward, maxPoolBackward, maxPoolForward, type PoolGeometry } from '../ops/pool';
import { Layer, type RuntimeNode } from './layer';

function poolGeometry(node: RuntimeNode, size: number, stride: number): PoolGeometry {
  const [C, H, W] = node.inputs[0].shape;
  const [, OH, OW] = node.shape;
  return { C, H, W, OH, OW, size, stride };
}

export class MaxPoolLayer extends Layer {
  readonly geometry: PoolGeometry;
  /** Flat input index (within the batch) of each output's winner. */
  readonly argmax: Int32Array;
  private readonly twoByTwo: boolean;
  constructor(node: RuntimeNode, size: number, stride: number, maxBatch: number) {
    super(node);
    this.geometry = poolGeometry(node, size, stride);
    this.argmax = new Int32Array(maxBatch * node.size);
    this.twoByTwo = size === 2 && stride === 2;
  }
  forward(rows: number): void {
    const x = this.node.inputs[0].output;
    if (this.twoByTwo) maxPool2x2Forward(x, this.node.output, this.argmax, rows, this.geometry);
    else maxPoolForward(x, this.node.output, this.argmax, rows, this.geometry);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    maxPoolBackward(this.node.grad, this.argmax, this.node.inputs[0].grad, rows, this.geometry);
  }
}

export class AvgPoolLayer extends Layer {
  readonly geometry: PoolGeometry;
  constructor(node: RuntimeNode, size: number, stride: number) {
    super(node);
    this.geometry = poolGeometry(node, size, stride);
  }
  forward(rows: number): void {
    avgPoolForward(this.node.inputs[0].output, this.node.output, rows, this.geometry);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    avgPoolBackward(this.node.grad, this.node.inputs[0].grad, rows, this.geometry);
  }
}
