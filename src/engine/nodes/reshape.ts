import { viewNode } from './view-layer';

/** A view: the same values read with another shape. */
export const reshape = viewNode<'reshape'>();
