/** What a New-project template is (its own module, so the template files need not import index.ts, which imports them). */
import type { Project } from '../project-types';
import type { LectureInfo } from './lectures/types';

export interface ProjectTemplate {
  id: string;
  label: string;
  /** One sentence for the New menu. */
  description: string;
  /** The New menu's group: 'lectures' for the lectures' worked examples (absent: Templates). */
  group?: 'lectures';
  /** A lecture's worked example: explanation and the slides' numbers (templates/lectures). */
  lecture?: LectureInfo;
  /** Another lecture template this one varies (offered in the lecture panel, not in New ▾). */
  variantOf?: string;
  build(): Project;
}
