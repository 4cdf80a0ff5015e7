/**
 * Lessons under New ▾ › Lessons: lecture projects with instructions, locks and goals
 * (docs/lessons.md). Each opens in the student's locked view; the numbers in the goals were
 * checked by training the intended solution (test/renderer/lesson-templates.test.ts).
 */
import type { Lesson } from '../lesson-types';
import type { Project } from '../project-types';
import { chainGraph, makeProject } from './build';
import { l000221NetworkTemplate } from './lectures/l000-221-network-l2-backprop';
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

const deltaInstructions = `The lecture's 2-2-1 network: inputs $x_1, x_2$ (nodes 1 and 2), sigmoid hidden neurons 3 and 4, a sigmoid output neuron 5, and the loss $L = \\tfrac12 (y - \\hat y)^2$ on one sample, $x = (1, 2)$ with $y = 1$. A bias is written $w_{0,j}$, the weight from node $i$ to node $j$ is $w_{i,j}$.

The weights, set by hand:

- neuron 3: $w_{0,3} = 0.1$, $w_{1,3} = 0.4$, $w_{2,3} = -0.2$
- neuron 4: $w_{0,4} = -0.3$, $w_{1,4} = 0.2$, $w_{2,4} = 0.5$
- neuron 5: $w_{0,5} = 0.05$, $w_{3,5} = 0.7$, $w_{4,5} = -0.6$

## What to do

Work with pen and paper (a calculator is fine), keep six decimals, and type each answer below.

1. **Forward.** Compute $in_j = w_{0,j} + \\sum_i w_{i,j}\\, a_i$ and $a_j = \\sigma(in_j)$ for neurons 3, 4 and 5; $a_5$ is the prediction $\\hat y$.
2. **Output error.** $\\Delta_5 = \\partial L / \\partial in_5 = -(y - \\hat y)\\, \\sigma'(in_5)$, with $\\sigma'(in) = a\\,(1 - a)$.
3. **Back to neuron 3.** The error reaching neuron 3 through its only outgoing link: $\\Delta_3 = \\sigma'(in_3)\\, w_{3,5}\\, \\Delta_5$.
4. **A weight's gradient** is the Δ of the neuron it feeds times the value on its input: $\\partial L / \\partial w_{2,3} = \\Delta_3\\, x_2$.

Mind the sign. The loss grows when $\\hat y$ moves away from $y$, so $\\Delta = \\partial L/\\partial in$ carries the minus of $-(y - \\hat y)$. A version of the backprop pseudocode writes $\\Delta_j = g'(in_j)\\,(y_j - a_j)$ instead: that is the opposite sign, and the app will not accept it here.

## Then check with the step-through

Press **Step through** (beside Train) and walk the step with **Next ▶**: the forward pass of each layer, the loss, then the backward pass. On the backward stage of the hidden layer, point at neuron 3 and compare the engine's $\\Delta_3$ and $\\partial L/\\partial w_{2,3}$ with yours, line by line. Where they differ, the earlier stages show which of your intermediate numbers went wrong.

Answers are checked at the weights as they are now. Do not train before answering: training moves the weights (start the lesson again if you did). The network, the data and the training settings are locked.`;

/** The 2-2-1 lecture network, whole-locked: the student computes by hand, the engine checks. */
function predictDeltaProject(): Project {
  const project = l000221NetworkTemplate.build();
  project.name = 'Lesson: predict Δ for a neuron';
  const nodeIds = project.graph.nodes.map((n) => n.id);
  return withLesson(project, {
    title: 'Predict Δ for a neuron, then check with the step-through',
    instructions: deltaInstructions,
    locks: { nodes: nodeIds, graph: true, data: true, training: true },
    goals: [
      // For this one-sample dataset the gradient of a neuron's bias is that neuron's Δ = ∂L/∂in.
      {
        kind: 'answer', label: 'Δ₅ of the output neuron',
        prompt: 'Step 2: $\\Delta_5$ of the output neuron',
        quantity: { kind: 'gradient', node: 'output', param: 'bias', index: 0 }, tolerance: 0.005, relative: true,
      },
      {
        kind: 'answer', label: 'Δ₃ of hidden neuron 3',
        prompt: 'Step 3: $\\Delta_3$ of hidden neuron 3',
        quantity: { kind: 'gradient', node: 'hidden', param: 'bias', index: 0 }, tolerance: 0.005, relative: true,
      },
      {
        // Kernel [inputs, units] row-major: from x₂ (row 1) to neuron 3 (column 0) is 1·2 + 0.
        kind: 'answer', label: '∂L/∂w₂,₃ (from x₂ to neuron 3)',
        prompt: 'Step 4: $\\partial L / \\partial w_{2,3}$',
        quantity: { kind: 'gradient', node: 'hidden', param: 'kernel', index: 2 }, tolerance: 0.005, relative: true,
      },
    ],
  });
}

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
  {
    id: 'predict-delta',
    label: 'Predict Δ for a neuron, then check with the step-through',
    description: 'The lecture\'s 2-2-1 network: compute Δ₅, Δ₃ and ∂L/∂w₂,₃ by hand, then compare with the step-through.',
    build: predictDeltaProject,
  },
];
