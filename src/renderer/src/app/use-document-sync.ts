/**
 * Keeps the host informed about the document: the window title, unsaved mark and the Edit
 * menu's "Undo Add Dense" on every change of name, dirty, path or undo/redo label; a recovery copy every 30 s while there are unsaved changes;
 * menu commands from the desktop's application menu.
 */
import { useEffect } from 'react';
import { serializeProject } from '../../../shared/project';
import { useCompGraphStore } from '../compgraph/compgraph-store';
import { platform } from '../platform';
import { redoLabel, undoLabel } from '../store/history';
import { useProjectStore } from '../store/project-store';
import type { AppCommand } from './use-commands';

export const RECOVERY_INTERVAL_MS = 30_000;

/** The document on screen: the open computational graph, else the network project. */
function documentState(): { name: string; dirty: boolean; path: string | null; undo: string | null; redo: string | null } {
  const graph = useCompGraphStore.getState();
  if (graph.project) {
    const undo = graph.past.length > 0 ? 'Edit graph' : null;
    const redo = graph.future.length > 0 ? 'Edit graph' : null;
    return { name: graph.fileName ?? graph.project.name, dirty: graph.dirty, path: graph.path, undo, redo };
  }
  const s = useProjectStore.getState();
  return { name: s.fileName ?? s.project.name, dirty: s.dirty, path: s.path, undo: undoLabel(s), redo: redoLabel(s) };
}

export function useDocumentSync(dispatch: (command: AppCommand) => void): void {
  useEffect(() => {
    let last = '';
    const report = () => {
      const state = documentState();
      const key = JSON.stringify(state);
      if (key === last) return;
      last = key;
      platform.setDocumentState(state);
    };
    report();
    const unsubscribe = [useProjectStore.subscribe(report), useCompGraphStore.subscribe(report)];
    return () => unsubscribe.forEach((u) => u());
  }, []);

  useEffect(() => {
    let wroteRecovery = false;
    const timer = setInterval(() => {
      const { dirty, project } = useProjectStore.getState();
      if (dirty) {
        try {
          platform.writeRecovery(serializeProject(project));
          wroteRecovery = true;
        } catch {
          // an unserialisable project cannot be recovered; the next tick tries again
        }
      } else if (wroteRecovery) {
        platform.writeRecovery(null);
        wroteRecovery = false;
      }
    }, RECOVERY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => platform.onMenuCommand(dispatch), [dispatch]);
}
