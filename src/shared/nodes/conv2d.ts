import { axisGeometry } from './conv-geometry';
import { INIT_OPTIONS } from './dense';
import { kernelPenaltyParams } from './regularizer-params';
import { expectImage, plainShape } from './shape-checks';
import { defineNode, type Shape } from './types';

export const conv2d = defineNode({
  type: 'conv2d',
  label: 'Conv2D',
  category: 'layer',
  description:
    'A 2-D convolution: each filter is a small window of weights slid over the image; at every position it ' +
    'outputs the weighted sum of the pixels under it (over all input channels) plus a bias. ' +
    'Each filter produces one output channel (a feature map), so the same detector is applied everywhere in the image.',
  formula: 'y[f, i, j] = b[f] + Σ_c Σ_u Σ_v K[f, c, u, v] · x[c, i·s + u, j·s + v]   (K: [filters, channels, k, k])',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    filters: { kind: 'int', label: 'Filters', help: 'How many feature maps (output channels) the layer computes.', default: 8, min: 1, max: 512, unit: 'maps' },
    kernelSize: { kind: 'int', label: 'Kernel size', help: 'Width and height k of each filter window (k×k).', default: 3, min: 1, max: 15, unit: 'px' },
    stride: { kind: 'int', label: 'Stride', help: 'How many pixels the window moves per step; 2 halves the height and width.', default: 1, min: 1, max: 8, unit: 'px' },
    padding: {
      kind: 'enum',
      label: 'Padding',
      help: "valid: only positions where the window fits (the image shrinks by k − 1); same: zeros around the border keep the size (÷ stride).",
      default: 'valid',
      options: ['valid', 'same'],
    },
    useBias: { kind: 'bool', label: 'Use bias', help: 'Add a learned offset b to every feature map.', default: true },
    init: {
      kind: 'enum',
      label: 'Initialisation',
      help: 'How the filter weights are drawn before training (fan-in = channels·k·k, fan-out = filters·k·k).',
      default: 'glorotUniform',
      options: INIT_OPTIONS,
    },
    ...kernelPenaltyParams,
  },
  summary: (p) => {
    const extras = [p.stride > 1 ? `stride ${p.stride}` : '', p.padding === 'same' ? 'same' : ''].filter(Boolean);
    return `${p.filters} ${p.kernelSize}×${p.kernelSize} ${p.filters === 1 ? 'filter' : 'filters'}${extras.length ? `, ${extras.join(', ')}` : ''}`;
  },
  inferShape(inputs, p) {
    const shape = inputs[0]!;
    const notImage = expectImage('Conv2D', shape);
    if (notImage) return notImage;
    const [, h, w] = shape as [number, number, number];
    const rows = axisGeometry(h, p.kernelSize, p.stride, p.padding);
    const cols = axisGeometry(w, p.kernelSize, p.stride, p.padding);
    if (rows.out < 1 || cols.out < 1) {
      return {
        error: `Conv2D's ${p.kernelSize}×${p.kernelSize} window does not fit in its ${h}×${w} input ${plainShape(shape)}`,
        help: "use a smaller kernel size, or padding 'same'",
      };
    }
    return { shape: [p.filters, rows.out, cols.out] };
  },
  weights: [
    {
      name: 'kernel',
      shape: (p, inputs) => [p.filters, inputs[0]![0]!, p.kernelSize, p.kernelSize],
      init: (p) => p.init,
      fans: convFans,
      trainable: true,
      decay: true,
    },
    { name: 'bias', shape: (p) => [p.filters], present: (p) => p.useBias, init: 'zeros', trainable: true, decay: true },
  ],
});

/** A kernel [filters, channels, k, k]: its receptive field k·k counts in both fans (Keras, PyTorch). */
function convFans(shape: Shape): [number, number] {
  const [filters, channels, kh, kw] = shape as [number, number, number, number];
  return [channels * kh * kw, filters * kh * kw];
}
