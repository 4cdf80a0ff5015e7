/** The top toolbar: files, history, layout, the project's name. */
import type { ReactNode } from 'react';
import { CommitField } from '../settings/fields';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { AppMark, icons } from './icons';
import { NewMenu } from './NewMenu';
import { ExportMenu } from '../interop/ExportMenu';
import { formatKeys } from './shortcuts';
import type { AppCommand } from './use-commands';

interface ToolProps {
  icon: ReactNode;
  label: string;
  keys?: string;
  testId: string;
  disabled?: boolean;
  showLabel?: boolean;
  onClick(): void;
}

function Tool({ icon, label, keys, testId, disabled, showLabel, onClick }: ToolProps) {
  const title = keys ? `${label} (${formatKeys(keys)})` : label;
  return (
    <button type="button" className="tool-button" onClick={onClick} disabled={disabled} title={title} aria-label={label} data-testid={testId}>
      {icon}
      {showLabel && <span>{label}</span>}
    </button>
  );
}

function ProjectName() {
  const name = useProjectStore((s) => s.project.name);
  const fileName = useProjectStore((s) => s.fileName);
  const dirty = useProjectStore((s) => s.dirty);
  return (
    <div className="project-name">
      <CommitField<string>
        label="Project name"
        value={name}
        format={(v) => v}
        parse={(text) => (text.trim() ? { value: text.trim() } : { error: 'A project needs a name' })}
        onCommit={(v) => (useProjectStore.getState().setProjectName(v), null)}
        testId="project-name"
      />
      <span className="project-name__file" data-testid="document-status">
        {fileName ?? 'Not saved yet'}
        {dirty && <span className="project-name__dirty" title="Unsaved changes" aria-label="Unsaved changes" />}
      </span>
    </div>
  );
}

export function Toolbar({ dispatch }: { dispatch(command: AppCommand): void }) {
  const canUndo = useProjectStore((s) => s.past.length > 0);
  const canRedo = useProjectStore((s) => s.future.length > 0);
  const empty = useProjectStore((s) => s.project.graph.nodes.length === 0);
  const trainingShown = useUiStore((s) => s.panels.training);
  return (
    <header className="toolbar" role="toolbar" aria-label="Project">
      <div className="toolbar__brand">
        <AppMark />
        <span>Backprop Studio</span>
      </div>
      <div className="toolbar__group">
        <NewMenu />
        <Tool icon={icons.open} label="Open" showLabel keys="Mod+O" testId="open-project" onClick={() => dispatch({ type: 'open' })} />
        <Tool icon={icons.save} label="Save" showLabel keys="Mod+S" testId="save-project" onClick={() => dispatch({ type: 'save' })} />
        <Tool icon={icons.saveAs} label="Save As" keys="Shift+Mod+S" testId="save-project-as" onClick={() => dispatch({ type: 'saveAs' })} />
        <ExportMenu dispatch={dispatch} />
      </div>
      <div className="toolbar__group">
        <Tool icon={icons.undo} label="Undo" keys="Mod+Z" testId="undo" disabled={!canUndo} onClick={() => dispatch({ type: 'undo' })} />
        <Tool icon={icons.redo} label="Redo" keys="Shift+Mod+Z" testId="redo" disabled={!canRedo} onClick={() => dispatch({ type: 'redo' })} />
      </div>
      <div className="toolbar__group">
        <Tool icon={icons.layout} label="Auto-layout" showLabel keys="Shift+Mod+L" testId="auto-layout" disabled={empty} onClick={() => dispatch({ type: 'autoLayout' })} />
        <Tool icon={icons.fit} label="Fit view" keys="Mod+0" testId="fit-view" onClick={() => dispatch({ type: 'fitView' })} />
      </div>
      <ProjectName />
      <div className="toolbar__group toolbar__end">
        <Tool icon={icons.panel} label={trainingShown ? 'Hide training panel' : 'Show training panel'} keys="Mod+3" testId="toggle-training" onClick={() => dispatch({ type: 'togglePanel', panel: 'training' })} />
        <Tool icon={icons.help} label="Keyboard shortcuts" keys="Mod+/" testId="show-shortcuts" onClick={() => dispatch({ type: 'showShortcuts' })} />
      </div>
    </header>
  );
}
