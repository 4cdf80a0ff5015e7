import { plainShape, squareImageOf } from './shape-checks';
import { defineNode, shapeSize } from './types';

export const reshape = defineNode({
  type: 'reshape',
  label: 'Reshape',
  category: 'layer',
  description:
    'Reads the values of each sample in a new shape, e.g. 784 pixels as a [1, 28, 28] image for a Conv2D. ' +
    'The values and their order are unchanged, so the new shape must hold exactly as many values.',
  formula: 'y = x read with the new shape (same values, same order)',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    shape: { kind: 'intList', label: 'Shape', help: 'The new shape of one sample, e.g. [1, 28, 28] for a one-channel 28×28 image.', default: [1, 28, 28], min: 1 },
  },
  summary: (p) => `→ ${plainShape(p.shape)}`,
  inferShape(inputs, p) {
    const size = shapeSize(inputs[0]!);
    if (p.shape.length === 0) return { error: 'Reshape needs a target shape', help: `give the new shape, e.g. [${size}]` };
    const wanted = shapeSize(p.shape);
    if (wanted === size) return { shape: [...p.shape] };
    const square = squareImageOf(size);
    return {
      error: `Reshape to ${plainShape(p.shape)} needs ${wanted} values, but its input ${plainShape(inputs[0]!)} has ${size}`,
      help: `choose sizes whose product is ${size}, e.g. ${plainShape(square ?? [size])}`,
    };
  },
});
