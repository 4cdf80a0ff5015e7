/**
 * The model's metadata_props: what a reader needs to use the model (project, classes, features,
 * normalisation) and, under `backprop.*`, what our import needs to rebuild the same project
 * (data and training settings, the loss nodes, node labels and positions).
 */
import type { ModelPlan, ModelSource } from '../source';

export const META = {
  project: 'project',
  task: 'task',
  classes: 'classes',
  features: 'features',
  normalization: 'normalization',
  data: 'backprop.data',
  training: 'backprop.training',
  losses: 'backprop.losses',
  layout: 'backprop.layout',
  inputNode: 'backprop.input',
} as const;

/** A loss node as the import restores it: its type, params and the node it reads. */
export interface SavedLoss {
  id: string;
  type: string;
  params: Record<string, unknown>;
  input: string;
}

/** Each node's type, params, label and position, so the project is the same after a round trip. */
export type SavedLayout = Record<string, { x: number; y: number; label?: string; type?: string; params?: Record<string, unknown> }>;

export function exportMetadata(source: ModelSource, plan: ModelPlan): { key: string; value: string }[] {
  const { project } = source;
  const losses: SavedLoss[] = plan.losses.map((l) => ({ id: l.id, type: l.type, params: l.params, input: l.inputs[0]! }));
  const layout: SavedLayout = {};
  for (const n of project.graph.nodes) layout[n.id] = { ...n.position, ...(n.label ? { label: n.label } : {}), type: n.type, params: n.params };
  const entries: [string, string][] = [
    [META.project, project.name],
    [META.task, source.task],
    ...(source.classNames ? [[META.classes, JSON.stringify(source.classNames)] as [string, string]] : []),
    [META.features, JSON.stringify(source.featureNames)],
    [META.normalization, source.normalizer.mode === 'none' ? 'none' : `${source.normalizer.mode}, in the model's first nodes (the model takes raw features)`],
    [META.data, JSON.stringify(project.data)],
    [META.training, JSON.stringify(project.training)],
    [META.losses, JSON.stringify(losses)],
    [META.layout, JSON.stringify(layout)],
    [META.inputNode, plan.layers.find((n) => n.type === 'input')!.id],
  ];
  return entries.map(([key, value]) => ({ key, value }));
}
