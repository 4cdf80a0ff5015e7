/** What max and average pooling share: the window geometry of a node (ops/pool.ts). */
import type { PoolGeometry } from '../ops/pool';
import type { RuntimeNode } from './layer';

export function poolGeometry(node: RuntimeNode, size: number, stride: number): PoolGeometry {
  const [C, H, W] = node.inputs[0].shape;
  const [, OH, OW] = node.shape;
  return { C, H, W, OH, OW, size, stride };
}
