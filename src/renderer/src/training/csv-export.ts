/** CSV of chart data: a header row, then one row per x value; empty cells where a series has no value. */
import { clickDownload, downloadText } from '../platform/web-files';

export interface CsvSeries {
  name: string;
  points: readonly { x: number; y: number }[];
}

function cell(v: number | undefined): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}

function quoted(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins series on their x values (sorted ascending). */
export function seriesToCsv(xName: string, series: readonly CsvSeries[]): string {
  const columns = series.map((s) => {
    const m = new Map<number, number>();
    for (const p of s.points) m.set(p.x, p.y);
    return m;
  });
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const lines = [[xName, ...series.map((s) => s.name)].map(quoted).join(',')];
  for (const x of xs) lines.push([cell(x), ...columns.map((c) => cell(c.get(x)))].join(','));
  return `${lines.join('\n')}\n`;
}

/** A file name from a title: "Loss per epoch" → "loss-per-epoch". */
export function fileStem(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}

/** Offers `content` (text or a data: URL) as a download through a temporary <a download>. */
export function download(name: string, content: string, mime = 'text/csv'): void {
  if (content.startsWith('data:')) clickDownload(document, content, name);
  else downloadText(document, content, name, mime);
}
