/** Draws now and again on every new probe frame, at most as often as the map scheduler allows. */
import { useEffect } from 'react';
import { mapFrames } from '../charts/frame-scheduler';
import { frames } from '../live';

export function useFrameRedraw(draw: () => void): void {
  useEffect(() => {
    draw();
    const unsubscribe = frames.changed.subscribe(() => mapFrames.request(draw));
    return () => {
      unsubscribe();
      mapFrames.cancel(draw);
    };
  }, [draw]);
}
