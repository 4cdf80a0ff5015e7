/** Deck 003's hand-set XOR network and deck 004's perceptron rule on the truth tables. */
import { TRUTH_INPUTS, type TruthGate } from '../../lecture-data';
import { chainGraph, makeProject } from '../build';
import type { ProjectTemplate } from '../template-type';
import type { LectureCheck, LectureInfo } from './types';
import { check, DECK_003, DECK_004, lectureTemplate, output, weight, withWeights } from './shared';

function xorNetwork(activation: 'relu' | 'sigmoid') {
  return () =>
    withWeights(
      makeProject(
        `XOR by hand (${activation === 'relu' ? 'ReLU' : 'sigmoid'})`,
        chainGraph([
          ['x', 'input'],
          ['h', 'dense', { units: 2 }],
          ['g', activation],
          ['y', 'dense', { units: 1 }],
          ['loss', 'mse', { target: 'labels' }],
        ]),
        { dataset: 'truthXor', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.01 }, batchSize: 4, sampling: 'sequential', epochs: 1, seed: 1 },
      ),
      // W1 = [[+1, −1], [−1, +1]] (symmetric, so the Dense layout [inputs, units] is the same), b1 = 0, w2 = (1, 1), b2 = 0.
      { h: { kernel: [[2, 2], [1, -1, -1, 1]], bias: [[2], [0, 0]] }, y: { kernel: [[2, 1], [1, 1]], bias: [[1], [0]] } },
    );
}

const xorExplanation = [
  'XOR cannot be separated by one straight line, but one hidden layer of two units is enough. The weights here are set by hand, as on the slide: no training.',
  'The first hidden unit computes x₁ − x₂, the second x₂ − x₁. A ReLU keeps only the positive one, so the sum of the two is |x₁ − x₂|: 0 when the inputs agree, 1 when they differ.',
  'The slide does not name the activation. It has to be ReLU: with a sigmoid the two units always add up to exactly 1, whatever the input (open the sigmoid variant to see it).',
];

const xorInputs = TRUTH_INPUTS;

export const xorRelu = lectureTemplate({
  id: 'l003-xor-relu-network',
  label: 'XOR by Hand: two ReLU units',
  description: 'Hand-set weights W₁ = [[1, −1], [−1, 1]], w₂ = (1, 1) and ReLU give 0, 1, 1, 0: XOR without training.',
  lecture: {
    example: 'L003-xor-relu-network',
    deck: DECK_003,
    explanation: xorExplanation,
    tryThis: 'Hover the nodes or open Evaluate › Try an input to feed your own points.',
    checkNumbers: [20, 21, 22],
    checks: [
      ...xorInputs.map((x, i) => check(`y(${x.join(', ')})`, [0, 1, 1, 0][i]!, output('y', x), { origin: 'computed', tolerance: 0 })),
      check('y(0.3, 0.8) = |x₁ − x₂|', 0.5, output('y', [0.3, 0.8]), { origin: 'computed', tolerance: 1e-6 }),
      ...[
        [[-1, -1], 0],
        [[1, -1], 2],
        [[-1, 1], 2],
        [[1, 1], 0],
      ].map(([x, y]) => check(`y(${(x as number[]).join(', ')}) with ±1 inputs`, y as number, output('y', x as number[]), { origin: 'computed', tolerance: 0 })),
    ],
  },
  build: xorNetwork('relu'),
});

export const xorSigmoid: ProjectTemplate = {
  id: 'l003-xor-relu-network-sigmoid',
  label: 'XOR by hand with a sigmoid instead',
  description: 'The same weights with a sigmoid: every input gives 1, so the network no longer computes XOR.',
  variantOf: 'l003-xor-relu-network',
  lecture: {
    ...xorRelu.lecture!,
    checkNumbers: [23],
    checks: xorInputs.map((x) =>
      check(`y(${x.join(', ')}) with a sigmoid`, 1, output('y', x), { origin: 'computed', tolerance: 1e-6, note: 'σ(a) + σ(−a) = 1 for every a (±1e−12 in float64; the app computes in float32).' }),
    ),
  },
  build: xorNetwork('sigmoid'),
};

/** Deck 004's rule: y = 1 if w·x − T ≥ 0; on a mistake w += α(d − y)x and T −= α(d − y), with α = 1 and zeros to start. */
function perceptronProject(gate: TruthGate, epochs: number) {
  return () =>
    makeProject(
      `Perceptron rule on ${gate.toUpperCase()}`,
      chainGraph([
        ['x', 'input'],
        ['neuron', 'dense', { units: 1, init: 'zeros' }],
        ['out', 'step'],
        ['loss', 'mse', { target: 'labels' }],
      ]),
      { dataset: gate === 'and' ? 'truthAnd' : gate === 'or' ? 'truthOr' : 'truthXor', normalize: 'none', split: { validation: 0, test: 0 } },
      // MSE's gradient is 2(ŷ − y), so a learning rate of 0.5 makes the update exactly (y − ŷ)·x: α = 1.
      { optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 1, sampling: 'sequential', epochs, seed: 1 },
    );
}

