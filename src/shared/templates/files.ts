/** Every template as the text of a .bprop file, network or computational graph (for `bprop new` and the menus). */
import { serializeCompGraphProject } from '../compgraph/project-file';
import { serializeProject } from '../project';
import { compGraphTemplates, type CompGraphTemplate } from './compgraph';
import { compGraphLessonTemplates } from './compgraph-lessons';
import { allTemplates } from './index';

/** Computational-graph templates (New ▾ › Computational graphs) and their lessons, with their group. */
export const graphTemplates: readonly { template: CompGraphTemplate; group: 'graphs' | 'lessons' }[] = [
  ...compGraphTemplates.map((template) => ({ template, group: 'graphs' as const })),
  ...compGraphLessonTemplates.map((template) => ({ template, group: 'lessons' as const })),
];

export function findGraphTemplate(id: string): CompGraphTemplate | undefined {
  return graphTemplates.find((g) => g.template.id === id)?.template;
}

export function templateIds(): string[] {
  return [...allTemplates.map((t) => t.id), ...graphTemplates.map((g) => g.template.id)];
}

/** The file a template writes, or undefined for an unknown id. */
export function templateFileText(id: string): string | undefined {
  const network = allTemplates.find((t) => t.id === id);
  if (network) return serializeProject(network.build());
  const graph = findGraphTemplate(id);
  return graph ? serializeCompGraphProject(graph.build()) : undefined;
}
