/**
 * The Lectures group of New ▾: one template per worked example of the lecture decks that the
 * app can express (../shared/lectures/worked-examples.md), each with its explanation and the
 * slides' numbers (see types.ts), plus variants the lecture panel offers (e.g. OR and XOR for
 * the perceptron rule). Ids are the worked examples' ids in lower case.
 */
import type { ProjectTemplate } from '../template-type';
import { denoisingAe, sparseKlAe, sparseL1Ae, undercompleteAe } from './autoencoders';
import { earlyStopping, kerasMlp, softmaxRegression } from './classifiers';
import { backprop221 } from './backprop';
import { convLayer4x4, convLayer4x4Average, turnDetector } from './cnn';
import { perceptronAnd, perceptronOr, perceptronXor, xorRelu, xorSigmoid } from './gates';
import { linearFullBatch, linearMiniBatch, linearStochastic, scheduleAveraged, scheduleConstant, scheduleInverseTime } from './regression';

export type { LectureCheck, LectureInfo, LectureMeasure, LectureOrigin } from './types';

/** The project remembers its lecture, so the explanation panel shows again when the file is reopened. */
function remembered(t: ProjectTemplate): ProjectTemplate {
  return { ...t, build: () => ({ ...t.build(), ui: { lecture: t.id } }) };
}

/** In the order of the decks. Variants follow the template they vary. */
export const lectureTemplates: readonly ProjectTemplate[] = [
  backprop221,
  turnDetector,
  convLayer4x4,
  convLayer4x4Average,
  kerasMlp,
  earlyStopping,
  undercompleteAe,
  sparseL1Ae,
  sparseKlAe,
  denoisingAe,
  linearFullBatch,
  linearMiniBatch,
  linearStochastic,
  scheduleConstant,
  scheduleInverseTime,
  scheduleAveraged,
  xorRelu,
  xorSigmoid,
  softmaxRegression,
  perceptronAnd,
  perceptronOr,
  perceptronXor,
].map(remembered);
