/** Small shape helpers shared by node specs. */
import type { InferResult, Shape } from './types';

/** A sample shape as the student sees it in the inspector: `[1, 28, 28]` (no batch dimension). */
export function plainShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** An error when `shape` is not a flat vector (rank 1), else null. `label` names the node. */
export function expectFlat(label: string, shape: Shape): InferResult | null {
  if (shape.length === 1) return null;
  return { error: `${label} expects a flat input but gets ${plainShape(shape)}`, help: 'add a Flatten before it' };
}
