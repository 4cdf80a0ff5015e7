/** Commands on the project's lesson: the teacher's edits, and a student's answer to a goal. */
import type { Lesson } from '../../../shared/lesson-types';
import type { Command } from './types';

/** Sets (or, with undefined, removes) the whole lesson: teacher mode only (the store's locks refuse it otherwise). */
export function setLessonCommand(lesson: Lesson | undefined, label = 'Edit lesson'): Command {
  return {
    label,
    undoable: true,
    perform(doc) {
      const { lesson: _old, ...rest } = doc.project;
      return { ...doc, project: lesson ? { ...rest, lesson } : rest };
    },
  };
}

/** The student's answer to answer goal `index` (undefined clears it): allowed in the locked view. */
export function setLessonAnswerCommand(index: number, answer: number | undefined): Command {
  return {
    label: 'Answer',
    undoable: true,
    perform(doc) {
      const lesson = doc.project.lesson;
      const goal = lesson?.goals[index];
      if (!lesson || goal?.kind !== 'answer' || goal.answer === answer) return doc;
      const { answer: _old, ...rest } = goal;
      const goals = lesson.goals.map((g, i) => (i === index ? (answer === undefined ? rest : { ...rest, answer }) : g));
      return { ...doc, project: { ...doc.project, lesson: { ...lesson, goals } } };
    },
  };
}
