/**
 * `ui`: how the app shows a project, saved with it but never read by the engine's training
 * (the CLI ignores it): the training pace, "train until stopped" and the lecture it shows.
 */
import { boolean, fail, object, optional, string } from './project-fields';
import { paceProblem, type TrainingPace } from './protocol-pace';

export interface ProjectUi {
  /** How fast Train runs: 'step', steps per second, or 'max' (the default). */
  pace?: TrainingPace;
  /** Train until stopped: ignore the configured epochs. */
  untilStopped?: boolean;
  /** The lecture template the project came from: the app shows its explanation and numbers. */
  lecture?: string;
}

export function checkProjectUi(value: unknown, path: string): void {
  const ui = object(value, path, [], ['pace', 'untilStopped', 'lecture'], 'the ui section');
  optional(ui, 'pace', path, (v, p) => {
    const problem = paceProblem(v);
    if (problem) fail(p, problem.replace(/^pace /, ''));
  });
  optional(ui, 'untilStopped', path, boolean);
  optional(ui, 'lecture', path, (v, p) => string(v, p));
}
