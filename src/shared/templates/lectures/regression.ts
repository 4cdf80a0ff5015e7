/**
 * Deck 002/004's linear regression y = 5 + 2·x₁ − 3·x₂: full-batch, mini-batch and stochastic
 * gradient descent on the 4-point set, and learning-rate schedules (η₀/(1 + k·t), averaged SGD)
 * on noisy data. The app's MSE is mean (y − ŷ)², twice the slides' J = mean ½(y − ŷ)², so its
 * gradient is twice as large: a learning rate of η/2 takes exactly the slides' steps with η.
 */
import { chainGraph, makeProject } from '../build';
import type { ProjectTemplate } from '../template-type';
import type { Project, ScheduleConfig } from '../../project-types';
import type { LectureCheck, LectureInfo } from './types';
import { check, DECK_002, lectureTemplate, weight } from './shared';

/** One linear unit ŷ = b₀ + b₁x₁ + b₂x₂ from zero, trained on MSE. */
const linearUnit = () =>
  chainGraph([
    ['x', 'input'],
    ['line', 'dense', { units: 1, init: 'zeros' }],
    ['loss', 'mse', { target: 'labels' }],
  ]);

function gdProject(name: string, batchSize: number, eta: number, steps: number): () => Project {
  return () =>
    makeProject(
      name,
      linearUnit(),
      { dataset: 'linear4', normalize: 'none', split: { validation: 0, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: eta / 2 }, batchSize, sampling: 'sequential', epochs: Math.ceil((steps * batchSize) / 4), seed: 1 },
    );
}

/** b₀, b₁, b₂ after `afterSteps` steps (the panel adds "after N steps"); `label` qualifies them, e.g. "η₀/(1 + t)". */
const theta = (label: string, values: [number, number, number], afterSteps: number, tolerance: number, origin: LectureCheck['origin'] = 'illustrative'): LectureCheck[] =>
  (['b₀', 'b₁', 'b₂'] as const).map((b, i) =>
    check(label ? `${b} (${label})` : b, values[i]!, i === 0 ? weight('line', 'bias', 0) : weight('line', 'kernel', i - 1), { afterSteps, tolerance, origin }),
  );

const explanation = [
  'The data are four noise-free points of y = 5 + 2·x₁ − 3·x₂, and the model is one linear unit ŷ = b₀ + b₁x₁ + b₂x₂ starting from zero. Gradient descent should bring (b₀, b₁, b₂) to (5, 2, −3).',
  'The three variants differ only in how many points each step looks at: all four (full batch), two at a time (mini-batch, {1,2} then {3,4}), or one (stochastic). Fewer points make cheaper, noisier steps.',
  'The slides write the loss as ½(y − ŷ)², the app as (y − ŷ)²: the app shows J = ½·MSE and uses half the slides\' learning rate, which takes exactly the same steps.',
  'The numbers are an illustrative instance (the slide gives only the model). "Converged" here means within 1e−4 of (5, 2, −3): the app computes in float32, so the float64 step counts of the worked examples (e.g. 930) are approximate.',
];

/** Full batch, mini-batch, stochastic and momentum paths from the same start, on the surface over (b₁, b₂). */
const surface: LectureInfo['surface'] = {
  weights: [
    { nodeId: 'line', param: 'kernel', index: 0 },
    { nodeId: 'line', param: 'kernel', index: 1 },
  ],
  labels: ['b₁', 'b₂'],
  paths: [
    { label: 'full batch (M = 4, η = 0.1)', batchSize: 4, learningRate: 0.05, steps: 40 },
    { label: 'mini-batch (M = 2, η = 0.5)', batchSize: 2, learningRate: 0.25, steps: 40 },
    { label: 'stochastic (M = 1, η = 0.1)', batchSize: 1, learningRate: 0.05, steps: 40 },
    { label: 'full batch with momentum 0.9 (η = 0.1)', batchSize: 4, optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 }, steps: 40 },
  ],
};

const J0 = check('J(θ = 0)', 11.75, { kind: 'loss', scale: 0.5 }, { tolerance: 1e-5 });

export const linearFullBatch = lectureTemplate({
  id: 'l002-minibatch-convergence-5-2-3',
  label: 'Linear Regression y = 5 + 2x₁ − 3x₂: full batch, mini-batch, stochastic',
  description: 'One linear unit learns (5, 2, −3) from four points by full-batch gradient descent; switch to mini-batch or stochastic steps and compare the paths.',
  lecture: {
    example: 'L002-minibatch-convergence-5-2-3',
    deck: DECK_002,
    explanation,
    tryThis: 'Train at 5 steps/s to watch the coefficients move; the Runs tab compares the three variants after you train each.',
    checkNumbers: [52, 54],
    surface,
    checks: [
      J0,
      ...theta('', [0.45, 0.275, 0.15], 1, 1e-6),
      check('J after 1 step', 8.975469, { kind: 'loss', scale: 0.5 }, { afterSteps: 1, tolerance: 1e-5 }),
      ...theta('', [5, 2, -3], 1000, 1e-4),
    ],
  },
  build: gdProject('Linear regression 5 + 2x₁ − 3x₂ (full batch)', 4, 0.1, 1000),
});

