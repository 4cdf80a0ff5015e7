/** What a New-project template is (its own module, so the template files need not import index.ts, which imports them). */
import type { Project } from '../project-types';

export interface ProjectTemplate {
  id: string;
  label: string;
  /** One sentence for the New menu. */
  description: string;
  build(): Project;
}
