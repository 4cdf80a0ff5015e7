/**
 * Autoencoder templates: the loss compares the output with the network's own input
 * (`target: 'input'`). Digits are scaled to [0, 1] per pixel (min–max), so a Sigmoid output
 * can rebuild them; MNIST pixels are already in [0, 1].
 */
import { chainGraph, makeProject } from './build';
import type { ProjectTemplate } from './template-type';

const digits01 = { dataset: 'digits', normalize: 'minmax' as const, split: { validation: 0.1, test: 0.2 } };

export const autoencoderTemplates: ProjectTemplate[] = [
  {
    id: 'autoencoder-digits',
    label: 'Autoencoder: Digits through 2 Numbers',
    description: 'An undercomplete autoencoder squeezes each 8×8 digit into a 2-unit code and rebuilds it: the codes form a map where digits of a class gather.',
    build: () =>
      makeProject(
        'Digits autoencoder (2-unit code)',
        chainGraph(
          [
            ['x', 'input'],
            ['enc', 'dense', { units: 32, init: 'heUniform' }],
            ['enc_act', 'relu'],
            ['code', 'dense', { units: 2 }],
            ['dec', 'dense', { units: 32, init: 'heUniform' }],
            ['dec_act', 'relu'],
            ['out', 'dense', { units: 64 }],
            ['rebuilt', 'sigmoid'],
            ['loss', 'mse', { target: 'input' }],
          ],
          5,
        ),
        digits01,
        { optimizer: { type: 'adam', learningRate: 0.005 }, batchSize: 32, epochs: 60, seed: 1 },
      ),
  },
  {
    id: 'sparse-autoencoder',
    label: 'Sparse Autoencoder (KL sparsity)',
    description: 'A Sigmoid hidden layer of 32 units with a KL sparsity penalty: each unit is active (≈ 1) for few digits, about 5 % on average.',
    build: () =>
      makeProject(
        'Sparse autoencoder (digits)',
        chainGraph([
          ['x', 'input'],
          ['enc', 'dense', { units: 32 }],
          ['hidden', 'sigmoid', { activityRegularizer: 'kl', rho: 0.05, sparsityWeight: 0.5 }],
          ['out', 'dense', { units: 64 }],
          ['loss', 'mse', { target: 'input' }],
        ]),
        digits01,
        { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 32, epochs: 40, seed: 1 },
      ),
  },
  {
    id: 'denoising-autoencoder',
    label: 'Denoising Autoencoder (MNIST)',
    description: 'Gaussian noise right after the Input: the network sees noisy MNIST digits and learns to rebuild the clean ones through 128 units.',
    build: () =>
      makeProject(
        'Denoising autoencoder (MNIST)',
        chainGraph(
          [
            ['x', 'input'],
            ['noise', 'gaussianNoise', { stddev: 0.3 }],
            ['flat', 'flatten'],
            ['enc', 'dense', { units: 128, init: 'heUniform' }],
            ['enc_act', 'relu'],
            ['out', 'dense', { units: 784 }],
            ['rebuilt', 'sigmoid'],
            ['image', 'reshape', { shape: [1, 28, 28] }],
            ['loss', 'mse', { target: 'input' }],
          ],
          5,
        ),
        { dataset: 'mnist', normalize: 'none', split: { validation: 0.1, test: 0 } },
        { optimizer: { type: 'adam', learningRate: 0.002 }, batchSize: 32, epochs: 5, seed: 1 },
      ),
  },
];
