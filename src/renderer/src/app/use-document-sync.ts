/**
 * Keeps the host informed about the document: the window title, unsaved mark and the Edit
 * menu's "Undo Add Dense" on every change of name, dirty, path or undo/redo label; a recovery copy every 30 s while there are unsaved changes;
 * menu commands from the desktop's application menu.
 */
import { useEffect } from 'react';
import { serializeProject } from '../../../shared/project';
import { platform } from '../platform';
import { redoLabel, undoLabel } from '../store/history';
import { useProjectStore } from '../store/project-store';
import type { AppCommand } from './use-commands';

export const RECOVERY_INTERVAL_MS = 30_000;

function documentName(): string {
  const { fileName, project } = useProjectStore.getState();
  return fileName ?? project.name;
}

export function useDocumentSync(dispatch: (command: AppCommand) => void): void {
  useEffect(() => {
    let last = '';
    const report = () => {
      const s = useProjectStore.getState();
      const state = { name: documentName(), dirty: s.dirty, path: s.path, undo: undoLabel(s), redo: redoLabel(s) };
      const key = JSON.stringify(state);
      if (key === last) return;
      last = key;
      platform.setDocumentState(state);
    };
    report();
    return useProjectStore.subscribe(report);
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
