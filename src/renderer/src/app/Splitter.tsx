/**
 * A splitter between two panels: drag it, or focus it (Tab) and use the arrow keys (PageUp /
 * PageDown for bigger steps, Home / End for the limits). Its value is the share of the
 * container that the panel after it (below, or to the right) takes, as a fraction; the
 * accessible value is that share in percent.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export const KEY_STEP = 0.02;
export const PAGE_STEP = 0.1;

interface SplitterProps {
  /** 'horizontal': a horizontal bar between a panel above and one below; 'vertical': side by side. */
  orientation: 'horizontal' | 'vertical';
  fraction: number;
  min: number;
  max: number;
  label: string;
  testId: string;
  onChange(fraction: number): void;
}

/** The fraction a key press asks for, or null for a key the splitter does not handle. */
export function fractionForKey(key: string, orientation: SplitterProps['orientation'], fraction: number, min: number, max: number): number | null {
  // The arrow that moves the bar towards the panel before it grows the panel after it.
  const grow = orientation === 'horizontal' ? 'ArrowUp' : 'ArrowLeft';
  const shrink = orientation === 'horizontal' ? 'ArrowDown' : 'ArrowRight';
  let next: number;
  if (key === grow) next = fraction + KEY_STEP;
  else if (key === shrink) next = fraction - KEY_STEP;
  else if (key === 'PageUp') next = fraction + PAGE_STEP;
  else if (key === 'PageDown') next = fraction - PAGE_STEP;
  else if (key === 'Home') next = max;
  else if (key === 'End') next = min;
  else return null;
  return Math.min(max, Math.max(min, next));
}

export function Splitter({ orientation, fraction, min, max, label, testId, onChange }: SplitterProps) {
  const container = useRef<DOMRect | null>(null);
  const horizontal = orientation === 'horizontal';
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    container.current = e.currentTarget.parentElement?.getBoundingClientRect() ?? null;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault(); // no text selection while dragging
  };
  const onPointerMove = (e: PointerEvent) => {
    const rect = container.current;
    if (!rect) return;
    const share = horizontal ? (rect.bottom - e.clientY) / rect.height : (rect.right - e.clientX) / rect.width;
    onChange(Math.min(max, Math.max(min, share)));
  };
  const onPointerUp = () => (container.current = null);
  const onKeyDown = (e: KeyboardEvent) => {
    const next = fractionForKey(e.key, orientation, fraction, min, max);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation(); // arrows must not move selected nodes on the canvas
    onChange(next);
  };
  const percent = Math.round(fraction * 100);
  return (
    <div
      className={`splitter splitter--${orientation}`}
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      aria-valuetext={`${percent}% for the training panel`}
      title={`${label} (drag, or focus and use the arrow keys)`}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
