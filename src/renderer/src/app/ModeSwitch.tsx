/** Build | Train: editing with the palette and inspector, or training with the panels filling the window. */
import { useLayoutStore, type WorkspaceMode } from '../layout/layout-store';
import { useUiStore } from '../store/ui-store';

const MODES: { id: WorkspaceMode; label: string; hint: string }[] = [
  { id: 'build', label: 'Build', hint: 'Build: palette, canvas and inspector, the training panels below' },
  { id: 'train', label: 'Train', hint: 'Train: the training panels fill the window, the network small beside them' },
];

const RESIZE_SETTLE_MS = 120;

/** Switches mode and fits the network into its new, differently sized canvas. */
function choose(mode: WorkspaceMode): void {
  if (useLayoutStore.getState().mode === mode) return;
  useLayoutStore.getState().setMode(mode);
  // The canvas is resized by the new layout; React Flow sees the new size a frame or two later.
  setTimeout(() => useUiStore.getState().requestFit(), RESIZE_SETTLE_MS);
}

export function ModeSwitch() {
  const mode = useLayoutStore((s) => s.mode);
  return (
    <div className="mode-switch" role="group" aria-label="Workspace mode">
      {MODES.map((m) => (
        <button key={m.id} type="button" aria-pressed={mode === m.id} title={m.hint} data-testid={`mode-${m.id}`} onClick={() => choose(m.id)}>
          {m.label}
        </button>
      ))}
    </div>
  );
}
