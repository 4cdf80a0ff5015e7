/** The lectures' worked examples as projects (one file each), in the order of the decks. */
import type { ProjectTemplate } from '../template-type';
import { l000221NetworkTemplate } from './l000-221-network-l2-backprop';

export const lectureExampleTemplates: readonly ProjectTemplate[] = [l000221NetworkTemplate];
