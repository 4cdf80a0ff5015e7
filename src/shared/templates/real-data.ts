/** Templates on the real datasets shipped with the app (UCI and friends). */
import { chainGraph, makeProject } from './build';
import type { ProjectTemplate } from './template-type';

const classifierSplit = { validation: 0.2, test: 0.2 };

export const realDataTemplates: ProjectTemplate[] = [
  {
    id: 'iris',
    label: 'Iris Flowers',
    description: "Fisher's irises: 4 measurements, 3 species, a softmax classifier with one hidden layer.",
    build: () =>
      makeProject(
        'Iris classifier',
        chainGraph([
          ['x', 'input'],
          ['hidden', 'dense', { units: 16 }],
          ['act', 'relu'],
          ['logits', 'dense', { units: 3 }],
          ['p', 'softmax'],
          ['loss', 'crossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'iris', normalize: 'standard', split: classifierSplit },
        {
          optimizer: { type: 'adam', learningRate: 0.01 },
          batchSize: 16,
          epochs: 200,
          seed: 1,
          earlyStopping: { patience: 40, minDelta: 0.0001, restoreBest: true },
        },
      ),
  },
  {
    id: 'sonar',
    label: 'Sonar: Rocks or Mines',
    description: 'Sonar echoes in 60 frequency bands: rock or metal cylinder? A small net that can overfit: watch validation.',
    build: () =>
      makeProject(
        'Sonar: rocks or mines',
        chainGraph([
          ['x', 'input'],
          ['hidden', 'dense', { units: 24, init: 'heUniform' }],
          ['act', 'relu'],
          ['logit', 'dense', { units: 1 }],
          ['p', 'sigmoid'],
          ['loss', 'binaryCrossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'sonar', normalize: 'standard', split: classifierSplit },
        {
          optimizer: { type: 'adam', learningRate: 0.003 },
          batchSize: 16,
          epochs: 150,
          seed: 1,
          earlyStopping: { patience: 30, minDelta: 0.0001, restoreBest: true },
        },
      ),
  },
  {
    id: 'breast-cancer',
    label: 'Breast Cancer Diagnosis',
    description: '30 measurements of cell nuclei: malignant or benign, with a sigmoid output and binary cross-entropy.',
    build: () =>
      makeProject(
        'Breast cancer diagnosis',
        chainGraph([
          ['x', 'input'],
          ['hidden', 'dense', { units: 16, init: 'heUniform' }],
          ['act', 'relu'],
          ['logit', 'dense', { units: 1 }],
          ['p', 'sigmoid'],
          ['loss', 'binaryCrossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'breastCancer', normalize: 'standard', split: classifierSplit },
        {
          optimizer: { type: 'adam', learningRate: 0.003 },
          batchSize: 32,
          epochs: 100,
          seed: 1,
          earlyStopping: { patience: 20, minDelta: 0.0001, restoreBest: true },
        },
      ),
  },
  {
    id: 'digits-mlp',
    label: 'Handwritten Digits (MLP)',
    description: '8×8 handwritten digits, 64 pixels in, 10 classes out, through one ReLU layer of 64 units.',
    build: () =>
      makeProject(
        'Digits MLP (8×8)',
        chainGraph([
          ['x', 'input'],
          ['hidden', 'dense', { units: 64, init: 'heUniform' }],
          ['act', 'relu'],
          ['logits', 'dense', { units: 10 }],
          ['p', 'softmax'],
          ['loss', 'crossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'digits', normalize: 'standard', split: { validation: 0.15, test: 0.2 } },
        { optimizer: { type: 'adam', learningRate: 0.003 }, batchSize: 32, epochs: 30, seed: 1 },
      ),
  },
  {
    id: 'mlp-dropout-l2',
    label: 'Digits MLP with Dropout and L2',
    description: 'A wide MLP on the 8×8 digits kept from overfitting by dropout (rate 0.3) and an L2 penalty on its kernels: compare training and validation curves.',
    build: () =>
      makeProject(
        'Digits MLP with dropout and L2',
        chainGraph([
          ['x', 'input'],
          ['hidden', 'dense', { units: 128, init: 'heUniform', l2: 0.0005 }],
          ['act', 'relu'],
          ['drop', 'dropout', { rate: 0.3 }],
          ['logits', 'dense', { units: 10, l2: 0.0005 }],
          ['p', 'softmax'],
          ['loss', 'crossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'digits', normalize: 'standard', split: { validation: 0.15, test: 0.2 } },
        { optimizer: { type: 'adam', learningRate: 0.003 }, batchSize: 32, epochs: 40, seed: 1 },
      ),
  },
];
