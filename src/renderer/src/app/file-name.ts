/**
 * The file name a document is saved or exported under. Its own module: exports and the file
 * actions both need it, and the file actions reach the command registry, which reaches the exports.
 */
import { useProjectStore } from '../store/project-store';

/** A file name for a project that was never saved: its name, without characters file systems refuse. */
export function suggestedFileName(): string {
  const { fileName, project } = useProjectStore.getState();
  if (fileName) return fileName;
  const base = project.name.trim().replace(/[\\/:*?"<>|]+/g, '-') || 'Untitled';
  return `${base}.bprop`;
}
