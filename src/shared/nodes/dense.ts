import { kernelPenaltyParams } from './regularizer-params';
import { expectFlat } from './shape-checks';
import { defineNode, type Shape } from './types';

/** Weight initialisers of layers with a kernel (Dense, Conv2D); biases start at zero. */
export const INIT_OPTIONS = ['zeros', 'uniform', 'normal', 'glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunNormal'] as const;

export const dense = defineNode({
  type: 'dense',
  label: 'Dense',
  category: 'layer',
  description:
    'A fully connected layer: every output unit is a weighted sum of all inputs plus a bias. ' +
    'It is linear on its own; put an activation after it to let the network bend.',
  formula: 'y = x·W + b   (W: [inputs, units], b: [units])',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    units: { kind: 'int', label: 'Units', help: 'How many outputs (neurons) the layer has.', default: 8, min: 1, max: 4096, unit: 'neurons' },
    useBias: { kind: 'bool', label: 'Use bias', help: 'Add a learned offset b to every unit.', default: true },
    init: {
      kind: 'enum',
      label: 'Initialisation',
      help: 'How the weights are drawn before training (biases start at zero).',
      default: 'glorotUniform',
      options: INIT_OPTIONS,
    },
    ...kernelPenaltyParams,
  },
  summary: (p) => `${p.units} ${p.units === 1 ? 'unit' : 'units'}`,
  inferShape(inputs, p) {
    const shape = inputs[0]!;
    return expectFlat('Dense', shape) ?? { shape: [p.units] };
  },
  weights: [
    { name: 'kernel', shape: (p, inputs) => [inputs[0]![0]!, p.units], init: (p) => p.init, fans: denseFans, trainable: true, decay: true },
    { name: 'bias', shape: (p) => [p.units], present: (p) => p.useBias, init: 'zeros', trainable: true, decay: true },
  ],
});

/** A Dense kernel is [inputs, units]: fan-in the inputs, fan-out the units. */
function denseFans(shape: Shape): [number, number] {
  return [shape[0]!, shape[1]!];
}
