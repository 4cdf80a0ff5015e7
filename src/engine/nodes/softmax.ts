/** Softmax over the features (ops/softmax.ts). Before a cross-entropy loss it is fused (see cross-entropy.ts). */
import { softmaxBackward, softmaxForward } from '../ops/softmax';
import { Layer, type EngineNode } from './layer';
import { withActivityPenalty } from './penalties';

export class SoftmaxLayer extends Layer {
  forward(rows: number): void {
    softmaxForward(this.node.inputs[0].output, this.node.output, rows, this.node.size);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    softmaxBackward(this.node.output, this.node.grad, this.node.inputs[0].grad, rows, this.node.size);
  }
}

export const softmax: EngineNode<'softmax'> = {
  build: (node, p) => withActivityPenalty(new SoftmaxLayer(node), p),
};
