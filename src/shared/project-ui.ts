/**
 * `ui`: how the app shows a project, saved with it but never read by the engine's training
 * (the CLI ignores it): the training pace and "train until stopped".
 */
import { boolean, fail, object, optional } from './project-fields';
import { paceProblem, type TrainingPace } from './protocol-pace';

export interface ProjectUi {
  /** How fast Train runs: 'step', steps per second, or 'max' (the default). */
  pace?: TrainingPace;
  /** Train until stopped: ignore the configured epochs. */
  untilStopped?: boolean;
}

export function checkProjectUi(value: unknown, path: string): void {
  const ui = object(value, path, [], ['pace', 'untilStopped'], 'the ui section');
  optional(ui, 'pace', path, (v, p) => {
    const problem = paceProblem(v);
    if (problem) fail(p, problem.replace(/^pace /, ''));
  });
  optional(ui, 'untilStopped', path, boolean);
}
