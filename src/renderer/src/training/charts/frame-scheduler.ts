/**
 * Coalesces redraws: however many engine messages arrive, each registered draw function runs
 * at most once per `minIntervalMs` (charts: 100 ms, so ≤ 10 updates/s), on an animation frame.
 * A frame runs dirty draws only until `frameBudgetMs` is spent; the rest wait for the next
 * frame, so several charts never pile up into one long main-thread task. A draw that is slow
 * (a big chart on a slow machine) waits 8× its own duration before it runs again, so redraws
 * never take more than about an eighth of the main thread.
 */
export interface FrameScheduler {
  /** Marks `draw` dirty; it runs on a coming animation frame (once, however often it was marked). */
  request(draw: () => void): void;
  /** Forgets a pending draw (a component unmounts). */
  cancel(draw: () => void): void;
}

export function createFrameScheduler(
  minIntervalMs: number,
  raf: (cb: (t: number) => void) => number = (cb) => requestAnimationFrame(cb),
  frameBudgetMs = 8,
  now: () => number = () => performance.now(),
): FrameScheduler {
  /** Dirty draws in the order they were first marked. */
  const dirty = new Set<() => void>();
  const lastRun = new Map<() => void, number>();
  const cost = new Map<() => void, number>();
  let pending = false;
  const tick = (t: number) => {
    pending = false;
    const start = now();
    for (const draw of [...dirty]) {
      const interval = Math.max(minIntervalMs, 8 * (cost.get(draw) ?? 0));
      if (t - (lastRun.get(draw) ?? -Infinity) < interval) continue; // too soon for this one
      if (now() - start > frameBudgetMs) break; // the frame is spent: the rest go next frame
      dirty.delete(draw);
      lastRun.set(draw, t);
      const before = now();
      draw();
      cost.set(draw, now() - before);
    }
    if (dirty.size > 0) schedule();
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    raf(tick);
  };
  return {
    request(draw) {
      dirty.add(draw);
      schedule();
    },
    cancel(draw) {
      dirty.delete(draw);
      lastRun.delete(draw);
      cost.delete(draw);
    },
  };
}

/** The charts' scheduler: each chart at most 10 times per second. */
export const chartFrames = createFrameScheduler(100, undefined, 4);
/** The decision-boundary canvases: as fast as frames arrive, at most ~30 per second. */
export const mapFrames = createFrameScheduler(30, undefined, 12);
