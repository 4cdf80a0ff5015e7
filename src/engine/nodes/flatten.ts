import { viewNode } from './view-layer';

/** A view: the values in NCHW order are already the flat order. */
export const flatten = viewNode<'flatten'>();
