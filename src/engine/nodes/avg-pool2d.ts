/** AvgPool2D (ops/pool.ts). */
import { poolStride } from '../../shared/nodes/pool-factory';
import { avgPoolBackward, avgPoolForward, type PoolGeometry } from '../ops/pool';
import { Layer, type EngineNode, type RuntimeNode } from './layer';
import { poolGeometry } from './pool-factory';

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

export const avgPool2d: EngineNode<'avgPool2d'> = {
  build: (node, p) => new AvgPoolLayer(node, p.poolSize, poolStride(p)),
};
