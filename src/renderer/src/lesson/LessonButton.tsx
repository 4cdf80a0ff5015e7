/** The toolbar's Lesson button: shows or hides the lesson panel (where a teacher can also start a lesson). */
import { useLessonPanelShown, useLessonView } from './lesson-view';

const bookIcon = (
  <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
    <path d="M2.25 3.25c1.9-.7 3.8-.6 5.75.5v9.5c-1.95-1.1-3.85-1.2-5.75-.5v-9.5ZM13.75 3.25c-1.9-.7-3.8-.6-5.75.5v9.5c1.95-1.1 3.85-1.2 5.75-.5v-9.5Z" />
  </svg>
);

export function LessonButton() {
  const shown = useLessonPanelShown();
  return (
    <button
      type="button"
      className={`tool-button${shown ? ' is-active' : ''}`}
      aria-pressed={shown}
      title={shown ? 'Hide the lesson panel' : 'Show the lesson panel (instructions, goals, teacher mode)'}
      onClick={() => useLessonView.getState().toggle()}
      data-testid="toggle-lesson"
    >
      {bookIcon}
      <span>Lesson</span>
    </button>
  );
}
