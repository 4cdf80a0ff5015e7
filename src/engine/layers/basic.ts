/** Input, Dense and elementwise activation layers. */
import { denseBackward, denseForward } from '../ops/dense';
import { activationBackward, activationForward } from '../ops/activations';
import { logSoftmaxBackward, logSoftmaxForward, softmaxBackward, softmaxForward } from '../ops/softmax';
import type { Param } from '../tensor';
import { Layer, type RuntimeNode } from './layer';

/** The data enters here: the model copies each batch into `node.output`. */
export class InputLayer extends Layer {
  forward(): void {}
  backward(): void {}
}

export class DenseLayer extends Layer {
  private readonly inFeatures: number;
  private readonly units: number;
  // Resolved once: destructuring `node.params` per step would allocate an iterator.
  private readonly kernel: Param;
  private readonly bias: Param | null;
  constructor(node: RuntimeNode) {
    super(node);
    this.inFeatures = node.inputs[0].size;
    this.units = node.size;
    this.kernel = node.params[0];
    this.bias = node.params[1] ?? null;
  }
  forward(rows: number): void {
    const bias = this.bias;
    denseForward(this.node.inputs[0].output, this.kernel.data, bias ? bias.data : null, this.node.output, rows, this.inFeatures, this.units);
  }
  backward(rows: number): void {
    const src = this.node.inputs[0];
    const bias = this.bias;
    denseBackward(
      src.output,
      this.kernel.data,
      this.node.grad,
      this.propagateToInputs ? src.grad : null,
      this.kernel.grad,
      bias ? bias.grad : null,
      rows,
      this.inFeatures,
      this.units,
    );
  }
}

/** identity, sigmoid, tanh, relu, leakyRelu, elu, softplus, step, sign: `kind` is a value of ops' `Act`. */
export class ActivationLayer extends Layer {
  constructor(
    node: RuntimeNode,
    private readonly kind: number,
    private readonly alpha: number,
  ) {
    super(node);
  }
  forward(rows: number): void {
    activationForward(this.kind, this.node.inputs[0].output, this.node.output, rows * this.node.size, this.alpha);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    const src = this.node.inputs[0];
    activationBackward(this.kind, src.output, this.node.output, this.node.grad, src.grad, rows * this.node.size, this.alpha);
  }
}

export class SoftmaxLayer extends Layer {
  /** False when a fused cross-entropy is this node's only consumer: its gradient goes straight to the logits. */
  hasOtherConsumers = true;
  forward(rows: number): void {
    softmaxForward(this.node.inputs[0].output, this.node.output, rows, this.node.size);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs || !this.hasOtherConsumers) return;
    softmaxBackward(this.node.output, this.node.grad, this.node.inputs[0].grad, rows, this.node.size);
  }
}

export class LogSoftmaxLayer extends Layer {
  forward(rows: number): void {
    logSoftmaxForward(this.node.inputs[0].output, this.node.output, rows, this.node.size);
  }
  backward(rows: number): void {
    if (!this.propagateToInputs) return;
    logSoftmaxBackward(this.node.output, this.node.grad, this.node.inputs[0].grad, rows, this.node.size);
  }
}
