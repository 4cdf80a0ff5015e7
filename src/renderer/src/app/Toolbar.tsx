/** The top toolbar: files, history, layout, the project's name. */
import type { ReactNode } from 'react';
import { commandSpec, type AppCommand, type CommandId } from '../../../shared/commands';
import { withKeys } from '../commands/shortcut-help';
import { CommitField } from '../settings/fields';
import { useCompGraphStore } from '../compgraph/compgraph-store';
import { useProjectStore } from '../store/project-store';
import { redoLabel, undoLabel } from '../store/history';
import { useUiStore } from '../store/ui-store';
import { AppMark, icons } from './icons';
import { ModeSwitch } from './ModeSwitch';
import { NewMenu } from './NewMenu';
import { ThemeToggle } from './ThemeToggle';
import { ExportMenu } from '../interop/ExportMenu';
import { LessonButton } from '../lesson/LessonButton';

interface CommandButtonProps {
  /** The registry's command: its label, keys and action. */
  command: CommandId;
  icon: ReactNode;
  testId: string;
  /** Overrides the registry's label ("Undo Add Dense", "Hide training panel"). */
  label?: string;
  disabled?: boolean;
  showLabel?: boolean;
  dispatch(command: AppCommand): void;
}

/** A toolbar button for a command of the registry (src/shared/commands.ts). */
function CommandButton({ command, icon, testId, label, disabled, showLabel, dispatch }: CommandButtonProps) {
  const spec = commandSpec(command);
  const text = label ?? spec.label;
  return (
    <button
      type="button"
      className="tool-button"
      onClick={() => dispatch({ type: command } as AppCommand)}
      disabled={disabled}
      title={withKeys(text, spec.keys)}
      aria-label={text}
      data-testid={testId}
      data-command={command}
    >
      {icon}
      {showLabel && <span>{text}</span>}
    </button>
  );
}

function ProjectName() {
  const graph = useCompGraphStore((s) => s.project !== null);
  const graphName = useCompGraphStore((s) => s.project?.name ?? '');
  const graphFile = useCompGraphStore((s) => s.fileName);
  const graphDirty = useCompGraphStore((s) => s.dirty);
  const networkName = useProjectStore((s) => s.project.name);
  const networkFile = useProjectStore((s) => s.fileName);
  const networkDirty = useProjectStore((s) => s.dirty);
  const [name, fileName, dirty] = graph ? [graphName, graphFile, graphDirty] : [networkName, networkFile, networkDirty];
  return (
    <div className="project-name">
      <CommitField<string>
        label="Project name"
        value={name}
        format={(v) => v}
        parse={(text) => (text.trim() ? { value: text.trim() } : { error: 'A project needs a name' })}
        onCommit={(v) => (graph ? useCompGraphStore.getState().setName(v) : useProjectStore.getState().setProjectName(v), null)}
        testId="project-name"
      />
      <span className="project-name__file" data-testid="document-status">
        {fileName ?? 'Not saved yet'}
        {dirty && <span className="project-name__dirty" role="img" title="Unsaved changes" aria-label="Unsaved changes" />}
      </span>
    </div>
  );
}

export function Toolbar({ dispatch }: { dispatch(command: AppCommand): void }) {
  const networkUndo = useProjectStore((s) => undoLabel(s));
  const networkRedo = useProjectStore((s) => redoLabel(s));
  // While a computational graph is open, Undo/Redo act on its edits (see compgraph-files.ts).
  const graphOpen = useCompGraphStore((s) => s.project !== null);
  const graphUndo = useCompGraphStore((s) => s.past.length > 0);
  const graphRedo = useCompGraphStore((s) => s.future.length > 0);
  const undo = graphOpen ? (graphUndo ? 'graph edit' : null) : networkUndo;
  const redo = graphOpen ? (graphRedo ? 'graph edit' : null) : networkRedo;
  const empty = useProjectStore((s) => s.project.graph.nodes.length === 0) || graphOpen;
  const trainingShown = useUiStore((s) => s.panels.training);
  return (
    <header className="toolbar" role="toolbar" aria-label="Project">
      <div className="toolbar__brand">
        <AppMark />
        <span>Backprop Studio</span>
      </div>
      <div className="toolbar__group">
        <NewMenu dispatch={dispatch} />
        <CommandButton command="open" icon={icons.open} showLabel testId="open-project" dispatch={dispatch} />
        <CommandButton command="save" icon={icons.save} showLabel testId="save-project" dispatch={dispatch} />
        <CommandButton command="saveAs" icon={icons.saveAs} testId="save-project-as" dispatch={dispatch} />
        <ExportMenu dispatch={dispatch} />
      </div>
      <div className="toolbar__group">
        <CommandButton command="undo" icon={icons.undo} label={undo ? `Undo ${undo}` : undefined} testId="undo" disabled={!undo} dispatch={dispatch} />
        <CommandButton command="redo" icon={icons.redo} label={redo ? `Redo ${redo}` : undefined} testId="redo" disabled={!redo} dispatch={dispatch} />
      </div>
      <div className="toolbar__group">
        <CommandButton command="autoLayout" icon={icons.layout} showLabel testId="auto-layout" disabled={empty} dispatch={dispatch} />
        <CommandButton command="fitView" icon={icons.fit} testId="fit-view" dispatch={dispatch} />
      </div>
      {!graphOpen && <ModeSwitch />}
      <ProjectName />
      <div className="toolbar__group toolbar__end">
        <LessonButton />
        <CommandButton command="toggleTraining" icon={icons.panel} label={trainingShown ? 'Hide training panel' : 'Show training panel'} testId="toggle-training" dispatch={dispatch} />
        <ThemeToggle />
        <CommandButton command="showShortcuts" icon={icons.help} testId="show-shortcuts" dispatch={dispatch} />
      </div>
    </header>
  );
}