const perceptronExplanation = [
  "Rosenblatt's perceptron outputs 1 when w·x − T ≥ 0, else 0. After each sample it is shown, it changes only if it was wrong: w moves by α·(d − y)·x and the threshold by −α·(d − y). Here α = 1 and everything starts at zero.",
  'In the app the threshold is the Dense bias (b = −T) and the step node passes the gradient straight through, so plain gradient descent on (y − ŷ)² with learning rate 0.5 performs exactly this rule.',
  'AND and OR can be separated by a line, so the rule stops making mistakes after a few epochs. XOR cannot: it never has an epoch without errors, and from the third epoch on it gets all four samples wrong, cycling through the same weights.',
  'The starting weights, α and the sample order are our choice (the slides show the run only as a picture); the table follows the samples in truth-table order.',
];

const tryPerceptron = 'Set the speed to "One step at a time" and press Train: each press presents one sample and adds a row to the table.';

function perceptronChecks(gate: TruthGate, steps: number): LectureCheck[] {
  const expected = { and: { w: [1, 2], T: 3, updates: 11, first: 6 }, or: { w: [1, 1], T: 1, updates: 5, first: 4 } } as const;
  if (gate === 'xor')
    return [
      check('w₁ at the end of each epoch (from epoch 2)', 0, weight('neuron', 'kernel', 0), { afterSteps: steps, tolerance: 0 }),
      check('w₂ at the end of each epoch (from epoch 2)', -1, weight('neuron', 'kernel', 1), { afterSteps: steps, tolerance: 0 }),
      check('T at the end of each epoch (from epoch 2)', 0, weight('neuron', 'bias', 0, -1), { afterSteps: steps, tolerance: 0 }),
      check('epochs without a mistake', 0, { kind: 'perfectEpochs' }, { afterSteps: steps, tolerance: 0 }),
      check(`updates in ${steps / 4} epochs (3 + 3, then 4 per epoch)`, 6 + 4 * (steps / 4 - 2), { kind: 'updates' }, { afterSteps: steps, tolerance: 0 }),
    ];
  const e = expected[gate];
  return [
    check('w₁', e.w[0], weight('neuron', 'kernel', 0), { afterSteps: steps, tolerance: 0 }),
    check('w₂', e.w[1], weight('neuron', 'kernel', 1), { afterSteps: steps, tolerance: 0 }),
    check('threshold T (= −bias)', e.T, weight('neuron', 'bias', 0, -1), { afterSteps: steps, tolerance: 0 }),
    check('updates (mistakes) in all', e.updates, { kind: 'updates' }, { afterSteps: steps, tolerance: 0 }),
    check('first epoch without a mistake', e.first, { kind: 'firstPerfectEpoch' }, { afterSteps: steps, tolerance: 0 }),
  ];
}

function perceptronLecture(gate: TruthGate, steps: number): LectureInfo {
  return {
    example: 'L004-perceptron-threshold-rule',
    deck: DECK_004,
    explanation: perceptronExplanation,
    tryThis: tryPerceptron,
    checkNumbers: gate === 'and' ? [24] : gate === 'or' ? [25] : [26],
    checks: perceptronChecks(gate, steps),
    perceptronTable: { dense: 'neuron', output: 'out' },
  };
}

export const perceptronAnd = lectureTemplate({
  id: 'l004-perceptron-threshold-rule',
  label: "Perceptron Rule: AND, OR and XOR",
  description: 'Rosenblatt’s rule, one sample at a time: AND settles after 11 updates (OR after 5); XOR never has an error-free epoch.',
  lecture: perceptronLecture('and', 24),
  build: perceptronProject('and', 6),
});

export const perceptronOr: ProjectTemplate = {
  id: 'l004-perceptron-threshold-rule-or',
  label: 'Perceptron rule on OR',
  description: 'OR: 5 updates, error-free from epoch 4.',
  variantOf: 'l004-perceptron-threshold-rule',
  lecture: perceptronLecture('or', 16),
  build: perceptronProject('or', 4),
};

export const perceptronXor: ProjectTemplate = {
  id: 'l004-perceptron-threshold-rule-xor',
  label: 'Perceptron rule on XOR',
  description: 'XOR: never an epoch without mistakes.',
  variantOf: 'l004-perceptron-threshold-rule',
  lecture: perceptronLecture('xor', 80),
  build: perceptronProject('xor', 20),
};