export const linearMiniBatch: ProjectTemplate = {
  id: 'l002-minibatch-convergence-5-2-3-minibatch',
  label: 'Mini-batch (M = 2, η = 0.5)',
  description: 'Two points per step: batches {1, 2} and {3, 4} in turn.',
  variantOf: 'l002-minibatch-convergence-5-2-3',
  lecture: {
    ...linearFullBatch.lecture!,
    checkNumbers: [56],
    checks: [J0, ...theta('', [3, 1.75, 0], 1, 1e-6), ...theta('', [2.5625, 1.5625, -0.4375], 2, 1e-6), ...theta('', [5, 2, -3], 400, 1e-4)],
  },
  build: gdProject('Linear regression 5 + 2x₁ − 3x₂ (mini-batch)', 2, 0.5, 400),
};

export const linearStochastic: ProjectTemplate = {
  id: 'l002-minibatch-convergence-5-2-3-stochastic',
  label: 'Stochastic (M = 1, η = 0.1)',
  description: 'One point per step, in the order 1, 2, 3, 4.',
  variantOf: 'l002-minibatch-convergence-5-2-3',
  lecture: {
    ...linearFullBatch.lecture!,
    checkNumbers: [57],
    checks: [J0, ...theta('', [1.438, 0.853, 0.288], 4, 1e-6), ...theta('', [5, 2, -3], 2000, 1e-4)],
  },
  build: gdProject('Linear regression 5 + 2x₁ − 3x₂ (stochastic)', 1, 0.1, 2000),
};

/** `eta` in the slides' units (the app's learning rate is η/2, see above). */
function scheduleProject(name: string, eta: number, schedule: ScheduleConfig | undefined, averaging: boolean): () => Project {
  return () =>
    makeProject(
      name,
      linearUnit(),
      { dataset: 'linear', options: { n: 1000, noise: 0.5 }, normalize: 'none', split: { validation: 0.2, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: eta / 2 }, ...(schedule ? { schedule } : {}), batchSize: 1, sampling: 'shuffle', epochs: 5, seed: 1, ...(averaging ? { averaging: true } : {}) },
    );
}

const STEPS_5_EPOCHS = 5 * 800;
const near523 = (label: string): LectureCheck[] =>
  theta(label, [5, 2, -3], STEPS_5_EPOCHS, 0.1).map((c) => ({ ...c, origin: 'illustrative' as const }));

const scheduleExplanation = [
  'Stochastic gradient descent with a fixed step never settles: each noisy one-sample step shakes the weights, so they wander in a "region of confusion" around the optimum. A small constant step (η = 0.04 here) keeps that region small but learns slowly; η = 0.1 learns fast but ends up to 0.25 away.',
  'The slides ask for steps with Σηₜ = ∞ (they can travel any distance) but Σηₜ² < ∞ (the noise they add stays finite). ηₜ = η₀/(1 + k·t) is such a schedule; here t counts epochs and k = 1.',
  'Averaged SGD keeps the plain steps (η = 0.1) but reports the running mean of all the weights it visited (W̄ₙ = n/(n+1)·W̄ₙ₋₁ + 1/(n+1)·Wₙ), which averages the noise away: its loss reaches the noise floor σ²/2 = 0.125 while the current weights still jitter.',
  'The data are 1000 noisy points (σ = 0.5) of y = 5 + 2x₁ − 3x₂, 800 of them for training, one sample per step; the runs should end within about 0.1 of (5, 2, −3), as the slide claims qualitatively.',
];

export const scheduleConstant = lectureTemplate({
  id: 'l002-gradient-descent-step-size',
  label: 'Learning-Rate Schedules: constant, η₀/(1 + k·t), averaged SGD',
  description: 'Stochastic steps on noisy data: a constant rate keeps jittering; a decaying one or the running average of the weights settles.',
  lecture: {
    example: 'L002-gradient-descent-step-size',
    deck: DECK_002,
    explanation: scheduleExplanation,
    tryThis: 'Train each variant and compare the validation loss in the Runs tab.',
    checkNumbers: [59],
    checks: near523('constant η = 0.04'),
  },
  build: scheduleProject('SGD with a constant learning rate', 0.04, undefined, false),
});

export const scheduleInverseTime: ProjectTemplate = {
  id: 'l002-gradient-descent-step-size-inverse-time',
  label: 'ηₜ = η₀/(1 + t)',
  description: 'The rate shrinks every epoch: η = 0.1, 0.05, 0.033, … (the app shows half: its loss is twice J).',
  variantOf: 'l002-gradient-descent-step-size',
  lecture: { ...scheduleConstant.lecture!, checks: near523('η₀/(1 + t)') },
  build: scheduleProject('SGD with ηₜ = η₀/(1 + t)', 0.1, { type: 'inverseTime', decay: 1 }, false),
};

export const scheduleAveraged: ProjectTemplate = {
  id: 'l002-gradient-descent-step-size-averaged',
  label: 'Averaged SGD',
  description: 'Constant steps; the model is evaluated with the running mean of the weights.',
  variantOf: 'l002-gradient-descent-step-size',
  lecture: {
    ...scheduleConstant.lecture!,
    checks: [
      check('J = ½·MSE with the averaged weights, after 5 epochs', 0.125, { kind: 'loss', scale: 0.5 }, {
        afterSteps: STEPS_5_EPOCHS,
        tolerance: 0.01,
        origin: 'computed',
        note: 'The noise floor σ²/2 for σ = 0.5. The current (not averaged) weights at this constant η give about 0.14.',
      }),
    ],
  },
  build: scheduleProject('Averaged SGD', 0.1, undefined, true),
};
