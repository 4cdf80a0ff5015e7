/**
 * The built-in datasets as data: ids, labels, options, shapes and licences. The dataset picker,
 * shape inference in the editor, ONNX import and the engine's loaders all read this one list.
 */
import type { Task } from '../project-types';
import { DataError } from './data-error';

/** What graph shape inference needs to know about the data (see ShapeContext in shared/nodes). */
export interface ShapeInfo {
  dataShape: number[];
  /** 0 for regression. */
  numClasses: number;
  task: Task;
  targetSize: number;
}

export interface DatasetOptionSpec {
  name: string;
  label: string;
  default: number;
  min: number;
  max: number;
  /** Only whole numbers are accepted. */
  integer: boolean;
  /** An on/off choice, stored as 1 or 0 in the project: the form shows a checkbox. */
  flag?: true;
  help: string;
}

export interface BuiltinDatasetInfo {
  id: string;
  label: string;
  task: Task;
  /** One or two sentences for the picker. */
  description: string;
  kind: 'gate' | 'generated' | 'real';
  options: DatasetOptionSpec[];
  /** Shape of one sample with the default options (digits with `image: 1` is [1, 8, 8]; MNIST [1, 28, 28]). */
  featureShape: number[];
  /** 0 for regression. */
  numClasses: number;
  targetSize: number;
  /** Licence of the shipped data file(s); generated data have none. */
  licence?: string;
  /** Who made the data, for the attribution line. */
  source?: string;
  /** Number of samples of a fixed dataset without an `n` option (e.g. `turns`). */
  rows?: number;
}

const nOption = (defaultN = 500): DatasetOptionSpec => ({
  name: 'n',
  label: 'Samples',
  default: defaultN,
  min: 4,
  max: 10000,
  integer: true,
  help: 'Number of points to generate.',
});

const noiseOption = (defaultNoise: number, max: number, help: string): DatasetOptionSpec => ({
  name: 'noise',
  label: 'Noise',
  default: defaultNoise,
  min: 0,
  max,
  integer: false,
  help,
});

const PLAYGROUND_NOISE = 'Random shift (as a fraction of the plot radius 5) of the point that decides the label, as in TensorFlow Playground.';

function gate(id: 'and' | 'or' | 'xor', label: string, rule: string): BuiltinDatasetInfo {
  return {
    id,
    label,
    task: 'classification',
    description: `The four points (0,0), (0,1), (1,0), (1,1); class 1 where ${rule}. Too few to hold out a validation set at the usual fractions, so all four are trained on.`,
    kind: 'gate',
    options: [],
    featureShape: [2],
    numClasses: 2,
    targetSize: 1,
  };
}

function generated(id: string, label: string, description: string, noise: DatasetOptionSpec): BuiltinDatasetInfo {
  return { id, label, task: 'classification', description, kind: 'generated', options: [nOption(), noise], featureShape: [2], numClasses: 2, targetSize: 1 };
}

const CC_BY = 'CC BY 4.0';

/** A fixed little dataset of a lecture's worked example (src/engine/data/lecture.ts). */
function lecture(id: string, label: string, description: string, task: 'classification' | 'regression', featureShape: number[], numClasses: number, targetSize: number, rows: number): BuiltinDatasetInfo {
  return { id, label, task, description, kind: 'generated', options: [], featureShape, numClasses, targetSize, rows };
}

