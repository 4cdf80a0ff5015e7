/**
 * Lessons under New ▾ › Lessons: lecture projects with instructions, locks and goals
 * (docs/lessons.md). Each opens in the student's locked view; the numbers in the goals were
 * checked by training the intended solution (test/renderer/lesson-templates.test.ts).
 */
import type { Lesson } from '../lesson-types';
import type { Project } from '../project-types';
import { chainGraph, makeProject } from './build';
import type { ProjectTemplate } from './template-type';

function withLesson(project: Project, lesson: Lesson): Project {
  return { ...project, lesson };
}

const xorInstructions = `XOR outputs 1 when exactly one of its two inputs is 1. Its four points cannot be split by one straight line, so a single neuron cannot learn it.

## What to do

1. Press **Train** and watch the loss: the single neuron gets stuck at 2 of 4 points right.
2. Add a **hidden layer** between the input and the output neuron: a *Dense* layer followed by an activation such as *Tanh*.
3. Train again until every goal below is passed.

## Why it works

The output neuron computes $\\hat y = \\sigma(w^\\top h + b)$. With a hidden layer, $h = \\tanh(W x + c)$ bends the input plane so that the two classes become separable by a line in $h$-space.

The input, the output neuron's loss and the data are locked.`;

const learningRateInstructions = `This network has everything it needs to separate the disc from the ring around it: two hidden layers of 8 *tanh* units, enough data and epochs. Yet it barely learns.

## What to do

1. Press **Train** and look at the loss curve. What is it doing?
2. The culprit is one training setting: the **learning rate** (Training tab). Gradient descent moves every weight by $\\Delta w = -\\eta\\, \\partial L / \\partial w$; with a tiny $\\eta$ each step changes almost nothing.
3. Change it and train again until the goals pass.

Everything but the learning rate is locked. Try a few values on a log scale ($10^{-3}$, $10^{-2}$, $10^{-1}$, $1$): what happens when $\\eta$ is far too large?`;

const digitsInstructions = `The 8×8 handwritten digits: 64 pixel values in, one of 10 classes out. The network below reaches 95 % on the test split easily — with more than 9,000 parameters.

## What to do

Reach **at least 95 % test accuracy** with as few trainable parameters as you can. A Dense layer with $n$ inputs and $m$ units has $n \\cdot m + m$ parameters.

- Make the hidden layer narrower, or remove it altogether (is a linear classifier, softmax regression, enough?).
- Each Dense node shows its parameter count; the total is on the Model tab.
- Training settings are yours to tune (epochs, learning rate, optimiser).

The data (with its test split), the input and the loss are locked.`;

export const lessonTemplates: readonly ProjectTemplate[] = [
  {
    id: 'xor-hidden-layer',
    label: 'XOR needs a hidden layer',
    description: 'One neuron cannot learn XOR: add a hidden layer until the goals pass.',
    build: () =>
      withLesson(
        makeProject(
          'Lesson: XOR needs a hidden layer',
          chainGraph([
            ['x', 'input'],
            ['out', 'dense', { units: 1 }],
            ['p', 'sigmoid'],
            ['loss', 'binaryCrossEntropy', { target: 'labels' }],
          ]),
          { dataset: 'xor', normalize: 'none', split: { validation: 0, test: 0 } },
          { optimizer: { type: 'sgd', learningRate: 0.5, momentum: 0.9 }, batchSize: 4, epochs: 500, seed: 1 },
        ),
        {
          title: 'XOR needs a hidden layer',
          instructions: xorInstructions,
          locks: { nodes: ['x', 'loss'], data: true, training: ['epochs', 'batchSize'] },
          goals: [
            { kind: 'metric', metric: 'accuracy', split: 'train', atLeast: 1, label: 'All four XOR points classified correctly' },
            { kind: 'lossWithin', below: 0.1, epochs: 500 },
            { kind: 'parameters', atMost: 25 },
          ],
        },
      ),
  },
  {
    id: 'bad-learning-rate',
    label: 'Fix a network that does not learn',
    description: 'A good network with a bad learning rate: find one that learns within 40 epochs.',
    build: () =>
      withLesson(
        makeProject(
          'Lesson: fix the learning rate',
          chainGraph([
            ['x', 'input'],
            ['h1', 'dense', { units: 8 }],
            ['a1', 'tanh'],
            ['h2', 'dense', { units: 8 }],
            ['a2', 'tanh'],
            ['logit', 'dense', { units: 1 }],
            ['p', 'sigmoid'],
            ['loss', 'binaryCrossEntropy', { target: 'labels' }],
          ]),
          { dataset: 'circle', options: { n: 500, noise: 0 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
          { optimizer: { type: 'sgd', learningRate: 0.00003 }, batchSize: 10, epochs: 40, seed: 1 },
        ),
        {
          title: 'Fix a network that does not learn',
          instructions: learningRateInstructions,
          locks: {
            nodes: ['x', 'h1', 'a1', 'h2', 'a2', 'logit', 'p', 'loss'],
            graph: true,
            data: true,
            training: ['optimizer.type', 'optimizer.momentum', 'schedule', 'batchSize', 'sampling', 'epochs', 'seed', 'earlyStopping', 'averaging', 'l1'],
          },
          goals: [
            { kind: 'lossWithin', below: 0.2, epochs: 40 },
            { kind: 'metric', metric: 'accuracy', split: 'validation', atLeast: 0.95 },
          ],
        },
      ),
  },
  {
    id: 'digits-budget',
    label: 'Beat 95 % on digits with the fewest parameters',
    description: 'Handwritten digits: reach 95 % test accuracy with at most 1,000 trainable parameters.',
    build: () =>
      withLesson(
        makeProject(
          'Lesson: digits on a budget',
          chainGraph([
            ['x', 'input'],
            ['hidden', 'dense', { units: 128, init: 'heUniform' }],
            ['act', 'relu'],
            ['logits', 'dense', { units: 10 }],
            ['p', 'softmax'],
            ['loss', 'crossEntropy', { target: 'labels' }],
          ]),
          { dataset: 'digits', normalize: 'standard', split: { validation: 0.15, test: 0.2 } },
          { optimizer: { type: 'adam', learningRate: 0.003 }, batchSize: 32, epochs: 30, seed: 1 },
        ),
        {
          title: 'Beat 95 % on digits with the fewest parameters',
          instructions: digitsInstructions,
          locks: { nodes: ['x', 'loss'], data: true },
          goals: [
            { kind: 'metric', metric: 'accuracy', split: 'test', atLeast: 0.95 },
            { kind: 'parameters', atMost: 1000 },
            { kind: 'parameters', atMost: 650, label: 'Stretch: at most 650 trainable parameters' },
          ],
        },
      ),
  },
];
