/**
 * The user commands: one record per command, `{ id, label, keys, menu?, perform }`. The data
 * part (label, keys, menu placement) is `COMMAND_SPECS` in src/shared/commands.ts, which main's
 * menu reads too; this module adds what each command does. Keyboard bindings, the shortcut help,
 * the toolbar and the desktop menu all go through here, so one command is spelled once.
 * The map below is typed over every id: a command without a `perform` does not compile.
 */
import { COMMAND_SPECS, type AppCommand, type CommandId, type CommandSpec } from '../../../shared/commands';
import type { ExportKind } from '../../../shared/desktop-api';
import { isNativeEdit } from '../../../shared/ipc-channels';
import { canvasCentre, pointerOverCanvas } from '../canvas/viewport';
import { exportAs } from '../interop/export-actions';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { focusIsEditable } from '../app/editable';
import { autoLayout } from '../app/auto-layout';
import { exportWeights } from '../app/export-weights';
import { newProject, openProject, openRecent, revertProject, saveProject, saveProjectAs } from '../app/file-actions';
import { runCompGraphCommand } from '../compgraph/compgraph-files';

export type { AppCommand, CommandId } from '../../../shared/commands';

/** React Flow's view operations (zoom, fit): the one thing a command cannot reach from a store. */
export interface ViewControls {
  zoomIn(): void;
  zoomOut(): void;
  fitView(): void;
}

type CommandOf<K extends CommandId> = Extract<AppCommand, { type: K }>;
type Perform<K extends CommandId> = (command: CommandOf<K>, view: ViewControls) => void;

export interface UserCommand extends CommandSpec {
  readonly id: CommandId;
  perform(command: AppCommand, view: ViewControls): void;
}

const store = () => useProjectStore.getState();
const ui = () => useUiStore.getState();
const exporting = (kind: ExportKind) => () => void exportAs(kind);

const PERFORM: { [K in CommandId]: Perform<K> } = {
  new: (c) => void newProject(c.template),
  open: () => void openProject(),
  openRecent: (c) => void openRecent(c.path),
  save: () => void saveProject(),
  saveAs: () => void saveProjectAs(),
  revert: () => void revertProject(),
  exportWeights: () => void exportWeights(),
  exportOnnx: exporting('onnx'),
  exportPytorch: exporting('pytorch'),
  exportPng: exporting('png'),
  exportSvg: exporting('svg'),
  exportMarkdown: exporting('markdown'),
  undo: () => store().undo(),
  redo: () => store().redo(),
  cut: () => store().cut(),
  copy: () => store().copy(),
  paste: () => store().paste(),
  duplicate: () => store().duplicate(),
  delete: () => store().deleteSelection(),
  selectAll: () => store().selectAll(),
  clearSelection: () => store().setSelection({ nodes: [], edges: [] }),
  // At the pointer when it is over the canvas (a key press), else in the middle of the canvas.
  quickAdd: () => ui().openQuickAdd(pointerOverCanvas() ?? canvasCentre()),
  autoLayout: () => void autoLayout(),
  zoomIn: (_c, view) => view.zoomIn(),
  zoomOut: (_c, view) => view.zoomOut(),
  fitView: (_c, view) => view.fitView(),
  togglePalette: () => ui().togglePanel('palette'),
  toggleInspector: () => ui().togglePanel('inspector'),
  toggleTraining: () => ui().togglePanel('training'),
  showShortcuts: () => ui().openDialog('shortcuts'),
  showLicenses: () => ui().openDialog('licenses'),
  showAbout: () => ui().openDialog('about'),
};

/** Every command, in the registry's order. */
export const userCommands: readonly UserCommand[] = COMMAND_SPECS.map((spec) => ({
  ...spec,
  perform: PERFORM[spec.id] as UserCommand['perform'],
}));

/** One dispatcher for every command, whether it comes from the desktop menu, a button or a key. */
export function runCommand(command: AppCommand, view: ViewControls): void {
  // Text-editing commands act on a focused text field the way the field expects (their ids are execCommand's names).
  if (isNativeEdit(command.type) && focusIsEditable()) {
    document.execCommand(command.type);
    return;
  }
  if (runCompGraphCommand(command.type)) return; // a computational graph is open: its own editing commands
  (PERFORM[command.type] as UserCommand['perform'])(command, view);
}
