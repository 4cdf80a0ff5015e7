/** Concat: its inputs side by side along one axis of the sample shape (ops/merge.ts). */
import { concatBackward, concatForward } from '../ops/merge';
import { sizeOf } from '../tensor';
import { Layer, type EngineNode, type RuntimeNode } from './layer';

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

export const concat: EngineNode<'concat'> = {
  build: (node, p) => new ConcatLayer(node, p.axis),
};
