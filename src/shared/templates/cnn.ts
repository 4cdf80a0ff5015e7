/** Templates with convolutions: LeNet on MNIST, a small CNN on 8×8 digits, and the lecture's turn detector. */
import { encodeTensor } from '../project';
import { chainGraph, makeProject } from './build';
import type { ProjectTemplate } from './template-type';

/**
 * The turn detector's hand-set 3×3 kernel: +1 on the turn ┐ (the top row and the right column),
 * −1 where the turn has no ink. With the bias −4 it outputs +1 where a turn sits under the window
 * and at most −1 anywhere else in the `turns` images.
 */
export const TURN_KERNEL = [1, 1, 1, -1, -1, 1, -1, -1, 1];
export const TURN_BIAS = -4;

export const cnnTemplates: ProjectTemplate[] = [
  {
    id: 'turn-detector',
    label: 'Turn Detector (hand-set 3×3 kernel)',
    description: "The lecture's example: a 3×3 convolution, its kernel set by hand, finds a turn ┐ in 4×4 images. Edit the kernel and watch the output map.",
    build: () => {
      const project = makeProject(
        'Turn detector',
        chainGraph([
          ['x', 'input'],
          ['detector', 'conv2d', { filters: 1, kernelSize: 3 }],
          ['pool', 'maxPool2d', { poolSize: 2 }],
          ['flat', 'flatten'],
          ['p', 'sigmoid'],
          ['loss', 'binaryCrossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'turns', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 24, epochs: 100, seed: 1 },
      );
      project.graph.nodes.find((n) => n.id === 'detector')!.label = 'Turn detector';
      project.weights = {
        detector: { kernel: encodeTensor([1, 1, 3, 3], Float32Array.from(TURN_KERNEL)), bias: encodeTensor([1], Float32Array.of(TURN_BIAS)) },
      };
      return project;
    },
  },
  {
    id: 'cnn-digits',
    label: 'Small CNN on 8×8 Digits',
    description: 'The digits as 1×8×8 images: 8 learned 3×3 filters, max pooling and one Dense layer reach about 98 % test accuracy in seconds.',
    build: () =>
      makeProject(
        'Small CNN (8×8 digits)',
        chainGraph(
          [
            ['x', 'input'],
            ['conv', 'conv2d', { filters: 8, kernelSize: 3, padding: 'same', init: 'heUniform' }],
            ['relu', 'relu'],
            ['pool', 'maxPool2d', { poolSize: 2 }],
            ['flat', 'flatten'],
            ['logits', 'dense', { units: 10 }],
            ['p', 'softmax'],
            ['loss', 'crossEntropy', { target: 'labels' }],
          ],
          4,
        ),
        { dataset: 'digits', options: { image: 1 }, normalize: 'standard', split: { validation: 0.1, test: 0.2 } },
        { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 32, epochs: 12, seed: 1 },
      ),
  },
  {
    id: 'lenet-mnist',
    label: 'LeNet on MNIST',
    description: 'A LeNet-style CNN (two 5×5 convolutions with max pooling, then Dense 120 → 84 → 10) learns the MNIST digits (a 6000-image subset).',
    build: () =>
      makeProject(
        'LeNet (MNIST)',
        chainGraph(
          [
            ['x', 'input'],
            ['c1', 'conv2d', { filters: 6, kernelSize: 5, padding: 'same', init: 'heUniform' }],
            ['r1', 'relu'],
            ['p1', 'maxPool2d', { poolSize: 2 }],
            ['c2', 'conv2d', { filters: 16, kernelSize: 5, init: 'heUniform' }],
            ['r2', 'relu'],
            ['p2', 'maxPool2d', { poolSize: 2 }],
            ['flat', 'flatten'],
            ['f1', 'dense', { units: 120, init: 'heUniform' }],
            ['r3', 'relu'],
            ['f2', 'dense', { units: 84, init: 'heUniform' }],
            ['r4', 'relu'],
            ['logits', 'dense', { units: 10 }],
            ['p', 'softmax'],
            ['loss', 'crossEntropy', { target: 'labels' }],
          ],
          5,
        ),
        { dataset: 'mnist', normalize: 'standard', split: { validation: 0.1, test: 0 } },
        { optimizer: { type: 'adam', learningRate: 0.001 }, batchSize: 32, epochs: 4, seed: 1 },
      ),
  },
];
