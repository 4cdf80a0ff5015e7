/** Where the canvas is on screen and where the pointer last was over it (for adding nodes). */
import type { ScreenPoint } from '../store/ui-store';

let canvasElement: HTMLElement | null = null;
let lastPointer: ScreenPoint | null = null;

export function registerCanvasElement(element: HTMLElement | null): void {
  canvasElement = element;
}

export function trackPointer(point: ScreenPoint | null): void {
  lastPointer = point;
}

/** The pointer's last position over the canvas, or null if it left the canvas. */
export function pointerOverCanvas(): ScreenPoint | null {
  return lastPointer;
}

/** The centre of the visible canvas in screen coordinates. */
export function canvasCentre(): ScreenPoint {
  const rect = canvasElement?.getBoundingClientRect();
  if (!rect || rect.width === 0) return { x: window.innerWidth / 2, y: window.innerHeight / 2 };
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/** Width / height of the visible canvas (for auto-layout to fill it). */
export function canvasAspectRatio(): number {
  const rect = canvasElement?.getBoundingClientRect();
  return rect && rect.width > 0 && rect.height > 0 ? rect.width / rect.height : 1.6;
}
