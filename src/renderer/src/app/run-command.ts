/**
 * One dispatcher for every command, whether it comes from the desktop menu, a toolbar button
 * or a keyboard shortcut. The view operations (zoom, fit) come from React Flow's context.
 */
import type { MenuCommand } from '../../../shared/desktop-api';
import { layoutPositions } from '../canvas/auto-layout';
import { canvasAspectRatio } from '../canvas/viewport';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { focusIsEditable } from './editable';
import { exportWeights } from './export-weights';
import { exportAs } from '../interop/export-actions';
import { newProject, openProject, openRecent, revertProject, saveProject, saveProjectAs } from './file-actions';

/** Commands of the editor that have no menu item. */
export type EditorCommand = { type: 'duplicate' } | { type: 'autoLayout' } | { type: 'quickAdd'; x: number; y: number } | { type: 'clearSelection' };
export type AppCommand = MenuCommand | EditorCommand;

export interface ViewControls {
  zoomIn(): void;
  zoomOut(): void;
  fitView(): void;
}

/** Text-editing commands act on a focused text field the way the field expects. */
const NATIVE_EDIT: Partial<Record<AppCommand['type'], string>> = { undo: 'undo', redo: 'redo', cut: 'cut', copy: 'copy', paste: 'paste', selectAll: 'selectAll', delete: 'delete' };

export async function autoLayout(): Promise<void> {
  const { project } = useProjectStore.getState();
  const positions = await layoutPositions(project.graph, useUiStore.getState().measured, canvasAspectRatio());
  useProjectStore.getState().moveNodes(positions, 'Auto-layout');
  useUiStore.getState().requestFit();
}

export function runCommand(command: AppCommand, view: ViewControls): void {
  const store = useProjectStore.getState();
  const ui = useUiStore.getState();
  const native = NATIVE_EDIT[command.type];
  if (native && focusIsEditable()) {
    document.execCommand(native);
    return;
  }
  switch (command.type) {
    case 'new': return void newProject(command.template);
    case 'open': return void openProject();
    case 'openRecent': return void openRecent(command.path);
    case 'save': return void saveProject();
    case 'saveAs': return void saveProjectAs();
    case 'revert': return void revertProject();
    case 'exportWeights': return void exportWeights();
    case 'export': return void exportAs(command.kind);
    case 'close': return window.close();
    case 'undo': return store.undo();
    case 'redo': return store.redo();
    case 'cut': return store.cut();
    case 'copy': return store.copy();
    case 'paste': return store.paste();
    case 'delete': return store.deleteSelection();
    case 'selectAll': return store.selectAll();
    case 'duplicate': return store.duplicate();
    case 'clearSelection': return store.setSelection({ nodes: [], edges: [] });
    case 'zoomIn': return view.zoomIn();
    case 'zoomOut': return view.zoomOut();
    case 'fitView': return view.fitView();
    case 'autoLayout': return void autoLayout();
    case 'quickAdd': return ui.openQuickAdd({ x: command.x, y: command.y });
    case 'togglePanel': return ui.togglePanel(command.panel);
    case 'showShortcuts': return ui.openDialog('shortcuts');
    case 'showLicenses': return ui.openDialog('licenses');
    case 'showAbout': return ui.openDialog('about');
  }
}
