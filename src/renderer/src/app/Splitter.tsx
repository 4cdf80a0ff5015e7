/** A horizontal splitter: drag to resize the panel below it (height kept within limits). */
import { useRef, type PointerEvent } from 'react';

interface SplitterProps {
  height: number;
  min: number;
  max: number;
  onResize(height: number): void;
}

export function Splitter({ height, min, max, onResize }: SplitterProps) {
  const start = useRef<{ y: number; height: number } | null>(null);
  const onPointerDown = (e: PointerEvent) => {
    start.current = { y: e.clientY, height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!start.current) return;
    onResize(Math.min(max, Math.max(min, start.current.height + start.current.y - e.clientY)));
  };
  const onPointerUp = () => (start.current = null);
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the training panel"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
