/**
 * The computational graph's side of New, Open, Save and the commands: file-actions.ts and
 * run-command.ts hand over to these while a graph is open, so the network editor's document
 * stays as it was underneath.
 */
import { serializeCompGraphProject } from '../../../shared/compgraph/project-file';
import type { CompGraphProject } from '../../../shared/compgraph/types';
import { BLANK_COMPGRAPH_ID, blankCompGraph, findCompGraphTemplate } from '../../../shared/templates/compgraph';
import { findCompGraphLesson } from '../../../shared/templates/compgraph-lessons';
import { useUiStore } from '../store/ui-store';
import { isCompGraphOpen, useCompGraphStore } from './compgraph-store';

export { BLANK_COMPGRAPH_ID };

/** The project a New-menu id builds, when it is a computational graph. */
export function compGraphForTemplate(id: string | undefined): CompGraphProject | undefined {
  if (id === BLANK_COMPGRAPH_ID) return blankCompGraph();
  return id ? (findCompGraphTemplate(id) ?? findCompGraphLesson(id))?.build() : undefined;
}

export function showCompGraph(project: CompGraphProject, fileName: string | null = null, path: string | null = null, text = ''): void {
  useCompGraphStore.getState().open(project, fileName, path, text);
  useUiStore.getState().showError(null);
  useUiStore.getState().requestFit();
}

/** Back to the network editor (New network, Open of a network file). */
export function closeCompGraph(): void {
  if (isCompGraphOpen()) useCompGraphStore.getState().close();
}

export const compGraphDirty = (): boolean => isCompGraphOpen() && useCompGraphStore.getState().dirty;


export function compGraphText(): string {
  return serializeCompGraphProject(useCompGraphStore.getState().project!);
}

/** Handles an editor command while a graph is open; true when it was handled here. */
export function runCompGraphCommand(type: string): boolean {
  if (!isCompGraphOpen()) return false;
  const store = useCompGraphStore.getState();
  switch (type) {
    case 'undo':
      store.undo();
      return true;
    case 'redo':
      store.redo();
      return true;
    case 'delete':
      store.deleteSelected();
      return true;
    case 'clearSelection':
      store.select(null);
      return true;
    case 'cut':
    case 'copy':
    case 'paste':
    case 'selectAll':
    case 'duplicate':
    case 'autoLayout':
    case 'quickAdd':
    case 'exportWeights':
    case 'exportOnnx':
    case 'exportPytorch':
    case 'exportPng':
    case 'exportSvg':
    case 'exportMarkdown':
      useUiStore.getState().showNotice('That works on networks; a computational graph is edited from its palette and side panel.');
      return true;
    default:
      return false;
  }
}
