/**
 * The network as a standalone SVG for slides and papers: drawn from the graph itself (positions,
 * measured node sizes, labels, each node's key params and output shape), not copied
 * from the screen, so it is crisp at any size, has a white background and needs no fonts or CSS
 * of the app.
 */
import type { GraphAnalysis } from '../../../shared/graph';
import type { Graph } from '../../../shared/graph-types';
import { getNodeSpec, type Category } from '../../../shared/nodes';
import { formatShape } from '../../../shared/nodes/types';

export interface CanvasDrawing {
  svg: string;
  width: number;
  height: number;
}

const DEFAULT_SIZE = { width: 180, height: 64 };
const MARGIN = 32;
const ACCENT: Record<Category, string> = {
  input: '#2563eb',
  layer: '#4f46e5',
  activation: '#059669',
  regularization: '#d97706',
  merge: '#7c3aed',
  loss: '#dc2626',
};

const SANS = "system-ui, -apple-system, 'Segoe UI', sans-serif";
const MONO = 'ui-monospace, Menlo, Consolas, monospace';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Cuts text to what fits in `width` pixels at about 0.6·fontSize per character. */
function fit(text: string, width: number, fontSize: number): string {
  const max = Math.max(3, Math.floor(width / (fontSize * 0.6)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function canvasSvg(graph: Graph, analysis: GraphAnalysis, measured: Record<string, { width: number; height: number }>, title: string): CanvasDrawing {
  const boxes = new Map(graph.nodes.map((n) => [n.id, { ...n.position, ...(measured[n.id] ?? DEFAULT_SIZE) }]));
  const all = [...boxes.values()];
  const edge = (values: number[], pick: (...v: number[]) => number) => (values.length > 0 ? pick(...values) : 0);
  const minX = edge(all.map((b) => b.x), Math.min) - MARGIN;
  const minY = edge(all.map((b) => b.y), Math.min) - MARGIN - 28;
  const maxX = edge(all.map((b) => b.x + b.width), Math.max) + MARGIN;
  const maxY = edge(all.map((b) => b.y + b.height), Math.max) + MARGIN;
  const width = Math.round(maxX - minX);
  const height = Math.round(maxY - minY);
  const parts: string[] = [];
  for (const e of graph.edges) {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    if (!from || !to) continue;
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    parts.push(`<path d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" fill="none" stroke="#94a3b8" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }
  for (const n of graph.nodes) {
    const b = boxes.get(n.id)!;
    const spec = getNodeSpec(n.type);
    const accent = spec ? ACCENT[spec.category] : '#64748b';
    const name = n.label || spec?.label || n.type;
    const resolved = analysis.byId.get(n.id);
    const summary = spec?.summary && resolved ? spec.summary(resolved.params as never) : '';
    const sub = summary || (spec && n.label ? spec.label : '');
    parts.push(`<g data-node="${escape(n.id)}">`);
    parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="8" fill="#ffffff" stroke="${accent}" stroke-width="1.5"/>`);
    parts.push(`<rect x="${b.x}" y="${b.y}" width="5" height="${b.height}" rx="2" fill="${accent}"/>`);
    // Name, key params, and the output shape (a loss shows the shape it compares), top to bottom.
    const shape = resolved?.shape && !spec?.loss ? formatShape(resolved.shape) : '';
    const lines = 1 + (sub ? 1 : 0) + (shape ? 1 : 0);
    const textX = b.x + 14;
    let y = b.y + b.height / 2 - ((lines - 1) * 17) / 2 + 5;
    parts.push(`<text x="${textX}" y="${y}" font-size="14" font-weight="600" font-family="${SANS}" fill="#0f172a">${escape(fit(name, b.width - 22, 14))}</text>`);
    if (sub) parts.push(`<text x="${textX}" y="${(y += 17)}" font-size="11.5" font-family="${SANS}" fill="#475569">${escape(fit(sub, b.width - 22, 11.5))}</text>`);
    if (shape) parts.push(`<text x="${textX}" y="${(y += 17)}" font-size="11" font-family="${MONO}" fill="#64748b">${escape(fit(shape, b.width - 22, 11))}</text>`);
    parts.push('</g>');
  }
  const heading = `<text x="${minX + MARGIN}" y="${minY + 24}" font-size="15" font-weight="600" font-family="${SANS}" fill="#0f172a">${escape(title)}</text>`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}">`,
    `<title>${escape(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#94a3b8"/></marker></defs>',
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
    heading,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg: `${svg}\n`, width, height };
}

/** The drawing as a PNG at `scale`× (2 for crisp slides), through an <img> and a canvas. */
export async function svgToPng(drawing: CanvasDrawing, scale = 2): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([drawing.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(drawing.width * scale);
    canvas.height = Math.round(drawing.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, drawing.width, drawing.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas could not be encoded as PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
