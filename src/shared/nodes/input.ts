import { defineNode } from './types';

export const input = defineNode({
  type: 'input',
  label: 'Input',
  category: 'input',
  description:
    'Where the data enters the network: each sample of the chosen dataset flows out of here. ' +
    'Its shape is the shape of one sample, e.g. [2] for points in the plane or [1, 28, 28] for an image.',
  formula: 'out = x',
  inputs: [],
  outputs: [{ id: 'out', label: 'out' }],
  params: {},
  inferShape(_inputs, _p, ctx) {
    if (!ctx.dataShape) return { error: 'No data chosen yet: pick a dataset so the Input knows its shape' };
    return { shape: ctx.dataShape };
  },
});
