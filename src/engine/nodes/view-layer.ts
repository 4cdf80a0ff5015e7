/**
 * Flatten and Reshape: same values, same order, another shape (the NCHW order is the flat order).
 * Both are `view` types: when the node is its input's only consumer, the compiler gives it its
 * input's own output and gradient buffers, so nothing is copied: consumers read the input's
 * values and add their gradients straight into the input's gradient. Otherwise (the input feeds
 * other nodes too, whose gradients must not show up as this node's) it copies forward and passes
 * the gradient back.
 */
import { copyForward, passBackward } from '../ops/dropout';
import { Layer, type EngineNode, type RuntimeNode } from './layer';

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

/** The engine record of a view type. */
export function viewNode<K extends 'flatten' | 'reshape'>(): EngineNode<K> {
  return { build: (node) => new ViewLayer(node), view: true };
}
