/**
 * The right-hand panel: the selected node (Node tab), the project's Data and Training
 * settings, and the Model summary. Selecting a node opens its tab; clearing the selection
 * goes back to the settings.
 */
import { useEffect } from 'react';
import { DataSettings } from '../settings/DataSettings';
import { TrainingSettings } from '../settings/TrainingSettings';
import { LockedSettingsNotice } from '../lesson/LockedSettingsNotice';
import { useProjectStore } from '../store/project-store';
import { useUiStore, type InspectorTab } from '../store/ui-store';
import { ModelSummary } from './ModelSummary';
import { NodeInspector } from './NodeInspector';
import '../styles/inspector.css';

const TABS: { id: InspectorTab; label: string }[] = [
  { id: 'node', label: 'Node' },
  { id: 'data', label: 'Data' },
  { id: 'training', label: 'Training' },
  { id: 'model', label: 'Model' },
];

function SelectionHint({ count }: { count: number }) {
  return (
    <div className="inspector__empty">
      {count > 1 ? <p>{count} nodes selected. Select a single node to edit its parameters.</p> : <p>Select a node on the canvas to see what it does and edit its parameters.</p>}
    </div>
  );
}

export function Inspector() {
  const selected = useProjectStore((s) => s.selection.nodes);
  const tab = useUiStore((s) => s.inspectorTab);
  const single = selected.length === 1 ? selected[0]! : null;

  useEffect(() => {
    const ui = useUiStore.getState();
    if (single) ui.setInspectorTab('node');
    else if (ui.inspectorTab === 'node' && selected.length === 0) ui.setInspectorTab('data');
  }, [single, selected.length]);

  return (
    <aside className="inspector panel" aria-label="Inspector" data-testid="inspector">
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`tabs__tab${tab === t.id ? ' is-active' : ''}`}
            onClick={() => useUiStore.getState().setInspectorTab(t.id)}
            data-testid={`inspector-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="inspector__body" role="tabpanel">
        {tab === 'node' && (single ? <NodeInspector key={single} nodeId={single} /> : <SelectionHint count={selected.length} />)}
        {tab === 'data' && (
          <>
            <LockedSettingsNotice section="data" />
            <DataSettings />
          </>
        )}
        {tab === 'training' && (
          <>
            <LockedSettingsNotice section="training" />
            <TrainingSettings />
          </>
        )}
        {tab === 'model' && <ModelSummary />}
      </div>
    </aside>
  );
}
