/**
 * How the canvas fits the network into view. The extra room at the bottom keeps nodes clear of
 * the minimap and zoom controls (bottom corners): networks run left to right, so height is cheap.
 */
import type { FitViewOptions } from '@xyflow/react';

export const FIT_VIEW_OPTIONS: FitViewOptions = {
  padding: { top: '40px', left: '56px', right: '40px', bottom: '136px' },
  duration: 250,
  maxZoom: 1.1,
};
