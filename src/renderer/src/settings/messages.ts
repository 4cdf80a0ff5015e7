/** Turns a project-format message ("training.batchSize: must be an integer ≥ 1 (got 0)") into form words. */
export function fieldError(label: string, message: string | null): string | null {
  if (!message) return null;
  const text = message.replace(/\n\s*help: /, ' — ');
  const match = /^[\w.[\]]+: ([\s\S]*)$/.exec(text);
  if (!match) return text;
  const rest = match[1]!;
  // "must be …" reads as a sentence about the field; anything else already names what it is about.
  return /^(must|is|needs) /.test(rest) ? `${label} ${rest}` : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** A percentage for display: 0.2 → 20. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}
