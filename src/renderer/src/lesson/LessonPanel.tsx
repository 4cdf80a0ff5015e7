/**
 * The lesson panel beside the canvas: the instructions (Markdown with math), the goals checked
 * live, answer fields, and the teacher-mode switch that opens the lesson editor.
 */
import { useEffect, useState } from 'react';
import { describeGoal, type GoalResult } from '../../../shared/lesson-goals';
import type { Lesson, LessonGoal } from '../../../shared/lesson-types';
import { parseNumber } from '../settings/fields';
import { useProjectStore } from '../store/project-store';
import { useUiStore } from '../store/ui-store';
import { LessonEditor } from './LessonEditor';
import { MarkdownBlock, MarkdownInline } from './Markdown';
import { useGoalResults } from './use-goal-results';
import './lesson.css';

const EMPTY_LESSON: Lesson = {
  title: 'New lesson',
  instructions: '## What to do\n\nDescribe the task here. Inline math such as $\\hat y = \\sigma(w x + b)$ is typeset.',
  goals: [],
};

/** Stores the student's answer to goal `index` (undefined clears it); returns why not, or null. */
export type SetAnswer = (index: number, answer: number | undefined) => string | null;

function AnswerField({ index, answer, onAnswer }: { index: number; answer: number | undefined; onAnswer: SetAnswer }) {
  const shown = answer === undefined ? '' : String(answer);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(shown), [shown]);
  const submit = () => {
    if (draft.trim() === '') return setError(onAnswer(index, undefined));
    const parsed = parseNumber(draft, 'The answer');
    if ('error' in parsed) return setError(parsed.error);
    setError(onAnswer(index, parsed.value));
  };
  return (
    <div className="lesson-answer">
      <input
        className="input lesson-answer__input"
        inputMode="decimal"
        placeholder="your answer"
        aria-label={`Answer to goal ${index + 1}`}
        value={draft}
        onChange={(e) => (setDraft(e.target.value), setError(null))}
        onKeyDown={(e) => e.key === 'Enter' && submit()}
        data-testid={`lesson-answer-${index}`}
      />
      <button type="button" className="button button--small" onClick={submit} data-testid={`lesson-answer-check-${index}`}>
        Check
      </button>
      {error && <div className="field__error">{error}</div>}
    </div>
  );
}

function GoalItem({ goal, result, index, onAnswer }: { goal: LessonGoal; result: GoalResult; index: number; onAnswer: SetAnswer }) {
  const state = result.passed ? 'passed' : 'failed';
  return (
    <li className={`lesson-goal is-${state}`} data-testid={`lesson-goal-${index}`}>
      <span className="lesson-goal__mark" aria-hidden>
        {result.passed ? '✓' : '○'}
      </span>
      <div className="lesson-goal__body">
        <div className="lesson-goal__text">{describeGoal(goal)}</div>
        {goal.kind === 'answer' && (
          <>
            <div className="lesson-goal__prompt">
              <MarkdownInline text={goal.prompt} />
            </div>
            <AnswerField index={index} answer={goal.answer} onAnswer={onAnswer} />
          </>
        )}
        <div className="lesson-goal__detail">
          <span className="lesson-goal__status">{state}</span> — {result.detail}
        </div>
      </div>
    </li>
  );
}

/** The goals with their results and answer fields; shared by network and computational-graph lessons. */
export function GoalList({ lesson, results, onAnswer }: { lesson: Lesson; results: GoalResult[]; onAnswer: SetAnswer }) {
  if (lesson.goals.length === 0) return null;
  const passed = results.filter((r) => r.passed).length;
  return (
    <section className="lesson-goals" aria-label="Goals">
      <div className="lesson-goals__header">
        <h3 className="form-section__title">Goals</h3>
        <span className={`lesson-goals__count${passed === results.length ? ' is-done' : ''}`} data-testid="lesson-goals-count">
          {passed} of {results.length} passed
        </span>
      </div>
      <ol className="lesson-goals__list">
        {lesson.goals.map((goal, i) => (
          <GoalItem key={i} goal={goal} result={results[i]!} index={i} onAnswer={onAnswer} />
        ))}
      </ol>
    </section>
  );
}

function Goals({ lesson }: { lesson: Lesson }) {
  const results = useGoalResults(lesson);
  return <GoalList lesson={lesson} results={results} onAnswer={(i, a) => useProjectStore.getState().setLessonAnswer(i, a)} />;
}

function TeacherSwitch() {
  const teacherMode = useProjectStore((s) => s.teacherMode);
  const toggle = () => {
    const store = useProjectStore.getState();
    store.setTeacherMode(!teacherMode);
    useUiStore.getState().showNotice(teacherMode ? 'Student view: the lesson’s locks apply.' : 'Teacher mode: edit the lesson; its locks do not apply to you.');
  };
  return (
    <label className="lesson-teacher" title="Edit the lesson and its locks; locks do not apply in teacher mode">
      <input type="checkbox" checked={teacherMode} onChange={toggle} data-testid="teacher-mode" />
      <span>Teacher mode</span>
    </label>
  );
}

export function LessonPanel() {
  const lesson = useProjectStore((s) => s.project.lesson);
  const teacherMode = useProjectStore((s) => s.teacherMode);
  const create = () => {
    const store = useProjectStore.getState();
    store.setTeacherMode(true);
    store.setLesson(EMPTY_LESSON);
  };
  return (
    <aside className="lesson-panel panel" aria-label="Lesson" data-testid="lesson-panel">
      <header className="panel__header lesson-panel__header">
        <span className="panel__title">Lesson</span>
        {lesson && <TeacherSwitch />}
      </header>
      <div className="lesson-panel__body">
        {!lesson && (
          <div className="lesson-panel__empty">
            <p>This project has no lesson. A lesson adds instructions, parts the student cannot change, and goals the app checks.</p>
            <button type="button" className="button" onClick={create} data-testid="lesson-create">
              Create a lesson
            </button>
          </div>
        )}
        {lesson && teacherMode && <LessonEditor lesson={lesson} />}
        {lesson && (
          <>
            <h2 className="lesson-panel__title" data-testid="lesson-title">
              {lesson.title}
            </h2>
            <MarkdownBlock text={lesson.instructions} testId="lesson-instructions" className="lesson-instructions" />
            <Goals lesson={lesson} />
          </>
        )}
      </div>
    </aside>
  );
}