/** The lectures' own data, in the slides' order (see docs/teaching.md). */
const lectureDatasets: BuiltinDatasetInfo[] = [
  lecture('truthAnd', 'AND truth table (lecture order)', 'The AND gate in the order the perceptron slides present it: (0,0), (1,0), (0,1), (1,1).', 'classification', [2], 2, 1, 4),
  lecture('truthOr', 'OR truth table (lecture order)', 'The OR gate in the order the perceptron slides present it: (0,0), (1,0), (0,1), (1,1).', 'classification', [2], 2, 1, 4),
  lecture('truthXor', 'XOR truth table (lecture order)', 'The XOR gate in the order the perceptron slides present it: (0,0), (1,0), (0,1), (1,1).', 'classification', [2], 2, 1, 4),
  lecture('turnImages3x3', 'Turn detector: four 3×3 images', "The turn detector slide's four 3×3 black-and-white images; the target is the hand-set kernel's score on each.", 'regression', [1, 3, 3], 0, 1, 4),
  lecture('turnImage4x4', 'Turn detector: the 4×4 image', 'The 4×4 image the lecture slides the turn kernel over; the target is the max-pool of the 2×2 feature map it gives (3).', 'regression', [1, 4, 4], 0, 1, 1),
  lecture('linear4', 'Linear regression: 4 points', 'Four noise-free points of y = 5 + 2·x₁ − 3·x₂ at the corners of the unit square.', 'regression', [2], 0, 1, 4),
  lecture('softmaxSample', 'Softmax regression: one sample', 'One sample φ = (1, 2) of class 2 of 3, for one step of softmax regression by hand.', 'classification', [2], 3, 1, 1),
];

