/** Small shape helpers shared by node specs. */
import { shapeSize, type InferResult, type Shape } from './types';

/** A sample shape as the student sees it in the inspector: `[1, 28, 28]` (no batch dimension). */
export function plainShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** An error when `shape` is not a flat vector (rank 1), else null. `label` names the node. */
export function expectFlat(label: string, shape: Shape): InferResult | null {
  if (shape.length === 1) return null;
  return { error: `${label} expects a flat input but gets ${plainShape(shape)}`, help: 'add a Flatten before it' };
}

/** A square one-channel image shape with `size` pixels ([1, 28, 28] for 784), or null. */
export function squareImageOf(size: number): Shape | null {
  const side = Math.round(Math.sqrt(size));
  return side * side === size ? [1, side, side] : null;
}

/** An error when `shape` is not an image [channels, height, width] (rank 3), else null. */
export function expectImage(label: string, shape: Shape): InferResult | null {
  if (shape.length === 3) return null;
  const square = squareImageOf(shapeSize(shape));
  return {
    error: `${label} expects an image [channels, height, width] but gets ${plainShape(shape)}`,
    help: square ? `add a Reshape to ${plainShape(square)}` : 'add a Reshape to [channels, height, width], e.g. [1, 28, 28]',
  };
}
