/** Reading and atomically writing .bprop files, and the Node data source they train from. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseProject, ProjectError, serializeProject } from '../shared/project';
import type { Project } from '../shared/project-types';
import type { DataSource } from '../engine/session';
import { nodeDatasetIO, readProjectCsv } from './node-io';

export async function readProjectFile(file: string): Promise<Project> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProjectError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(e)})`}`);
  }
  return parseProject(text, path.basename(file));
}

/** Writes to a temporary file beside the target, then renames it over: a crash never leaves half a file. */
export async function writeFileAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, contents, typeof contents === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function writeProjectFile(file: string, project: Project): Promise<void> {
  await writeFileAtomic(file, serializeProject(project));
}

/** Built-in datasets from resources/, CSVs relative to the project file. */
export function projectDataSource(projectFile: string): DataSource {
  return {
    ...nodeDatasetIO,
    readProjectCsv: (rel) => readProjectCsv(projectFile, rel),
  };
}