export const builtinDatasets: readonly BuiltinDatasetInfo[] = [
  gate('and', 'AND gate', 'both inputs are 1'),
  gate('or', 'OR gate', 'at least one input is 1'),
  gate('xor', 'XOR gate', 'exactly one input is 1 (not linearly separable)'),
  generated('circle', 'Circle', 'Points inside radius 2.5 (class inside) against a ring from 3.5 to 5 (class outside).', noiseOption(0, 1, PLAYGROUND_NOISE)),
  generated('quadrants', 'Quadrants (XOR)', 'Points in [−5, 5]², class by the sign of x·y: the continuous XOR problem.', noiseOption(0, 1, PLAYGROUND_NOISE)),
  generated(
    'gaussian',
    'Two Gaussians',
    'Two blobs centred at (2, 2) and (−2, −2); more noise widens them until they overlap.',
    noiseOption(0.1, 1, 'Spread of the blobs: variance 0.5 + 7·noise (TensorFlow Playground\'s scale).'),
  ),
  generated('spiral', 'Spiral', 'Two interleaved spirals: hard for a small network without extra features.', noiseOption(0, 1, 'Uniform jitter of each coordinate, in ±noise.')),
  generated('moons', 'Two moons', 'Two interleaving half circles, as scikit-learn\'s make_moons.', noiseOption(0.1, 1, 'Standard deviation of the Gaussian noise added to each coordinate.')),
  {
    id: 'turns',
    label: 'Turns (4×4 images)',
    task: 'classification',
    description:
      'The turn detector\'s 24 tiny 1×4×4 images: a stroke that turns from right to down (┐, class turn) at each of its 4 places, the other three corners and straight lines (no turn). Pixels are 0 or 1.',
    kind: 'generated',
    options: [],
    featureShape: [1, 4, 4],
    numClasses: 2,
    targetSize: 1,
    rows: 24,
  },
  {
    id: 'linear',
    label: 'Linear regression',
    task: 'regression',
    description: 'y = 5 + 2·x₁ − 3·x₂ + noise, with x uniform in [−1, 1]²: a linear model can recover the coefficients.',
    kind: 'generated',
    options: [nOption(), noiseOption(0.1, 10, 'Standard deviation of the Gaussian noise added to y.')],
    featureShape: [2],
    numClasses: 0,
    targetSize: 1,
  },
  {
    id: 'iris',
    label: 'Iris',
    task: 'classification',
    description: "Fisher's iris flowers: 150 samples, 4 measurements (cm), 3 species of 50 each.",
    kind: 'real',
    options: [],
    featureShape: [4],
    numClasses: 3,
    targetSize: 1,
    licence: CC_BY,
    source: 'R. A. Fisher (1936); UCI Machine Learning Repository',
  },
  {
    id: 'breastCancer',
    label: 'Breast cancer (Wisconsin)',
    task: 'classification',
    description: '569 tumours, 30 measurements of cell nuclei (mean, error, worst); malignant (212) or benign (357).',
    kind: 'real',
    options: [],
    featureShape: [30],
    numClasses: 2,
    targetSize: 1,
    licence: CC_BY,
    source: 'Wolberg, Mangasarian, Street & Street (1995); UCI Machine Learning Repository',
  },
  {
    id: 'wine',
    label: 'Wine',
    task: 'classification',
    description: '178 wines from three cultivars, 13 chemical measurements.',
    kind: 'real',
    options: [],
    featureShape: [13],
    numClasses: 3,
    targetSize: 1,
    licence: CC_BY,
    source: 'Aeberhard & Forina (1992); UCI Machine Learning Repository',
  },
  {
    id: 'digits',
    label: 'Digits (8×8)',
    task: 'classification',
    description: '1797 handwritten digits as 8×8 images with pixel values 0..16; 10 classes.',
    kind: 'real',
    options: [
      { name: 'image', label: 'As 1×8×8 images', default: 0, min: 0, max: 1, integer: true, flag: true, help: 'For convolutions: each sample is a 1×8×8 image. Off: 64 flat features.' },
    ],
    featureShape: [64],
    numClasses: 10,
    targetSize: 1,
    licence: CC_BY,
    source: 'Alpaydin & Kaynak (1998); UCI Machine Learning Repository, via scikit-learn',
  },
  {
    id: 'mnist',
    label: 'MNIST digits (28×28)',
    task: 'classification',
    description:
      'Handwritten digits 0–9 as 1×28×28 grey images, pixels scaled to [0, 1]: 6000 training and 1000 test images (every 10th of the originals). The 1000 test images are always the test set.',
    kind: 'real',
    options: [],
    featureShape: [1, 28, 28],
    numClasses: 10,
    targetSize: 1,
    licence: 'CC BY-SA 3.0',
    source: 'Y. LeCun, C. Cortes & C. J. C. Burges, The MNIST database (subset: every 10th image)',
  },
  {
    id: 'fashionMnist',
    label: 'Fashion-MNIST (28×28)',
    task: 'classification',
    description:
      'Zalando article photos in 10 classes (T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot) as 1×28×28 grey images, pixels in [0, 1]: 6000 training and 1000 test images. Harder than MNIST.',
    kind: 'real',
    options: [],
    featureShape: [1, 28, 28],
    numClasses: 10,
    targetSize: 1,
    licence: 'MIT, © 2017 Zalando SE',
    source: 'H. Xiao, K. Rasul & R. Vollgraf (2017), Fashion-MNIST (subset: every 10th image)',
  },
  {
    id: 'sonar',
    label: 'Sonar (mines vs. rocks)',
    task: 'classification',
    description: '208 sonar returns, energies in 60 frequency bands; rock (97) or metal cylinder (mine, 111).',
    kind: 'real',
    options: [],
    featureShape: [60],
    numClasses: 2,
    targetSize: 1,
    licence: CC_BY,
    source: 'Sejnowski & Gorman (1988); UCI Machine Learning Repository, via R package mlbench',
  },
  {
    id: 'concrete',
    label: 'Concrete strength',
    task: 'regression',
    description: '1030 concrete mixtures: 7 ingredients (kg/m³) and age (days); predict compressive strength (MPa).',
    kind: 'real',
    options: [],
    featureShape: [8],
    numClasses: 0,
    targetSize: 1,
    licence: CC_BY,
    source: 'I-C. Yeh (1998); UCI Machine Learning Repository, via R package modeldata',
  },
  {
    id: 'diabetes',
    label: 'Diabetes progression',
    task: 'regression',
    description: '442 patients, 10 baseline measurements (raw units); predict disease progression after one year.',
    kind: 'real',
    options: [],
    featureShape: [10],
    numClasses: 0,
    targetSize: 1,
    licence: 'BSD-3-Clause (as redistributed by scikit-learn)',
    source: 'Efron, Hastie, Johnstone & Tibshirani (2004)',
  },
  {
    id: 'penguins',
    label: 'Palmer penguins',
    task: 'classification',
    description: 'Species (Adelie, Chinstrap, Gentoo) from bill length and depth, flipper length and body mass. The 2 of 344 rows without measurements are dropped, leaving 342.',
    kind: 'real',
    options: [],
    featureShape: [4],
    numClasses: 3,
    targetSize: 1,
    licence: 'CC0',
    source: 'Horst, Hill & Gorman (2020); Gorman, Williams & Fraser (2014)',
  },
  ...lectureDatasets,
  // Last, and skipped by ONNX import's dataset guess (rows: 1): an imported model never lands on one sample.
  {
    id: 'sample-221',
    label: 'One sample (x = (1, 2), y = 1)',
    task: 'regression',
    description:
      'The single training example of the lectures\' 2-2-1 network worked by hand: inputs x₁ = 1, x₂ = 2 and target 1. For stepping through one backprop step.',
    kind: 'generated',
    options: [],
    featureShape: [2],
    numClasses: 0,
    targetSize: 1,
    rows: 1,
  },
  {
    id: 'sample-layer',
    label: 'One sample, two targets (x = (1, 0.5), y = (1, 0))',
    task: 'regression',
    description:
      'The sample of the two-neuron sigmoid layer computational graph: inputs x₁ = 1, x₂ = 0.5 and one target per neuron, (1, 0). "Open as network" trains the layer on it.',
    kind: 'generated',
    options: [],
    featureShape: [2],
    numClasses: 0,
    targetSize: 2,
    rows: 1,
  },
];

