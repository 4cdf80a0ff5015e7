/**
 * The small fixed data of the lectures' worked examples (../shared/lectures/worked-examples.md),
 * as plain numbers: the engine turns them into datasets (src/engine/data/lecture.ts) and the
 * lecture templates use them for their checks. Row orders are the slides' (truth-table order
 * (0,0), (1,0), (0,1), (1,1), as deck 004 prints it), because the perceptron's number of
 * updates depends on the order the samples come in.
 */

/** The turn detector's kernel (deck 000), row by row: cross-correlation, no flip, no bias. */
export const LECTURE_TURN_KERNEL = [-1, -1, -1, -1, 1, 1, -1, 1, -1];

/** The four 3×3 images of the "Kernel (manually defined)" slide, I1…I4, row by row. */
export const TURN_IMAGES_3X3 = [
  [0, 0, 0, 0, 1, 1, 0, 1, 0],
  [0, 0, 0, 0, 1, 1, 0, 1, 1],
  [0, 1, 0, 1, 1, 1, 0, 1, 0],
  [0, 0, 0, 1, 1, 0, 0, 1, 0],
];
/** What the kernel gives on I1…I4 (I4: 1, where the slide prints 2). */
export const TURN_SCORES_3X3 = [3, 2, 1, 1];
/** The question slide's third image, which differs from the kernel slide's I3. */
export const TURN_QUESTION_IMAGE = [0, 1, 0, 0, 1, 1, 0, 1, 0];

/** The 4×4 image of "Scaling up to 4x4", row by row. */
export const TURN_IMAGE_4X4 = [0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1];
/** Its valid, stride-1 feature map [[3, −3], [−1, −4]], row by row. */
export const TURN_MAP_4X4 = [3, -3, -1, -4];

/** Truth-table inputs in the slides' order. */
export const TRUTH_INPUTS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
];
export const TRUTH_OUTPUTS = { and: [0, 0, 0, 1], or: [0, 1, 1, 1], xor: [0, 1, 1, 0] } as const;
export type TruthGate = keyof typeof TRUTH_OUTPUTS;

/** L002-minibatch-convergence-5-2-3's noise-free 4-point set: y = 5 + 2·x₁ − 3·x₂. */
export const LINEAR4_X = TRUTH_INPUTS;
export const LINEAR4_Y = [5, 7, 2, 4];

/** L003-multiclass-logistic-regression: one sample φ = (1, 2) (the bias component 1 is the layer's bias), true class 2 of 3. */
export const SOFTMAX_SAMPLE = [1, 2];
export const SOFTMAX_CLASS = 1; // 0-based: class 2
/** W as on the worked example, rows = φ components (φ₁, φ₂, bias), columns = classes. */
export const SOFTMAX_W = [
  [0.1, -0.2, 0.3],
  [0.0, 0.1, -0.1],
  [0.2, 0.0, -0.2],
];
