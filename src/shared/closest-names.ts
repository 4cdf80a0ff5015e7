/** "Did you mean …?" suggestions for misspelt node types, params and project fields. */

/** Edit distance (insert, delete, substitute, swap of neighbours), case-insensitive. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  // Three rolling rows are enough for the adjacent-swap rule.
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length]!;
}

/**
 * The candidates closest to `word` (at most `max`): those within a small edit distance (scaled
 * with the length) or containing it ("units" for "unit"), keeping only the best-scoring tier so
 * 'unit' suggests 'units' and not also 'init'.
 */
export function closestNames(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const n = name.toLowerCase();
    const distance = editDistance(w, n);
    const contains = w.length >= 3 && (n.includes(w) || w.includes(n));
    // Containment is a strong hint, so it ranks half a step ahead of the same distance.
    if (distance <= limit || contains) scored.push({ name, score: contains ? Math.min(distance, limit) - 0.5 : distance });
  }
  if (scored.length === 0) return [];
  const best = Math.min(...scored.map((s) => s.score));
  return scored.filter((s) => s.score === best).slice(0, max).map((s) => s.name);
}

/** "did you mean 'a' or 'b'?" or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const close = closestNames(word, candidates);
  if (close.length === 0) return '';
  return `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?`;
}
