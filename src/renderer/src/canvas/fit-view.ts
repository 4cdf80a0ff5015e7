/**
 * How the canvas fits the network into view. Extra room at the bottom keeps nodes clear of the
 * minimap and the zoom buttons (bottom corners): networks run left to right, so height is
 * cheap. On a short canvas (a tall training panel below it) that room shrinks with the height,
 * so the network still gets most of it.
 */
import type { FitViewOptions } from '@xyflow/react';

/** Room below the nodes on a tall canvas: the minimap's height and its margin. */
const MINIMAP_ROOM = 136;

export function fitViewOptions(paneHeight: number): FitViewOptions {
  const px = (n: number) => `${Math.round(n)}px` as const;
  const bottom = Math.min(MINIMAP_ROOM, Math.max(16, paneHeight * 0.3));
  const top = Math.min(40, Math.max(8, paneHeight * 0.08));
  return { padding: { top: px(top), left: '56px', right: '40px', bottom: px(bottom) }, duration: 250, maxZoom: 1.1 };
}
