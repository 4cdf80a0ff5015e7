/** Zero padding of a Conv2D per side, as our engine pads ('same': the smaller half top/left). */
import { axisGeometry } from '../shared/nodes/conv-geometry';

export interface ConvPads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function convPads(inputShape: readonly number[], p: { kernelSize: number; stride: number; padding: 'valid' | 'same' }): ConvPads {
  const [, h, w] = inputShape as [number, number, number];
  const axis = (size: number): [number, number] => {
    if (p.padding === 'valid') return [0, 0];
    const g = axisGeometry(size, p.kernelSize, p.stride, p.padding);
    const total = Math.max((g.out - 1) * p.stride + p.kernelSize - size, 0);
    return [g.padBefore, total - g.padBefore];
  };
  const [top, bottom] = axis(h);
  const [left, right] = axis(w);
  return { top, bottom, left, right };
}
