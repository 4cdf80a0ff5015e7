/** Helpers for the lecture templates. */
import { encodeTensor } from '../../project';
import type { Project } from '../../project-types';
import type { ProjectTemplate } from '../template-type';
import type { LectureCheck, LectureInfo, LectureMeasure } from './types';

export const DECK_000 = 'Deck 000 · Machine Learning – 4A: Neural Networks';
export const DECK_001 = 'Deck 001 · Introduction to Neural Networks, Back propagation principle';
export const DECK_002 = 'Deck 002 · Neural Networks (Network Data Analysis)';
export const DECK_003 = 'Deck 003 · Introduction to Artificial Neural Networks: Multiclass logistic classification';
export const DECK_004 = 'Deck 004 · Introduction to Machine Learning: Neural Networks';

/** A lecture template: in the Lectures group of New ▾ unless it is a variant of another. */
export function lectureTemplate(t: Omit<ProjectTemplate, 'group'> & { lecture: LectureInfo }): ProjectTemplate {
  return { ...t, group: 'lectures' };
}

/** Sets hand-chosen weights: node id → param name → [shape, values]. */
export function withWeights(project: Project, weights: Record<string, Record<string, [number[], number[]]>>): Project {
  project.weights = Object.fromEntries(
    Object.entries(weights).map(([node, params]) => [node, Object.fromEntries(Object.entries(params).map(([name, [shape, values]]) => [name, encodeTensor(shape, Float32Array.from(values))]))]),
  );
  return project;
}

type CheckOptions = Partial<Omit<LectureCheck, 'label' | 'expected' | 'measure'>>;

export function check(label: string, expected: number, measure: LectureMeasure, options: CheckOptions = {}): LectureCheck {
  return { label, expected, measure, tolerance: options.tolerance ?? 1e-6, origin: options.origin ?? 'illustrative', ...options };
}

/** The output `index` of node `nodeId` for one input. */
export const output = (nodeId: string, input: number[], index = 0): LectureMeasure => ({ kind: 'output', nodeId, input, index });
export const weight = (nodeId: string, param: string, index: number, scale?: number): LectureMeasure => ({ kind: 'weight', nodeId, param, index, ...(scale === undefined ? {} : { scale }) });
