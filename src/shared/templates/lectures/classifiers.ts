/** Deck 003's softmax regression step, deck 000's Keras example and the early-stopping curve. */
import { SOFTMAX_SAMPLE, SOFTMAX_W } from '../../lecture-data';
import { chainGraph, makeProject } from '../build';
import { check, DECK_000, DECK_003, lectureTemplate, output, weight, withWeights } from './shared';

export const softmaxRegression = lectureTemplate({
  id: 'l003-multiclass-logistic-regression',
  label: 'Softmax Regression: one gradient step by hand',
  description: 'Three classes, one sample, the W of the worked example: the loss falls from 1.180099 to 0.093362 after one step with γ = 0.5.',
  lecture: {
    example: 'L003-multiclass-logistic-regression',
    deck: DECK_003,
    explanation: [
      'Softmax regression gives each class a score wₖ·φ, turns the scores into probabilities with the softmax, and is trained by minimising −log of the true class\'s probability (the negative log-likelihood).',
      'Its gradient for class k is (yₖ − tₖ)·φ: push the true class\'s weights towards φ, the others away, each in proportion to how wrong its probability is.',
      'Here φ = (1, 2, 1), the last 1 being the bias (the Dense layer\'s bias holds the third row of W), and the true class is 2. One step with γ = 0.5 moves W enough to lower the loss from 1.180 to 0.093.',
      'The numbers are an illustrative instance (the slides derive the gradient symbolically).',
    ],
    tryThis: 'Press Step once and watch the loss and the weights change to the "after one step" values.',
    checkNumbers: [51],
    checks: [
      check('p(class 1)', 0.414742, output('p', SOFTMAX_SAMPLE, 0)),
      check('p(class 2)', 0.307248, output('p', SOFTMAX_SAMPLE, 1)),
      check('p(class 3)', 0.27801, output('p', SOFTMAX_SAMPLE, 2)),
      check('loss before the step', 1.180099, { kind: 'loss' }),
      check('loss after one step (γ = 0.5)', 0.093362, { kind: 'loss' }, { afterSteps: 1 }),
      check('W[1][1] after the step', -0.107371, weight('scores', 'kernel', 0), { afterSteps: 1 }),
      check('W[2][2] after the step', 0.792752, weight('scores', 'kernel', 4), { afterSteps: 1 }),
      check('W[3][3] (bias of class 3) after the step', -0.339005, weight('scores', 'bias', 2), { afterSteps: 1 }),
    ],
  },
  build: () =>
    withWeights(
      makeProject(
        'Softmax regression, one step',
        chainGraph([
          ['x', 'input'],
          ['scores', 'dense', { units: 3 }],
          ['p', 'softmax'],
          ['loss', 'crossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'softmaxSample', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 1, sampling: 'sequential', epochs: 1, seed: 1 },
      ),
      { scores: { kernel: [[2, 3], [...SOFTMAX_W[0]!, ...SOFTMAX_W[1]!]], bias: [[3], SOFTMAX_W[2]!] } },
    ),
});

export const kerasMlp = lectureTemplate({
  id: 'l000-keras-mlp',
  label: 'The Keras Example: Dense 8 ReLU, 8 ReLU, 2 softmax (Adam)',
  description: "The slide's Keras model, node for node: 114 parameters, categorical cross-entropy, Adam, 250 epochs, on two moons.",
  lecture: {
    example: 'L000-keras-mlp',
    deck: DECK_000,
    explanation: [
      'The slide builds a small classifier in Keras: two hidden layers of 8 ReLU units and a softmax over 2 classes, compiled with Adam and categorical cross-entropy, then fitted for 250 epochs.',
      'Here each Keras layer is a Dense node followed by its activation node. The parameter count is the same: (2·8 + 8) + (8·8 + 8) + (8·2 + 2) = 114.',
      'The slide does not say which data it used (only "2-D inputs, 2 classes"), so this template uses two moons. Batch size 32 and learning rate 0.001 are Keras\'s defaults, which the slide does not print.',
    ],
    tryThis: 'Open the Model tab for the Keras-style summary, then train and watch the decision boundary.',
    checkNumbers: [69],
    checks: [
      check('trainable parameters', 114, { kind: 'params' }, { origin: 'computed', tolerance: 0 }),
      check('softmax outputs add up to', 1, { kind: 'output', nodeId: 'p', input: [0.5, -0.2], sum: true }, { origin: 'computed', tolerance: 1e-6 }),
    ],
  },
  build: () =>
    makeProject(
      'Keras MLP (lecture)',
      chainGraph([
        ['x', 'input'],
        ['dense1', 'dense', { units: 8, init: 'glorotUniform' }],
        ['relu1', 'relu'],
        ['dense2', 'dense', { units: 8, init: 'glorotUniform' }],
        ['relu2', 'relu'],
        ['dense3', 'dense', { units: 2, init: 'glorotUniform' }],
        ['p', 'softmax'],
        ['loss', 'crossEntropy', { target: 'labels' }],
      ]),
      { dataset: 'moons', options: { n: 300, noise: 0.1 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
      { optimizer: { type: 'adam', learningRate: 0.001 }, batchSize: 32, epochs: 250, seed: 1 },
    ),
});

export const earlyStopping = lectureTemplate({
  id: 'l000-early-stopping',
  label: 'Early Stopping: the overfitting curve',
  description: 'A big network on few noisy points: the training loss keeps falling while the validation loss turns back up; training stops and keeps the best epoch.',
  lecture: {
    example: 'L000-early-stopping',
    deck: DECK_000,
    explanation: [
      'With enough weights a network can learn its training points by heart, noise included. The training loss then keeps going down while the loss on points it never trains on goes back up: that is overfitting.',
      'Early stopping keeps part of the training data aside as a validation split, watches its loss after every epoch, and stops when it has not improved for a while (the patience), going back to the best weights.',
      'The slide says to take that portion from the test data; it must come from the training data, since the test data may not influence training at all.',
    ],
    tryThis: 'Train and watch the two curves of the loss chart part ways; the run stops by itself and says at which epoch it was best.',
    checks: [],
  },
  build: () =>
    makeProject(
      'Early stopping (lecture)',
      chainGraph([
        ['x', 'input'],
        ['h1', 'dense', { units: 64 }],
        ['a1', 'relu'],
        ['h2', 'dense', { units: 64 }],
        ['a2', 'relu'],
        ['logit', 'dense', { units: 1 }],
        ['p', 'sigmoid'],
        ['loss', 'binaryCrossEntropy', { target: 'labels' }],
      ]),
      { dataset: 'gaussian', options: { n: 80, noise: 0.6 }, normalize: 'standard', split: { validation: 0.5, test: 0 } },
      { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 8, epochs: 500, seed: 1, earlyStopping: { patience: 30, restoreBest: true } },
    ),
});
