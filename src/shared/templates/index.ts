/**
 * The New-project templates, as data. Each builds a fresh project that opens ready to train
 * with sensible settings. The ids are the ones the desktop menu uses (File › New).
 */
import type { Project } from '../project-types';
import { autoencoderTemplates } from './autoencoders';
import { chainGraph, makeProject } from './build';
import { cnnTemplates } from './cnn';
import { lessonTemplates } from './lessons';
import { lectureTemplates as workedExamples } from './lectures';
import { realDataTemplates } from './real-data';
import type { ProjectTemplate } from './template-type';

export type { ProjectTemplate } from './template-type';

const lectureTemplates: ProjectTemplate[] = [
  {
    id: 'perceptron-and',
    label: 'Perceptron Learns AND',
    description: "Rosenblatt's perceptron: one neuron with a step function learns the AND gate.",
    build: () =>
      makeProject(
        'AND perceptron (Rosenblatt)',
        chainGraph([
          ['x', 'input'],
          ['neuron', 'dense', { units: 1, init: 'zeros' }],
          ['out', 'step'],
          ['loss', 'mse', { target: 'labels' }],
        ]),
        { dataset: 'and', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, sampling: 'sequential', epochs: 20, seed: 1 },
      ),
  },
  {
    id: 'xor-mlp',
    label: 'XOR with a Hidden Layer',
    description: 'XOR is not linearly separable: a hidden layer of 4 tanh units solves it.',
    build: () =>
      makeProject(
        'XOR MLP',
        chainGraph([
          ['x', 'input'],
          ['hidden', 'dense', { units: 4 }],
          ['act', 'tanh'],
          ['logit', 'dense', { units: 1 }],
          ['p', 'sigmoid'],
          ['loss', 'binaryCrossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'xor', normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.5, momentum: 0.9 }, batchSize: 4, epochs: 500, seed: 1 },
      ),
  },
  {
    id: 'playground-circle',
    label: 'Playground: Circle',
    description: 'TensorFlow-Playground style: two tanh layers separate a disc from the ring around it.',
    build: () =>
      makeProject(
        'Playground circle',
        chainGraph([
          ['x', 'input'],
          ['h1', 'dense', { units: 8 }],
          ['a1', 'tanh'],
          ['h2', 'dense', { units: 8 }],
          ['a2', 'tanh'],
          ['logit', 'dense', { units: 1 }],
          ['p', 'sigmoid'],
          ['loss', 'binaryCrossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'circle', options: { n: 500, noise: 0 }, normalize: 'standard', split: { validation: 0.2, test: 0.2 } },
        { optimizer: { type: 'adam', learningRate: 0.03 }, batchSize: 10, epochs: 60, seed: 1 },
      ),
  },
  {
    id: 'spiral',
    label: 'Two Spirals',
    description: 'Two interleaved spirals: a deeper network (two layers of 12 tanh units, Adam) untangles them.',
    build: () =>
      makeProject(
        'Two spirals',
        chainGraph([
          ['x', 'input'],
          ['h1', 'dense', { units: 12 }],
          ['a1', 'tanh'],
          ['h2', 'dense', { units: 12 }],
          ['a2', 'tanh'],
          ['logit', 'dense', { units: 1 }],
          ['p', 'sigmoid'],
          ['loss', 'binaryCrossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'spiral', options: { n: 500, noise: 0 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
        { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 16, epochs: 300, seed: 1 },
      ),
  },
  {
    id: 'linear-regression',
    label: 'Linear Regression',
    description: 'One Dense unit and MSE recover y = 5 + 2·x₁ − 3·x₂ from noisy samples.',
    build: () =>
      makeProject(
        'Linear regression',
        chainGraph([
          ['x', 'input'],
          ['line', 'dense', { units: 1 }],
          ['loss', 'mse', { target: 'labels' }],
        ]),
        { dataset: 'linear', options: { n: 500, noise: 0.1 }, normalize: 'none', split: { validation: 0.2, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 32, epochs: 100, seed: 1 },
      ),
  },
];

/** In the order of the New menu. */
export const templates: readonly ProjectTemplate[] = [
  ...lectureTemplates.slice(0, 4),
  ...realDataTemplates,
  lectureTemplates[4]!,
  ...cnnTemplates,
  ...autoencoderTemplates,
];

export { lessonTemplates };

/** The lectures' worked examples with their variants (templates/lectures). */
export const workedExampleTemplates: readonly ProjectTemplate[] = workedExamples;

/** Every template: New ▾'s Templates, the Lectures group with its variants, then the Lessons. */
export const allTemplates: readonly ProjectTemplate[] = [...templates, ...workedExampleTemplates, ...lessonTemplates];

/** The templates New ▾ lists in its Lectures group (variants are reached from the lecture panel). */
export function lectureMenuTemplates(): ProjectTemplate[] {
  return workedExampleTemplates.filter((t) => !t.variantOf);
}

/** A lecture template and its variants, the main one first. */
export function lectureFamily(id: string): ProjectTemplate[] {
  const t = findTemplate(id);
  if (!t?.lecture) return [];
  const root = t.variantOf ?? t.id;
  return workedExampleTemplates.filter((x) => x.id === root || x.variantOf === root);
}

/** A template, a lecture (New ▾ › Lectures) or a lesson (New ▾ › Lessons) by id. */
export function findTemplate(id: string): ProjectTemplate | undefined {
  return allTemplates.find((t) => t.id === id);
}

/** A blank project: no nodes yet, a 2-D dataset chosen so the first network has data to learn. */
export function blankProject(name = 'Untitled'): Project {
  return makeProject(
    name,
    { nodes: [], edges: [] },
    { dataset: 'circle', options: { n: 500, noise: 0 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
    { optimizer: { type: 'adam', learningRate: 0.03 }, batchSize: 32, epochs: 100, seed: 1 },
  );
}

export { chainGraph, makeProject, CHAIN_SPACING, NODES_PER_ROW, type ChainLink } from './build';

export { compGraphTemplates, findCompGraphTemplate, blankCompGraph, BLANK_COMPGRAPH_ID, type CompGraphTemplate } from './compgraph';
export { compGraphLessonTemplates, findCompGraphLesson } from './compgraph-lessons';
