/** Backprop Studio's window: toolbar over palette | canvas (training panels below) | inspector. */
import { ReactFlowProvider } from '@xyflow/react';
import { CompGraphWorkspace } from './compgraph/CompGraphWorkspace';
import { useCompGraphStore } from './compgraph/compgraph-store';
import { Dialogs } from './app/Dialogs';
import { Toolbar } from './app/Toolbar';
import { useCommands } from './app/use-commands';
import { useDocumentSync } from './app/use-document-sync';
import { useFileDrop } from './app/use-file-drop';
import { useKeyboardShortcuts } from './app/use-keyboard';
import { Workspace } from './app/Workspace';
import './styles/base.css';
import './styles/app.css';

function Shell() {
  const dispatch = useCommands();
  useKeyboardShortcuts(dispatch);
  useDocumentSync(dispatch);
  useFileDrop();
  const graphOpen = useCompGraphStore((s) => s.project !== null);
  return (
    <div className="app">
      <Toolbar dispatch={dispatch} />
      {graphOpen ? <CompGraphWorkspace /> : <Workspace />}
      <Dialogs />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Shell />
    </ReactFlowProvider>
  );
}
