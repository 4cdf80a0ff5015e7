/**
 * The project file's size in the Runs tab, once it is large: how much of it the runs take (and
 * their kept weights), so a user sees what to delete to keep the file small.
 */
import { useMemo } from 'react';
import { serializeProject } from '../../../../shared/project';
import type { Project } from '../../../../shared/project-types';
import { useProjectStore } from '../../store';

/** From this size on the Runs tab says how large the file is. */
export const LARGE_FILE_BYTES = 100 * 1024;

export interface FileSizes {
  total: number;
  runs: number;
  runWeights: number;
}

const bytes = (text: string): number => new TextEncoder().encode(text).length;

/** Bytes of the saved file, of its runs, and of the weights the runs keep. */
export function fileSizes(project: Project): FileSizes {
  const total = bytes(serializeProject(project));
  if (!project.runs) return { total, runs: 0, runWeights: 0 };
  const { runs, ...withoutRuns } = project;
  const withoutRunWeights = { ...project, runs: runs.map(({ weights: _w, ...run }) => run) };
  return { total, runs: total - bytes(serializeProject(withoutRuns)), runWeights: total - bytes(serializeProject(withoutRunWeights)) };
}

/** 950 bytes, 12 KB, 3.4 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function FileSize() {
  const project = useProjectStore((s) => s.project);
  const sizes = useMemo(() => {
    try {
      return fileSizes(project);
    } catch {
      return null; // a project that cannot be written right now (Save says why)
    }
  }, [project]);
  if (!sizes || sizes.total < LARGE_FILE_BYTES) return null;
  return (
    <div className="bp-hint" data-testid="runs-file-size">
      The project file is {formatBytes(sizes.total)}; its runs take {formatBytes(sizes.runs)}
      {sizes.runWeights > 0 ? `, of which ${formatBytes(sizes.runWeights)} are kept weights` : ''}. Delete runs you no longer need to keep it
      small.
    </div>
  );
}
