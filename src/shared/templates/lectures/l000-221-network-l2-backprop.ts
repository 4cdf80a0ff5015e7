/**
 * Deck 000's 2-2-1 network ("Training network with L2-loss"): inputs x₁, x₂ (nodes 1, 2), sigmoid
 * hidden neurons 3 and 4, a sigmoid output neuron 5, the loss ½(y − ŷ)², weights set by hand to
 * the worked examples' illustrative instance (the slide has only symbols), one sample
 * x = (1, 2), y = 1, and plain gradient descent with α = 0.5. One step takes the loss from
 * 0.126138 to 0.110457; the step-through shows every number on the way (Δ₅, Δ₃, Δ₄, …).
 *
 * The deck writes w_{i,j} for the weight from node i to node j and w_{0,j} for j's bias. Our
 * Dense kernel is [inputs, units], so kernel[i][j] is w_{i+1, j+3} in the hidden layer and
 * w_{i+3, 5} in the output layer.
 */
import { encodeTensor } from '../../project';
import { chainGraph, makeProject } from '../build';
import type { ProjectTemplate } from '../template-type';

/** The hand-set weights of the worked example, in the deck's names. */
export const L000_221_WEIGHTS = {
  w03: 0.1, w13: 0.4, w23: -0.2,
  w04: -0.3, w14: 0.2, w24: 0.5,
  w05: 0.05, w35: 0.7, w45: -0.6,
} as const;

/** The sample and the learning rate of the worked example. */
export const L000_221_SAMPLE = { x: [1, 2], y: 1, learningRate: 0.5 } as const;

export const l000221NetworkTemplate: ProjectTemplate = {
  id: 'l000-221-network-l2-backprop',
  label: '2-2-1 Network, One Backprop Step by Hand',
  description:
    'The lecture\'s sigmoid network with the L2 loss ½(y − ŷ)² and hand-set weights, on one sample: step through the forward pass, Δ₅, Δ₃, Δ₄, the gradients and the update.',
  build: () => {
    const w = L000_221_WEIGHTS;
    const project = makeProject(
      '2-2-1 network, one backprop step (deck 000)',
      chainGraph([
        ['x', 'input'],
        ['hidden', 'dense', { units: 2 }],
        ['g_hidden', 'sigmoid'],
        ['output', 'dense', { units: 1 }],
        ['g_output', 'sigmoid'],
        ['loss', 'mse', { target: 'labels', reduction: 'sum', scale: 0.5 }],
      ]),
      { dataset: 'sample-221', normalize: 'none', split: { validation: 0, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: L000_221_SAMPLE.learningRate }, batchSize: 1, sampling: 'sequential', epochs: 20, seed: 1 },
    );
    const label = (id: string, text: string) => (project.graph.nodes.find((n) => n.id === id)!.label = text);
    label('hidden', 'Hidden neurons 3, 4');
    label('output', 'Output neuron 5');
    label('loss', '½(y − ŷ)²');
    project.weights = {
      // kernel[i][j]: from input i + 1 to neuron j + 3, row-major [inputs, units].
      hidden: { kernel: encodeTensor([2, 2], Float32Array.of(w.w13, w.w14, w.w23, w.w24)), bias: encodeTensor([2], Float32Array.of(w.w03, w.w04)) },
      output: { kernel: encodeTensor([2, 1], Float32Array.of(w.w35, w.w45)), bias: encodeTensor([1], Float32Array.of(w.w05)) },
    };
    return project;
  },
};
