/** The lectures' fixed little datasets (values in src/shared/lecture-data.ts) as engine datasets. */
import {
  LINEAR4_X, LINEAR4_Y, SOFTMAX_CLASS, SOFTMAX_SAMPLE, TRUTH_INPUTS, TRUTH_OUTPUTS, TURN_IMAGES_3X3, TURN_IMAGE_4X4, TURN_MAP_4X4, TURN_SCORES_3X3, type TruthGate,
} from '../../shared/lecture-data';
import type { Dataset } from './types';

export type LectureDatasetId = 'truthAnd' | 'truthOr' | 'truthXor' | 'turnImages3x3' | 'turnImage4x4' | 'linear4' | 'softmaxSample';

const pixelNames = (size: number) => Array.from({ length: size * size }, (_, i) => `pixel_${Math.floor(i / size)}_${i % size}`);

/** A dataset of `rows` (one array of feature values each) with one target value per row (or `targetSize`). */
function fixed(name: string, task: Dataset['task'], rows: readonly (readonly number[])[], featureShape: number[], featureNames: string[], y: readonly number[], extra: Partial<Dataset> = {}): Dataset {
  return { name, task, n: rows.length, x: Float32Array.from(rows.flat()), featureShape, featureNames, y: Float32Array.from(y), targetSize: 1, ...extra };
}

const truthTable = (gate: TruthGate, name: string): Dataset => fixed(name, 'classification', TRUTH_INPUTS, [2], ['x1', 'x2'], TRUTH_OUTPUTS[gate], { classNames: ['0', '1'] });

const builders: Record<LectureDatasetId, (name: string) => Dataset> = {
  truthAnd: (name) => truthTable('and', name),
  truthOr: (name) => truthTable('or', name),
  truthXor: (name) => truthTable('xor', name),
  turnImages3x3: (name) =>
    fixed(name, 'regression', TURN_IMAGES_3X3, [1, 3, 3], pixelNames(3), TURN_SCORES_3X3, {
      description: "The turn detector slide's four 3×3 images I1…I4; the target is the kernel's score (3, 2, 1, 1).",
    }),
  turnImage4x4: (name) =>
    fixed(name, 'regression', [TURN_IMAGE_4X4], [1, 4, 4], pixelNames(4), [Math.max(...TURN_MAP_4X4)], {
      description: 'The 4×4 image of "Scaling up to 4x4"; the target is the 2×2 max-pool of its feature map [[3, −3], [−1, −4]], i.e. 3.',
    }),
  linear4: (name) => fixed(name, 'regression', LINEAR4_X, [2], ['x1', 'x2'], LINEAR4_Y),
  softmaxSample: (name) => fixed(name, 'classification', [SOFTMAX_SAMPLE], [2], ['phi1', 'phi2'], [SOFTMAX_CLASS], { classNames: ['class 1', 'class 2', 'class 3'] }),
};

export function isLectureDataset(id: string): id is LectureDatasetId {
  return Object.hasOwn(builders, id);
}

export function lectureDataset(id: LectureDatasetId, name: string): Dataset {
  return builders[id](name);
}
