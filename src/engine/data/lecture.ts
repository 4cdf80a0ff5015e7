/** The lectures' fixed little datasets (values in src/shared/lecture-data.ts) as engine datasets. */
import {
  LINEAR4_X, LINEAR4_Y, SOFTMAX_CLASS, SOFTMAX_SAMPLE, TRUTH_INPUTS, TRUTH_OUTPUTS, TURN_IMAGES_3X3, TURN_IMAGE_4X4, TURN_MAP_4X4, TURN_SCORES_3X3, type TruthGate,
} from '../../shared/lecture-data';
import type { Dataset } from './types';

export type LectureDatasetId = 'truthAnd' | 'truthOr' | 'truthXor' | 'turnImages3x3' | 'turnImage4x4' | 'linear4' | 'softmaxSample';

const pixelNames = (size: number) => Array.from({ length: size * size }, (_, i) => `pixel_${Math.floor(i / size)}_${i % size}`);

function truthTable(gate: TruthGate, name: string): Dataset {
  return {
    name,
    task: 'classification',
    n: 4,
    x: Float32Array.from(TRUTH_INPUTS.flat()),
    featureShape: [2],
    featureNames: ['x1', 'x2'],
    y: Float32Array.from(TRUTH_OUTPUTS[gate]),
    targetSize: 1,
    classNames: ['0', '1'],
  };
}

const builders: Record<LectureDatasetId, (name: string) => Dataset> = {
  truthAnd: (name) => truthTable('and', name),
  truthOr: (name) => truthTable('or', name),
  truthXor: (name) => truthTable('xor', name),
  turnImages3x3: (name) => ({
    name,
    task: 'regression',
    n: 4,
    x: Float32Array.from(TURN_IMAGES_3X3.flat()),
    featureShape: [1, 3, 3],
    featureNames: pixelNames(3),
    y: Float32Array.from(TURN_SCORES_3X3),
    targetSize: 1,
    description: "The turn detector slide's four 3×3 images I1…I4; the target is the kernel's score (3, 2, 1, 1).",
  }),
  turnImage4x4: (name) => ({
    name,
    task: 'regression',
    n: 1,
    x: Float32Array.from(TURN_IMAGE_4X4),
    featureShape: [1, 4, 4],
    featureNames: pixelNames(4),
    y: Float32Array.of(Math.max(...TURN_MAP_4X4)),
    targetSize: 1,
    description: 'The 4×4 image of "Scaling up to 4x4"; the target is the 2×2 max-pool of its feature map [[3, −3], [−1, −4]], i.e. 3.',
  }),
  linear4: (name) => ({
    name,
    task: 'regression',
    n: 4,
    x: Float32Array.from(LINEAR4_X.flat()),
    featureShape: [2],
    featureNames: ['x1', 'x2'],
    y: Float32Array.from(LINEAR4_Y),
    targetSize: 1,
  }),
  softmaxSample: (name) => ({
    name,
    task: 'classification',
    n: 1,
    x: Float32Array.from(SOFTMAX_SAMPLE),
    featureShape: [2],
    featureNames: ['phi1', 'phi2'],
    y: Float32Array.of(SOFTMAX_CLASS),
    targetSize: 1,
    classNames: ['class 1', 'class 2', 'class 3'],
  }),
};

export function isLectureDataset(id: string): id is LectureDatasetId {
  return Object.hasOwn(builders, id);
}

export function lectureDataset(id: LectureDatasetId, name: string): Dataset {
  return builders[id](name);
}
