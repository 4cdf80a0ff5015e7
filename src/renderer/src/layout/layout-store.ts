/**
 * How the window is laid out and themed — view preferences, not part of the document:
 * the Build | Train mode, where each splitter sits (as a fraction, so it scales with the
 * window) and the colour theme. Fractions and theme are kept in localStorage between visits.
 */
import { create } from 'zustand';

export type WorkspaceMode = 'build' | 'train';
export type ThemeChoice = 'system' | 'light' | 'dark';

/**
 * Build: the training panel's share of the centre column's height (below the canvas).
 * Train: the training panel's share of the workspace's width (the graph small beside it).
 */
export const SPLIT_LIMITS: Record<WorkspaceMode, { min: number; max: number; initial: number }> = {
  build: { min: 0.15, max: 0.85, initial: 0.42 },
  train: { min: 0.45, max: 0.9, initial: 0.76 },
};

export const PREFS_KEY = 'backprop-studio.layout';

interface Prefs {
  split: Record<WorkspaceMode, number>;
  theme: ThemeChoice;
}

export interface LayoutState extends Prefs {
  mode: WorkspaceMode;
  setMode(mode: WorkspaceMode): void;
  /** Moves the current mode's splitter (clamped to its limits). */
  setSplit(mode: WorkspaceMode, fraction: number): void;
  setTheme(theme: ThemeChoice): void;
}

export function clampSplit(mode: WorkspaceMode, fraction: number): number {
  const { min, max, initial } = SPLIT_LIMITS[mode];
  if (!Number.isFinite(fraction)) return initial;
  return Math.min(max, Math.max(min, fraction));
}

/** The saved preferences, each field checked (a damaged or foreign value falls back to the default). */
export function parsePrefs(text: string | null): Prefs {
  const prefs: Prefs = { split: { build: SPLIT_LIMITS.build.initial, train: SPLIT_LIMITS.train.initial }, theme: 'system' };
  if (!text) return prefs;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return prefs;
  }
  if (typeof raw !== 'object' || raw === null) return prefs;
  const { split, theme } = raw as { split?: Record<string, unknown>; theme?: unknown };
  for (const mode of ['build', 'train'] as const) {
    const value = split?.[mode];
    if (typeof value === 'number') prefs.split[mode] = clampSplit(mode, value);
  }
  if (theme === 'light' || theme === 'dark' || theme === 'system') prefs.theme = theme;
  return prefs;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be switched off; the layout then lasts for the session
  }
}

function savePrefs({ split, theme }: Prefs): void {
  try {
    storage()?.setItem(PREFS_KEY, JSON.stringify({ split, theme }));
  } catch {
    // a full or blocked storage only loses the preference
  }
}

export const useLayoutStore = create<LayoutState>()((set, get) => ({
  ...parsePrefs(storage()?.getItem(PREFS_KEY) ?? null),
  mode: 'build',
  setMode: (mode) => set({ mode }),
  setSplit(mode, fraction) {
    set({ split: { ...get().split, [mode]: clampSplit(mode, fraction) } });
    savePrefs(get());
  },
  setTheme(theme) {
    set({ theme });
    savePrefs(get());
  },
}));
