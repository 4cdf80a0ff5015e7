/** Contour levels and marching-squares segments of the loss-surface plot. */
import { describe, expect, it } from 'vitest';
import { contourLevels, contourSegments } from '../../src/renderer/src/lectures/surface-geometry';

describe('loss-surface contours', () => {
  it('spaces levels strictly inside the range, denser near the minimum', () => {
    const levels = contourLevels([0, 1, 4, 100, NaN], 5);
    expect(levels).toHaveLength(5);
    expect(levels[0]).toBeGreaterThan(0);
    expect(levels[4]).toBeLessThan(100);
    const gaps = levels.slice(1).map((l, i) => l - levels[i]!);
    expect(gaps.every((g, i) => i === 0 || g > gaps[i - 1]!)).toBe(true);
    expect(contourLevels([3, 3, 3], 4)).toEqual([]);
  });

  it('crosses the grid where the values pass the level', () => {
    // x² over a 3 × 3 grid: the level 0.5 crosses between columns 0–1 and 1–2 on both rows of cells.
    const res = 3;
    const values = Array.from({ length: res * res }, (_, i) => ((i % res) - 1) ** 2);
    const segs = contourSegments(values, res, 0.5);
    expect(segs).toHaveLength(4);
    for (const [x0, , x1] of segs) {
      expect(x0).toBeCloseTo(x1, 12); // vertical lines
      expect([0.5, 1.5]).toContain(x0);
    }
    expect(contourSegments(values, res, 5)).toEqual([]);
  });
});
