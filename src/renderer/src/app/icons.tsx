/** A few 16-px line icons for the toolbar (inline SVG: no icon font, nothing to load). */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      {children}
    </svg>
  );
}

export const icons = {
  new: (
    <Icon>
      <path d="M9 1.75H4.25a1.5 1.5 0 0 0-1.5 1.5v9.5a1.5 1.5 0 0 0 1.5 1.5h7.5a1.5 1.5 0 0 0 1.5-1.5V6L9 1.75Z" />
      <path d="M9 1.75V6h4.25M8 8.5v3.5M6.25 10.25h3.5" />
    </Icon>
  ),
  open: (
    <Icon>
      <path d="M1.75 4.25a1.5 1.5 0 0 1 1.5-1.5h3l1.5 1.5h5a1.5 1.5 0 0 1 1.5 1.5v6a1.5 1.5 0 0 1-1.5 1.5h-9.5a1.5 1.5 0 0 1-1.5-1.5v-7.5Z" />
    </Icon>
  ),
  save: (
    <Icon>
      <path d="M3.25 1.75h7.5l3.5 3.5v7.5a1.5 1.5 0 0 1-1.5 1.5h-9.5a1.5 1.5 0 0 1-1.5-1.5v-9.5a1.5 1.5 0 0 1 1.5-1.5Z" />
      <path d="M4.75 1.75v3.5h5v-3.5M4.75 14.25v-4.5h6.5v4.5" />
    </Icon>
  ),
  saveAs: (
    <Icon>
      <path d="M8.5 14.25H3.25a1.5 1.5 0 0 1-1.5-1.5v-9.5a1.5 1.5 0 0 1 1.5-1.5h7.5l3.5 3.5V8" />
      <path d="M4.75 1.75v3.5h5v-3.5M11.5 10v4.25M9.5 12.25l2 2 2-2" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M5.5 3.5 2.25 6.75 5.5 10" />
      <path d="M2.25 6.75h7.5a4 4 0 0 1 0 8h-2" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="m10.5 3.5 3.25 3.25L10.5 10" />
      <path d="M13.75 6.75h-7.5a4 4 0 0 0 0 8h2" />
    </Icon>
  ),
  layout: (
    <Icon>
      <rect x="1.75" y="2.75" width="4" height="3.5" rx="1" />
      <rect x="10.25" y="2.75" width="4" height="3.5" rx="1" />
      <rect x="10.25" y="9.75" width="4" height="3.5" rx="1" />
      <path d="M5.75 4.5h4.5M8 4.5v7h2.25" />
    </Icon>
  ),
  fit: (
    <Icon>
      <path d="M1.75 5.25v-2a1.5 1.5 0 0 1 1.5-1.5h2M10.75 1.75h2a1.5 1.5 0 0 1 1.5 1.5v2M14.25 10.75v2a1.5 1.5 0 0 1-1.5 1.5h-2M5.25 14.25h-2a1.5 1.5 0 0 1-1.5-1.5v-2" />
      <rect x="5" y="5.5" width="6" height="5" rx="1" />
    </Icon>
  ),
  help: (
    <Icon>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M6.25 6.25a1.75 1.75 0 1 1 2.5 1.6c-.5.25-.75.6-.75 1.15v.25M8 11.25v.25" />
    </Icon>
  ),
  chevron: (
    <Icon>
      <path d="m4.5 6.25 3.5 3.5 3.5-3.5" />
    </Icon>
  ),
  panel: (
    <Icon>
      <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" />
      <path d="M1.75 9.75h12.5" />
    </Icon>
  ),
};

/** The app's mark: three nodes wired left to right. */
export function AppMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden className="app-mark">
      <path d="M5 11 C 8 11, 8 5, 11 5 M5 11 C 8 11, 8 17, 11 17 M11 5 C 14 5, 14 11, 17 11 M11 17 C 14 17, 14 11, 17 11" stroke="#7c5cdb" strokeWidth="1.6" fill="none" />
      <circle cx="4.5" cy="11" r="2.6" fill="#2f6fdf" />
      <circle cx="11" cy="5" r="2.6" fill="#7c5cdb" />
      <circle cx="11" cy="17" r="2.6" fill="#7c5cdb" />
      <circle cx="17.5" cy="11" r="2.6" fill="#d9487a" />
    </svg>
  );
}
