/** Every template as the text of a .bprop file, network or computational graph (for `bprop new` and the menus). */
import { serializeCompGraphProject } from '../compgraph/project-file';
import { serializeProject } from '../project';
import { compGraphTemplates } from './compgraph';
import { templates } from './index';

export function templateIds(): string[] {
  return [...templates.map((t) => t.id), ...compGraphTemplates.map((t) => t.id)];
}

/** The file a template writes, or undefined for an unknown id. */
export function templateFileText(id: string): string | undefined {
  const network = templates.find((t) => t.id === id);
  if (network) return serializeProject(network.build());
  const graph = compGraphTemplates.find((t) => t.id === id);
  return graph ? serializeCompGraphProject(graph.build()) : undefined;
}
