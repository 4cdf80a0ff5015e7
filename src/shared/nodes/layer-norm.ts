import { defineNode } from './types';

export const layerNorm = defineNode({
  type: 'layerNorm',
  label: 'Layer normalization',
  category: 'layer',
  description:
    'Normalises each sample on its own: all its values (every feature, or every channel and pixel of an image) ' +
    'are shifted to mean 0 and scaled to variance 1, then each value gets its own learned scale γ and shift β. ' +
    'It behaves the same in training and evaluation and does not depend on the other samples of the batch.',
  formula: 'y = γ ⊙ (x − μ) / √(σ² + ε) + β   (μ, σ² over the values of one sample)',
  inputs: [{ id: 'in', label: 'in' }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    epsilon: {
      kind: 'float',
      label: 'Epsilon ε',
      help: 'Added to the variance before the square root, so a constant sample does not divide by zero.',
      default: 1e-5,
      min: 0,
      minExclusive: true,
      max: 1,
    },
    elementwiseAffine: {
      kind: 'bool',
      label: 'Learn γ and β',
      help: 'Give every value a learned scale γ and shift β (of the input’s shape); off: the output is just normalised.',
      default: true,
    },
  },
  summary: (p) => (p.elementwiseAffine ? '' : 'no γ, β'),
  inferShape: (inputs) => ({ shape: inputs[0]! }),
  weights: [
    { name: 'gamma', shape: (_p, inputs) => inputs[0]!, present: (p) => p.elementwiseAffine, init: 'ones', trainable: true, decay: false },
    { name: 'beta', shape: (_p, inputs) => inputs[0]!, present: (p) => p.elementwiseAffine, init: 'zeros', trainable: true, decay: false },
  ],
});