export function findBuiltinDataset(id: string): BuiltinDatasetInfo | undefined {
  return builtinDatasets.find((d) => d.id === id);
}

/** The dataset `id`, or a DataError listing the built-in ones. */
export function requireBuiltinDataset(id: string): BuiltinDatasetInfo {
  const info = findBuiltinDataset(id);
  if (!info) {
    throw new DataError(`Unknown dataset '${id}'. Built-in datasets: ${builtinDatasets.map((d) => d.id).join(', ')}`);
  }
  return info;
}

/** Every option of the dataset with its value (given or default); throws a DataError for a bad option. */
export function resolveDatasetOptions(id: string, options: Record<string, number> | undefined): Record<string, number> {
  const info = requireBuiltinDataset(id);
  const resolved: Record<string, number> = {};
  for (const spec of info.options) resolved[spec.name] = spec.default;
  for (const [name, value] of Object.entries(options ?? {})) {
    const spec = info.options.find((o) => o.name === name);
    if (!spec) {
      const known = info.options.length ? `its options are: ${info.options.map((o) => o.name).join(', ')}` : 'it has no options';
      throw new DataError(`Dataset '${id}' has no option '${name}' (${known})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw new DataError(`Dataset '${id}': option '${name}' must be between ${spec.min} and ${spec.max}, got ${String(value)}`);
    }
    if (spec.integer && !Number.isInteger(value)) {
      throw new DataError(`Dataset '${id}': option '${name}' must be a whole number, got ${value}`);
    }
    resolved[name] = value;
  }
  return resolved;
}

/**
 * Shape information of a built-in dataset without loading it, for graph shape inference
 * while the data is still loading (or before the user trains).
 */
export function builtinShapeInfo(id: string, options?: Record<string, number>): ShapeInfo {
  const info = requireBuiltinDataset(id);
  const resolved = resolveDatasetOptions(id, options);
  const dataShape = id === 'digits' && resolved.image === 1 ? [1, 8, 8] : [...info.featureShape];
  return { dataShape, numClasses: info.numClasses, task: info.task, targetSize: info.targetSize };
}
