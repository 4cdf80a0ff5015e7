/** Dragging palette items onto a canvas (the network's and the computational graph's). */
import { useCallback, type DragEvent } from 'react';

/** The data type a palette item carries while dragged onto the canvas. */
export const NODE_TYPE_MIME = 'application/x-backprop-node-type';

/**
 * dragover and drop handlers for palette items carrying `mime`: the drop gets the item's type
 * and the pointer's screen point. Other drags (files) are left to the window.
 */
export function usePaletteDrop(mime: string, onDrop: (type: string, at: { x: number; y: number }) => void) {
  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(mime)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [mime],
  );
  const onDropEvent = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(mime);
      if (!type) return;
      event.preventDefault();
      onDrop(type, { x: event.clientX, y: event.clientY });
    },
    [mime, onDrop],
  );
  return { onDragOver, onDrop: onDropEvent };
}
