/**
 * Remembers the last window's size, position and maximized state (window-state.json in
 * userData). Saved bounds are used only if they are still on a connected display; further
 * windows open cascaded from the focused one.
 */
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../node/atomic-write';

export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_PLACEMENT: WindowPlacement = { width: 1280, height: 800, maximized: false };
const MIN_VISIBLE = 100;
const CASCADE_OFFSET = 28;

function isPlacement(value: unknown): value is WindowPlacement {
  const v = value as WindowPlacement;
  const num = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return typeof v === 'object' && v !== null && num(v.width) && num(v.height) && v.width >= 200 && v.height >= 150 && typeof v.maximized === 'boolean';
}

/** At least MIN_VISIBLE pixels of the window overlap some display's work area. */
function isOnSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) => {
    const w = Math.min(bounds.x + bounds.width, a.x + a.width) - Math.max(bounds.x, a.x);
    const h = Math.min(bounds.y + bounds.height, a.y + a.height) - Math.max(bounds.y, a.y);
    return w >= MIN_VISIBLE && h >= MIN_VISIBLE / 2;
  });
}

export class WindowStateStore {
  private last: WindowPlacement | null = null;

  constructor(private readonly file: string) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isPlacement(parsed)) this.last = parsed;
    } catch {
      // first start or damaged file: defaults
    }
  }

  /** Placement for a new window: cascaded from `openWindow` if one is open, else the remembered one. */
  placementFor(openWindow?: BrowserWindow | null): WindowPlacement {
    if (openWindow && !openWindow.isDestroyed()) {
      const b = openWindow.getNormalBounds();
      const next = { x: b.x + CASCADE_OFFSET, y: b.y + CASCADE_OFFSET, width: b.width, height: b.height };
      return isOnSomeDisplay(next) ? { ...next, maximized: false } : { width: b.width, height: b.height, maximized: false };
    }
    const last = this.last;
    if (!last) return { ...DEFAULT_PLACEMENT };
    if (last.x === undefined || last.y === undefined) return { width: last.width, height: last.height, maximized: last.maximized };
    const bounds = { x: last.x, y: last.y, width: last.width, height: last.height };
    return isOnSomeDisplay(bounds) ? { ...last } : { width: last.width, height: last.height, maximized: last.maximized };
  }

  /** Call when a window closes: the last closed window's placement is what the next start uses. */
  remember(win: BrowserWindow): Promise<void> {
    const b = win.getNormalBounds();
    this.last = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    const text = JSON.stringify(this.last);
    return fs
      .mkdir(path.dirname(this.file), { recursive: true })
      .then(() => writeFileAtomic(this.file, text))
      .catch((error: unknown) => console.warn('could not save the window placement', error));
  }
}
