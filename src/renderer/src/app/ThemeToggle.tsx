/** The toolbar's theme button: follows the system at first; each click moves to the next choice (kept between visits). */
import { nextThemeChoice, useAppliedTheme } from '../layout/theme';
import { useLayoutStore } from '../layout/layout-store';
import '../styles/theme-dark.css';

const sun = (
  <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" aria-hidden>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
  </svg>
);
const moon = (
  <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" aria-hidden>
    <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />
  </svg>
);

const NAMES = { light: 'light', dark: 'dark' } as const;

export function ThemeToggle() {
  const { theme, choice, systemDark } = useAppliedTheme();
  const next = nextThemeChoice(choice, systemDark);
  const now = choice === 'system' ? `follows the system (${NAMES[theme]} now)` : NAMES[theme];
  const then = next === 'system' ? 'follow the system' : `switch to ${NAMES[next]}`;
  const label = `Theme: ${now}. Click to ${then}.`;
  return (
    <button
      type="button"
      className="tool-button"
      aria-label={label}
      title={label}
      data-testid="theme-toggle"
      data-theme-choice={choice}
      onClick={() => useLayoutStore.getState().setTheme(next)}
    >
      {theme === 'dark' ? moon : sun}
    </button>
  );
}
