/** View state that is not part of the document: panels, dialogs, messages, menus. */
import { create } from 'zustand';

export type PanelId = 'palette' | 'inspector' | 'training';
export type InspectorTab = 'node' | 'data' | 'training' | 'model';
export type DialogId = 'shortcuts' | 'about' | 'licenses' | null;

export interface ScreenPoint {
  /** Viewport (client) coordinates. */
  x: number;
  y: number;
}

export interface UiState {
  panels: Record<PanelId, boolean>;
  inspectorTab: InspectorTab;
  dialog: DialogId;
  /** A problem to show at the top of the window (a file that could not be opened, a failed save). */
  error: string | null;
  /** A short confirmation ("Saved iris.bprop"). */
  notice: string | null;
  /** The quick-add menu, open at a screen point. */
  quickAdd: ScreenPoint | null;
  /** Why the last connection attempt was refused, shown near the cursor for a moment. */
  refusal: (ScreenPoint & { message: string }) | null;
  /** Measured node sizes from React Flow, for rendering and auto-layout. */
  measured: Record<string, { width: number; height: number }>;
  /** Bumped to ask the canvas to fit the whole network into view (after open, new, auto-layout). */
  fitRequest: number;
  /** A question waiting for an answer (discard unsaved changes?). */
  confirm: ConfirmRequest | null;
  togglePanel(panel: PanelId): void;
  setInspectorTab(tab: InspectorTab): void;
  openDialog(dialog: DialogId): void;
  showError(message: string | null): void;
  showNotice(message: string | null): void;
  openQuickAdd(at: ScreenPoint | null): void;
  showRefusal(refusal: UiState['refusal']): void;
  setMeasured(sizes: Record<string, { width: number; height: number }>): void;
  requestFit(): void;
  /** Asks in a dialog; resolves true if the user confirms. */
  ask(question: Omit<ConfirmRequest, 'answer'>): Promise<boolean>;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  answer(ok: boolean): void;
}

export const useUiStore = create<UiState>()((set, get) => ({
  panels: { palette: true, inspector: true, training: true },
  inspectorTab: 'data',
  dialog: null,
  error: null,
  notice: null,
  quickAdd: null,
  refusal: null,
  measured: {},
  fitRequest: 0,
  confirm: null,
  togglePanel: (panel) => set({ panels: { ...get().panels, [panel]: !get().panels[panel] } }),
  setInspectorTab: (inspectorTab) => set({ inspectorTab }),
  openDialog: (dialog) => set({ dialog }),
  showError: (error) => set({ error }),
  showNotice: (notice) => set({ notice }),
  openQuickAdd: (quickAdd) => set({ quickAdd }),
  showRefusal: (refusal) => set({ refusal }),
  setMeasured: (sizes) => set({ measured: { ...get().measured, ...sizes } }),
  requestFit: () => set({ fitRequest: get().fitRequest + 1 }),
  ask: (question) =>
    new Promise<boolean>((resolve) => {
      get().confirm?.answer(false);
      set({
        confirm: {
          ...question,
          answer: (ok) => {
            set({ confirm: null });
            resolve(ok);
          },
        },
      });
    }),
}));
