/** Deck 000's convolution examples: the hand-set turn kernel on 3×3 images, then slid over a 4×4 image and pooled. */
import { LECTURE_TURN_KERNEL, TURN_IMAGES_3X3, TURN_IMAGE_4X4, TURN_QUESTION_IMAGE } from '../../lecture-data';
import { chainGraph, makeProject } from '../build';
import type { ProjectTemplate } from '../template-type';
import { check, DECK_000, lectureTemplate, output, withWeights } from './shared';

const kernelWeights = { kernel: { kernel: [[1, 1, 3, 3], LECTURE_TURN_KERNEL] as [number[], number[]] } };

export const turnDetector = lectureTemplate({
  id: 'l000-turn-detector',
  label: 'Turn Detector: one 3×3 kernel',
  description: "The slide's hand-set kernel scores four 3×3 images 3, 2, 1 and 1 (the slide prints 2 for the last one).",
  lecture: {
    example: 'L000-turn-detector',
    deck: DECK_000,
    explanation: [
      'A convolution kernel is a single neuron that looks at a small patch: it multiplies each pixel by the weight in the same place and adds everything up. No bias, no activation here.',
      'This kernel has +1 where the "turn" has ink and −1 around it, so the score is highest (3) when the patch is exactly the turn, and every stray pixel costs a point.',
      'The kernel is applied as the slide does it, without flipping it (cross-correlation, as deep-learning libraries do). A flipped, textbook convolution would score the first image −1.',
      'The slide prints 2 for the fourth image, but its own kernel and pixels give 1: the middle-left pixel lies under a −1 weight. The app shows 1.',
    ],
    tryThis: 'Open the Images tab to see the kernel and each image; edit a kernel weight and watch the scores move.',
    checkNumbers: [1, 2, 3, 4, 5],
    checks: [
      check('f(I1), the turn itself', 3, output('kernel', TURN_IMAGES_3X3[0]!), { origin: 'slide', tolerance: 0 }),
      check('f(I2)', 2, output('kernel', TURN_IMAGES_3X3[1]!), { origin: 'slide', tolerance: 0 }),
      check('f(I3)', 1, output('kernel', TURN_IMAGES_3X3[2]!), { origin: 'slide', tolerance: 0 }),
      check('f(I4)', 1, output('kernel', TURN_IMAGES_3X3[3]!), {
        origin: 'computed',
        tolerance: 0,
        slidePrints: 2,
        note: 'Erratum: the slide prints 2; its kernel and image give 1.',
      }),
      check("f(question slide's third image)", 2, output('kernel', TURN_QUESTION_IMAGE), {
        origin: 'computed',
        tolerance: 0,
        note: 'The question slide shows a different third image than the kernel slide.',
      }),
    ],
  },
  build: () =>
    withWeights(
      makeProject(
        'Turn detector (lecture)',
        chainGraph([
          ['x', 'input'],
          ['kernel', 'conv2d', { filters: 1, kernelSize: 3, useBias: false }],
          ['flat', 'flatten'],
          ['loss', 'mse', { target: 'labels' }],
        ]),
        { dataset: 'turnImages3x3', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.01 }, batchSize: 4, sampling: 'sequential', epochs: 1, seed: 1 },
      ),
      kernelWeights,
    ),
});

function convLayer(pool: 'maxPool2d' | 'avgPool2d'): () => ReturnType<ProjectTemplate['build']> {
  return () =>
    withWeights(
      makeProject(
        `Convolutional layer on a 4×4 image (${pool === 'maxPool2d' ? 'max' : 'average'} pooling)`,
        chainGraph([
          ['x', 'input'],
          ['kernel', 'conv2d', { filters: 1, kernelSize: 3, useBias: false }],
          ['pool', pool, { poolSize: 2 }],
          ['flat', 'flatten'],
          ['loss', 'mse', { target: 'labels' }],
        ]),
        { dataset: 'turnImage4x4', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.01 }, batchSize: 1, sampling: 'sequential', epochs: 1, seed: 1 },
      ),
      kernelWeights,
    );
}

const mapChecks = [
  check('top-left window', 3, output('kernel', TURN_IMAGE_4X4, 0), { origin: 'slide', tolerance: 0 }),
  check('top-right window', -3, output('kernel', TURN_IMAGE_4X4, 1), { origin: 'slide', tolerance: 0 }),
  check('bottom-left window', -1, output('kernel', TURN_IMAGE_4X4, 2), { origin: 'slide', tolerance: 0 }),
  check('bottom-right window', -4, output('kernel', TURN_IMAGE_4X4, 3), { origin: 'slide', tolerance: 0 }),
];

export const convLayer4x4 = lectureTemplate({
  id: 'l000-conv-layer-4x4',
  label: 'Convolutional Layer: the kernel over a 4×4 image, then pooling',
  description: 'The same 9 weights slide over every 3×3 window of a 4×4 image: feature map [[3, −3], [−1, −4]], then 2×2 max pooling keeps 3.',
  lecture: {
    example: 'L000-conv-layer-4x4',
    deck: DECK_000,
    explanation: [
      'A convolutional layer reuses one kernel at every position: the 4 outputs share the same 9 weights. Whatever the kernel detects, it finds wherever it sits in the image.',
      'A 3×3 window fits in 4 places of a 4×4 image (stride 1, no padding), so the feature map is 2×2. Only the top-left window holds the turn and scores 3; the others score −3, −1 and −4.',
      'Pooling then summarises the map: the 2×2 max keeps the strongest answer (3), the average gives −1.25. The pooling numbers are ours: the slide shows pooling only as a picture.',
    ],
    tryThis: 'Open the Images tab to see the feature map; switch to average pooling below to compare.',
    checkNumbers: [7, 11],
    checks: [...mapChecks, check('2×2 max-pool of the map', 3, output('pool', TURN_IMAGE_4X4), { origin: 'illustrative', tolerance: 1e-12 })],
  },
  build: convLayer('maxPool2d'),
});

export const convLayer4x4Average: ProjectTemplate = {
  id: 'l000-conv-layer-4x4-average',
  label: 'Convolutional layer with average pooling',
  description: 'The same feature map, pooled by its average: −1.25.',
  variantOf: 'l000-conv-layer-4x4',
  lecture: {
    ...convLayer4x4.lecture!,
    checks: [...mapChecks, check('2×2 average-pool of the map', -1.25, output('pool', TURN_IMAGE_4X4), { origin: 'illustrative', tolerance: 1e-6 })],
  },
  build: convLayer('avgPool2d'),
};
