import { defineNode, shapeSize } from './types';

export const flatten = defineNode({
  type: 'flatten',
  label: 'Flatten',
  category: 'layer',
  description:
    'Lays the values of each sample out in one long vector, so a Dense layer can read an image or feature maps. ' +
    'The order is channel by channel, row by row (NCHW, as PyTorch), and the values are unchanged.',
  formula: 'y = x read as one vector: [C, H, W] → [C·H·W]',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {},
  inferShape: (inputs) => ({ shape: [shapeSize(inputs[0]!)] }),
});
