/**
 * What every export reads: the project (graph, data and training settings), the weights the
 * model has now (trained, or initialised from the seed), and what the data taught the model
 * about its inputs (normalisation statistics of the training split, feature and class names).
 * Built from a compiled model and its prepared data in the CLI and the engine host alike.
 */
import { validateGraph, type ResolvedNode } from '../shared/graph';
import type { Project, Task } from '../shared/project-types';
import type { PreparedData, Normalizer } from '../engine/data/types';
import type { Model } from '../engine/model';
import type { WeightMap } from '../engine/tensor';
import { weightMapOf } from '../engine/session';

export { identifier } from './names';

export interface ModelSource {
  project: Project;
  /** node id → param name → tensor, for every trainable parameter of the graph. */
  weights: WeightMap;
  /** x' = (x − offset)·scale per feature, fitted on the training split. */
  normalizer: Normalizer;
  /** One sample's features: [F] or [C, H, W]. */
  featureShape: number[];
  featureNames: string[];
  classNames?: string[];
  task: Task;
  /** 0 for regression. */
  numClasses: number;
  targetSize: number;
  /** Names the model's input: the built-in dataset's id or the CSV's file name without extension. */
  dataName: string;
}

export function modelSourceOf(project: Project, data: PreparedData, model: Model): ModelSource {
  return {
    project,
    weights: weightMapOf(model),
    normalizer: data.normalizer,
    featureShape: [...data.featureShape],
    featureNames: [...data.dataset.featureNames],
    ...(data.dataset.classNames ? { classNames: [...data.dataset.classNames] } : {}),
    task: data.task,
    numClasses: data.numClasses,
    targetSize: data.targetSize,
    dataName: dataNameOf(project),
  };
}

function dataNameOf(project: Project): string {
  const data = project.data;
  if ('dataset' in data) return data.dataset;
  const file = data.csv.split(/[\\/]/).pop() ?? data.csv;
  return file.replace(/\.[^.]+$/, '');
}

/** The graph in evaluation order, split into the model's layers and its loss nodes. */
export interface ModelPlan {
  /** Every non-loss node in topological order (the input first). */
  layers: ResolvedNode[];
  losses: ResolvedNode[];
  /** Ids of the nodes whose values the losses read (the model's outputs), first use first, no repeats. */
  outputs: string[];
  byId: Map<string, ResolvedNode>;
}

/** Validates the graph against the source's data (a GraphError names every node at fault) and orders it. */
export function planModel(source: ModelSource): ModelPlan {
  const analysis = validateGraph(source.project.graph, {
    dataShape: source.featureShape,
    numClasses: source.numClasses,
    task: source.task,
    targetSize: source.targetSize,
  });
  const layers = analysis.order.filter((n) => !n.spec.loss);
  const losses = analysis.order.filter((n) => n.spec.loss);
  const outputs: string[] = [];
  for (const loss of losses) if (!outputs.includes(loss.inputs[0]!)) outputs.push(loss.inputs[0]!);
  if (outputs.length === 0) {
    // No loss yet: the model's outputs are the nodes nothing reads.
    for (const n of layers) if (n.consumers.length === 0) outputs.push(n.id);
  }
  return { layers, losses, outputs, byId: analysis.byId };
}
