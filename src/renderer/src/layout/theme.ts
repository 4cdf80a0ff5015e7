/**
 * The colour theme: the system's light or dark setting unless the user chose one with the
 * toolbar's toggle (kept with the layout preferences). The effective theme is written to
 * <html data-theme="…">, which the stylesheets key their dark colours on; canvases and charts
 * that paint their own colours listen with onThemeChange.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useLayoutStore, type ThemeChoice } from './layout-store';

export type Theme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/**
 * The choice after a click on the toggle: away from the system's setting to the other theme
 * first (so the first click always changes what is on screen), then to the system's own, then
 * back to following the system.
 */
export function nextThemeChoice(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  const system: Theme = systemDark ? 'dark' : 'light';
  const other: Theme = systemDark ? 'light' : 'dark';
  if (choice === 'system') return other;
  if (choice === other) return system;
  return 'system';
}

function mediaQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
}

function subscribeSystem(listener: () => void): () => void {
  const query = mediaQuery();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

export function useSystemDark(): boolean {
  return useSyncExternalStore(subscribeSystem, () => mediaQuery()?.matches ?? false, () => false);
}

const listeners = new Set<(theme: Theme) => void>();
let applied: Theme | null = null;

/** The theme on screen now (light until the app has applied one). */
export function currentTheme(): Theme {
  return applied ?? 'light';
}

/** Calls `listener` after every change of the theme on screen; returns the unsubscribe. */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function applyTheme(theme: Theme): void {
  if (applied === theme) return;
  applied = theme;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener(theme);
}

/** The theme on screen, re-rendering on change (for components that paint colours themselves). */
export function useTheme(): Theme {
  return useSyncExternalStore(onThemeChange, currentTheme, () => 'light');
}

/** Applies the effective theme to the page and keeps it current; returns it. */
export function useAppliedTheme(): { theme: Theme; choice: ThemeChoice; systemDark: boolean } {
  const choice = useLayoutStore((s) => s.theme);
  const systemDark = useSystemDark();
  const theme = effectiveTheme(choice, systemDark);
  useEffect(() => applyTheme(theme), [theme]);
  return { theme, choice, systemDark };
}

/** A CSS custom property's value on the page root (for colours painted on canvases). */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
