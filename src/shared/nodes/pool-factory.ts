/**
 * Max and average pooling differ only in their text: a poolSize×poolSize window slides over each
 * channel with the given stride (0 = the pool size: windows side by side), no padding.
 */
import { axisGeometry } from './conv-geometry';
import { expectImage, plainShape } from './shape-checks';
import { defineNode } from './types';

interface PoolOptions<T extends string> {
  type: T;
  label: string;
  description: string;
  formula: string;
}

const poolParams = {
  poolSize: { kind: 'int', label: 'Pool size', help: 'Width and height of the pooling window.', default: 2, min: 1, max: 8, unit: 'px' },
  stride: {
    kind: 'int',
    label: 'Stride',
    help: 'How far the window moves per step; 0 means the pool size (windows side by side, no overlap).',
    default: 0,
    min: 0,
    max: 8,
    unit: 'px',
  },
} as const;

/** The effective stride: 0 stands for the pool size. */
export function poolStride(p: { poolSize: number; stride: number }): number {
  return p.stride === 0 ? p.poolSize : p.stride;
}

export function definePool<const T extends string>(options: PoolOptions<T>) {
  const { label } = options;
  return defineNode({
    type: options.type,
    label,
    category: 'layer',
    description: options.description,
    formula: options.formula,
    inputs: [{ id: 'in', label: 'in' }],
    outputs: [{ id: 'out', label: 'out' }],
    params: poolParams,
    summary: (p) => `${p.poolSize}×${p.poolSize}${poolStride(p) !== p.poolSize ? `, stride ${poolStride(p)}` : ''}`,
    inferShape(inputs, p) {
      const shape = inputs[0]!;
      const notImage = expectImage(label, shape);
      if (notImage) return notImage;
      const [c, h, w] = shape as [number, number, number];
      const s = poolStride(p);
      const rows = axisGeometry(h, p.poolSize, s, 'valid').out;
      const cols = axisGeometry(w, p.poolSize, s, 'valid').out;
      if (rows < 1 || cols < 1) {
        return {
          error: `${label}'s ${p.poolSize}×${p.poolSize} window does not fit in its ${h}×${w} input ${plainShape(shape)}`,
          help: 'use a smaller pool size, or pool less often',
        };
      }
      return { shape: [c, rows, cols] };
    },
  });
}
