/**
 * Dropping a .bprop (or .json) file anywhere on the window opens it, as in any desktop editor.
 * Node types dragged from the palette are not files, so the canvas's own drop handling is untouched.
 */
import { useEffect } from 'react';
import { useUiStore } from '../store/ui-store';
import { openDroppedFile } from './file-actions';

const PROJECT_FILE = /\.(bprop|json)$/i;

function draggedFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function useFileDrop(): void {
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!draggedFiles(event)) return;
      event.preventDefault(); // allow the drop (and stop the browser from navigating to the file)
      event.dataTransfer!.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!draggedFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer!.files[0];
      if (!file) return;
      if (!PROJECT_FILE.test(file.name)) {
        useUiStore.getState().showError(`${file.name} is not a Backprop Studio project: drop a .bprop file to open it.`);
        return;
      }
      void openDroppedFile(file);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
