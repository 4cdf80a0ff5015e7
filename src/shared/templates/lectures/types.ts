/**
 * What a lecture template carries besides its project: the worked example it reproduces
 * (../shared/lectures/worked-examples.md), a short explanation in our own words, and the
 * numbers to show beside the app's, each with how the app measures it. The lecture panel
 * (renderer) and the lecture tests (test/engine/lectures) read the same checks.
 */

import type { SurfacePathSpec, WeightRef } from '../../protocol-surface';

/** How the app measures a number; every measure reads the loaded model through the engine. */
export type LectureMeasure =
  /** A forward pass (evaluation mode) of one raw input; the output's `index`th value (default 0), or the sum of the outputs. */
  | { kind: 'output'; nodeId: string; input: number[]; index?: number; sum?: true }
  /** One value of a parameter tensor (row-major), times `scale` (e.g. −1 to read a bias as a threshold T). */
  | { kind: 'weight'; nodeId: string; param: string; index: number; scale?: number }
  /** The training split's loss in evaluation mode, times `scale` (½ turns the app's mean (y − ŷ)² into the slides' J). */
  | { kind: 'loss'; scale?: number }
  /** Trainable parameters of the model. */
  | { kind: 'params' }
  /** Training steps of the run so far whose batch loss was not zero: a perceptron's updates. */
  | { kind: 'updates' }
  /** The first epoch with zero training loss (0: none yet). */
  | { kind: 'firstPerfectEpoch' }
  /** Epochs with zero training loss so far. */
  | { kind: 'perfectEpochs' };

export type LectureOrigin = 'slide' | 'computed' | 'illustrative';

export interface LectureCheck {
  label: string;
  /** What the app should show (the right value: the slide's when the slide is right). */
  expected: number;
  /** The value the slide prints when it differs from `expected` (an erratum). */
  slidePrints?: number;
  /** Absolute tolerance, as listed in the worked examples' checks. */
  tolerance: number;
  /** Printed on a slide, computed from a slide's data, or an illustrative instance (not on a slide). */
  origin: LectureOrigin;
  measure: LectureMeasure;
  /** The number holds after this many training steps from the template's start (default 0: as it opens). */
  afterSteps?: number;
  /** A word on an erratum or a convention. */
  note?: string;
}

export interface LectureInfo {
  /** The worked example's id, e.g. 'L000-turn-detector'. */
  example: string;
  /** "Deck 000 · Machine Learning – 4A: Neural Networks" */
  deck: string;
  /** A few short paragraphs in our own words. */
  explanation: string[];
  /** What to press to see it happen. */
  tryThis?: string;
  checks: LectureCheck[];
  /** The worked examples' check numbers these checks reproduce (e.g. [1, 2, 3, 4]). */
  checkNumbers?: number[];
  /** Show the per-sample table of the perceptron rule (x, y, ŷ, Δw, weights after) while stepping. */
  perceptronTable?: { dense: string; output: string };
  /** Offer the loss surface over two weights with these optimiser paths side by side. */
  surface?: { weights: [WeightRef, WeightRef]; labels: [string, string]; paths: SurfacePathSpec[] };
}
