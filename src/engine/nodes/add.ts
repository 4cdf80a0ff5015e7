/** Add: the elementwise sum of its inputs (ops/merge.ts). */
import { addForward } from '../ops/merge';
import { passBackward } from '../ops/dropout';
import { Layer, type EngineNode, type RuntimeNode } from './layer';

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

export const add: EngineNode<'add'> = {
  build: (node) => new AddLayer(node),
};
