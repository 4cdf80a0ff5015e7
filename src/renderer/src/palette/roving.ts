/** Arrow-key movement in a one-Tab-stop list (roving tabindex), shared by the palette and similar lists. */

/** The index a key moves to from `index` in a list of `count`, or null for a key that does not move. Stops at the ends. */
export function nextRovingIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  if (key === 'ArrowDown' || key === 'ArrowRight') return Math.min(last, index + 1);
  if (key === 'ArrowUp' || key === 'ArrowLeft') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}
