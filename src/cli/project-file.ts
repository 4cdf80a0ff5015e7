/** Reading and writing .bprop files for the CLI, and the Node data source they train from. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseProject, ProjectError, serializeProject } from '../shared/project';
import type { Project } from '../shared/project-types';
import type { DataSource } from '../engine/session';
import { DataError } from '../engine/data/types';
import { writeFileAtomic } from '../node/atomic-write';
import { nodeDatasetIO } from '../node/datasets';
import type { CsvFile } from '../shared/desktop-api';
import { readProjectCsv } from '../node/project-csv';
import { FileAccessError } from '../node/read-file';

/** A project file's text, or a ProjectError naming the file (not found, cannot be read). */
export async function readProjectText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProjectError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(e)})`}`);
  }
}

export async function readProjectFile(file: string): Promise<Project> {
  return parseProject(await readProjectText(file), path.basename(file));
}

export async function writeProjectFile(file: string, project: Project): Promise<void> {
  await writeFileAtomic(file, serializeProject(project));
}

/**
 * The project's CSV (`data.csv`, relative to the project file) under the app's rules: inside the
 * project's folder only. A refusal is a DataError naming the field, so `bprop` exits with 2.
 */
export async function readCsvOfProject(projectFile: string, csv: string): Promise<CsvFile> {
  try {
    return await readProjectCsv(projectFile, csv);
  } catch (e) {
    if (e instanceof FileAccessError) throw new DataError(`data.csv: ${e.message}`);
    throw e;
  }
}

/** Built-in datasets from resources/, CSVs relative to the project file. */
export function projectDataSource(projectFile: string): DataSource {
  return {
    ...nodeDatasetIO,
    readProjectCsv: async (rel) => {
      const { text, sha256 } = await readCsvOfProject(projectFile, rel);
      return { text, sha256 };
    },
  };
}
