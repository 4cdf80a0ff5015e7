/** Whether the lesson panel shows: by default when the project has a lesson; the toolbar's Lesson button overrides. */
import { create } from 'zustand';
import { onDocumentReplaced, useProjectStore } from '../store/project-store';

interface LessonViewState {
  /** null: the default (shown when there is a lesson). */
  shown: boolean | null;
  toggle(): void;
}

export const useLessonView = create<LessonViewState>()((set, get) => ({
  shown: null,
  toggle: () => set({ shown: !(get().shown ?? Boolean(useProjectStore.getState().project.lesson)) }),
}));

export function useLessonPanelShown(): boolean {
  const shown = useLessonView((s) => s.shown);
  const hasLesson = useProjectStore((s) => s.project.lesson !== undefined);
  return shown ?? hasLesson;
}

// A document opened or started anew goes back to the default.
onDocumentReplaced(useProjectStore, () => useLessonView.setState({ shown: null }));
