/**
 * The file name a document is saved or exported under. Its own module: exports and the file
 * actions both need it, and the file actions reach the command registry, which reaches the exports.
 */
import { useCompGraphStore } from '../compgraph/compgraph-store';
import { useProjectStore } from '../store/project-store';

/**
 * A file name for a document that was never saved: its name, without characters file systems
 * refuse. The document is the open computational graph, if any, else the network project.
 */
export function suggestedFileName(): string {
  const graph = useCompGraphStore.getState();
  const network = useProjectStore.getState();
  const [fileName, name, fallback] = graph.project ? [graph.fileName, graph.project.name, 'Untitled graph'] : [network.fileName, network.project.name, 'Untitled'];
  if (fileName) return fileName;
  const base = name.trim().replace(/[\\/:*?"<>|]+/g, '-') || fallback;
  return `${base}.bprop`;
}
