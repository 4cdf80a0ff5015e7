/** Reading a .bprop file of either kind: a network project or a computational graph. */
import { checkHeader, migrateProject, parseProjectJson, validateProject } from '../project';
import { ProjectError, type Json } from '../project-fields';
import type { Project } from '../project-types';
import { isCompGraphJson, validateCompGraphProject } from './project-file';
import type { CompGraphProject } from './types';

export type AnyProject = { kind: 'network'; project: Project } | { kind: 'computationalGraph'; project: CompGraphProject };

export function parseAnyProject(text: string, fileName?: string): AnyProject {
  const value = parseProjectJson(text, fileName);
  if (!isCompGraphJson(value)) return { kind: 'network', project: validateProject(value, fileName) };
  let migrated: Json;
  try {
    migrated = migrateProject(checkHeader(value)) as Json;
  } catch (err) {
    if (err instanceof ProjectError && fileName) throw new ProjectError(`${fileName}: ${err.message}`, err.path);
    throw err;
  }
  return { kind: 'computationalGraph', project: validateCompGraphProject(migrated, fileName) };
}
