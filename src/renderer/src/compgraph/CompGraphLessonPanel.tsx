/**
 * The lesson panel of a computational graph: the instructions, and answer goals checked against
 * the graph's own reverse mode (computed here, in the page: scalar graphs are tiny).
 */
import { useMemo } from 'react';
import { compGraphAnswerReference } from '../../../shared/compgraph/lesson';
import { evaluateGoal } from '../../../shared/lesson-goals';
import { GoalList } from '../lesson/LessonPanel';
import { MarkdownBlock } from '../lesson/Markdown';
import { useCompGraphStore } from './compgraph-store';
import '../lesson/lesson.css';

const NO_RUN = { epochs: [], test: null, parameters: null };

export function CompGraphLessonPanel() {
  const project = useCompGraphStore((s) => s.project);
  const lesson = project?.lesson;
  const results = useMemo(
    () => (lesson && project ? lesson.goals.map((goal) => evaluateGoal(goal, NO_RUN, goal.kind === 'answer' && goal.answer !== undefined ? compGraphAnswerReference(project.graph, goal.quantity) : null)) : []),
    [lesson, project],
  );
  if (!lesson) return null;
  return (
    <aside className="lesson-panel panel" aria-label="Lesson" data-testid="lesson-panel">
      <header className="panel__header lesson-panel__header">
        <span className="panel__title">Lesson</span>
      </header>
      <div className="lesson-panel__body">
        <h2 className="lesson-panel__title" data-testid="lesson-title">
          {lesson.title}
        </h2>
        <MarkdownBlock text={lesson.instructions} testId="lesson-instructions" className="lesson-instructions" />
        <GoalList lesson={lesson} results={results} onAnswer={(i, a) => useCompGraphStore.getState().setLessonAnswer(i, a)} />
      </div>
    </aside>
  );
}
