/** LogSoftmax over the features (ops/softmax.ts), the input of an NLL loss. */
import { logSoftmaxBackward, logSoftmaxForward } from '../ops/softmax';
import { Layer, type EngineNode } from './layer';
import { withActivityPenalty } from './penalties';

export class LogSoftmaxLayer extends Layer {
  forward(rows: number): void {
    logSoftmaxForward(this.node.inputs[0].output, this.node.output, rows, this.node.size);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    logSoftmaxBackward(this.node.output, this.node.grad, this.node.inputs[0].grad, rows, this.node.size);
  }
}

export const logSoftmax: EngineNode<'logSoftmax'> = {
  build: (node, p) => withActivityPenalty(new LogSoftmaxLayer(node), p),
};
