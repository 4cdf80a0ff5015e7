/** Dense: y = x·W + b (ops/dense.ts), with its kernel L1/L2 penalty. */
import { tensorLoopsOf } from '../backend/wasm-optim';
import type { TensorLoops } from '../backend/wasm-tensor-loops';
import { denseBackward, denseForward } from '../ops/dense';
import type { Param } from '../tensor';
import { Layer, optionalParam, paramOf, type EngineNode, type RuntimeNode } from './layer';
import { withKernelPenalty } from './penalties';

export class DenseLayer extends Layer {
  private readonly inFeatures: number;
  private readonly units: number;
  // Resolved once: looking params up per step would allocate.
  readonly kernel: Param;
  private readonly bias: Param | null;
  /** The arena's SIMD loops for the bias, when the bias and this node's tensors live there. */
  private readonly loops: TensorLoops | null;
  constructor(node: RuntimeNode) {
    super(node);
    this.inFeatures = node.inputs[0].size;
    this.units = node.size;
    this.kernel = paramOf(node, 'kernel');
    this.bias = optionalParam(node, 'bias');
    this.loops = this.bias ? tensorLoopsOf([node.output, node.grad, this.bias.data, this.bias.grad]) : null;
  }
  forward(rows: number): void {
    const bias = this.bias;
    denseForward(this.node.inputs[0].output, this.kernel.data, bias ? bias.data : null, this.node.output, rows, this.inFeatures, this.units, this.loops);
  }
  /** The kernel's gradient is this layer's product alone, unless a kernel penalty adds its share first. */
  override overwrittenGrads(): readonly Param[] {
    return this.penalty === null ? [this.kernel] : [];
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
      this.loops,
      this.penalty === null,
    );
  }
}

export const dense: EngineNode<'dense'> = {
  build(node, p) {
    const layer = new DenseLayer(node);
    return withKernelPenalty(layer, layer.kernel, p);
  },
};
