/**
 * Where the network view puts each neuron and each column title: one column per layer, neurons
 * centred vertically, each title centred over its column. The tallest column fits the height
 * (a wide layer gets small neurons close together). The drawing fits the width it is
 * given: the gaps between columns shrink first, then the neurons. Margins and gaps always leave
 * room for the titles, so none is cut at an edge of the view or runs into its neighbour; only
 * when even the smallest drawing is wider than the room does the view scroll sideways.
 */
import type { NetworkLayer } from '../../../../shared/protocol';

export interface NetworkColumn {
  /** The Dense node (empty for the input column). */
  nodeId: string;
  title: string;
  /** Left edge and width of the title above the column. */
  titleX: number;
  titleWidth: number;
  activation: string | null;
  x: number;
  size: number;
  cells: { x: number; y: number; size: number }[];
  /** Names of the neurons (input features), when known. */
  labels: string[];
}

export interface NetworkLayout {
  width: number;
  columns: NetworkColumn[];
  /** Changes when the structure or the geometry changes (not the weights). */
  key: string;
}

export interface NetworkLayoutOptions {
  height: number;
  /** Width in pixels of a column title as the view draws it. */
  textWidth: (text: string) => number;
  /** The room there is; without it the drawing takes its natural width (the widest gaps). */
  maxWidth?: number;
  featureNames?: readonly string[];
}

/** Between two columns when there is room. */
const GAP = 96;
/** The connections between columns still read as lines. */
const MIN_GAP = 24;
const MAX_SIZE = 36;
/** The smallest neurons the width alone shrinks them to (a wide layer has smaller ones). */
const MIN_SIZE = 6;
/** Between two neurons of a column, when there is room. */
const SPACING = 4;
const MARGIN = 12;
/** Between two neighbouring titles. */
const TITLE_GAP = 6;

export function layoutNetwork(network: readonly NetworkLayer[], options: NetworkLayoutOptions): NetworkLayout {
  const { height, textWidth, maxWidth = Infinity, featureNames } = options;
  const widths = [network[0]?.inputs ?? 0, ...network.map((l) => l.units)];
  const titles = widths.map((n, ci) => `${ci > 0 ? network[ci - 1]!.nodeId : 'input'} (${n})`);
  const titleWidths = titles.map((t) => Math.ceil(textWidth(t)));
  const rows = rowsFor(height, Math.max(1, ...widths));
  const { size, xs, width } = fit(titleWidths, rows.size, maxWidth);
  const step = size + rows.spacing;
  const columns = widths.map((n, ci): NetworkColumn => {
    const x = xs[ci]!;
    const top = (height - n * step + rows.spacing) / 2;
    const layer = ci > 0 ? network[ci - 1]! : null;
    return {
      nodeId: layer?.nodeId ?? '',
      title: titles[ci]!,
      titleX: x + size / 2 - titleWidths[ci]! / 2,
      titleWidth: titleWidths[ci]!,
      activation: layer?.activation ?? null,
      x,
      size,
      cells: Array.from({ length: n }, (_, u) => ({ x, y: top + u * step, size })),
      labels: ci === 0 ? [...(featureNames ?? [])] : [],
    };
  });
  return { width, columns, key: `${height}|${size}|${xs.join(',')}|${widths.join(',')}|${network.map((l) => l.nodeId).join(',')}` };
}

/** Neuron size and spacing for the tallest column to fit the height (3 px neurons 1 px apart for 64 units). */
function rowsFor(height: number, maxUnits: number): { size: number; spacing: number } {
  const pitch = Math.min(MAX_SIZE + SPACING, Math.floor((height - 2 * MARGIN) / maxUnits));
  const spacing = Math.min(SPACING, Math.max(1, Math.floor(pitch / 4)));
  return { size: pitch - spacing, spacing };
}

interface Placement {
  size: number;
  /** Left edge of each column. */
  xs: number[];
  width: number;
}

/** The largest drawing no wider than maxWidth: narrower gaps first, then smaller neurons; else the smallest. */
function fit(titleWidths: readonly number[], tallest: number, maxWidth: number): Placement {
  let placement = place(titleWidths, tallest, GAP);
  for (let gap = GAP - 1; gap >= MIN_GAP && placement.width > maxWidth; gap--) placement = place(titleWidths, tallest, gap);
  for (let size = tallest - 1; size >= Math.min(MIN_SIZE, tallest) && placement.width > maxWidth; size--) placement = place(titleWidths, size, MIN_GAP);
  return placement;
}

/** Columns `gap` apart, or further where two titles need it, with room at both ends for the outer titles. */
function place(titleWidths: readonly number[], size: number, gap: number): Placement {
  // A title wider than its column hangs over both sides by half the difference.
  const overhang = (title: number) => Math.max(MARGIN, Math.ceil((title - size) / 2));
  let x = overhang(titleWidths[0]!);
  const xs = titleWidths.map((title, i) => {
    if (i > 0) x += Math.max(size + gap, Math.ceil((titleWidths[i - 1]! + title) / 2) + TITLE_GAP);
    return x;
  });
  return { size, xs, width: x + size + overhang(titleWidths.at(-1)!) };
}

/** Layer types the network view cannot draw neuron by neuron (their views are under Images). */
const IMAGE_LAYER_TYPES: readonly string[] = ['conv2d', 'maxPool2d', 'avgPool2d'];

/** Why the network view shows no drawing for a loaded model, in words for its empty state. */
export function whyNoNetworkDrawing(layers: readonly { type: string }[], maxWidth: number): string {
  if (layers.some((l) => IMAGE_LAYER_TYPES.includes(l.type)))
    return 'The network view draws Dense layers neuron by neuron; this network has convolutions or pooling, so its filters and feature maps are under Images and its weights under Inside a node.';
  if (!layers.some((l) => l.type === 'dense')) return 'This network has no Dense layer to draw neuron by neuron.';
  return `This network is too wide to draw weight by weight (the view draws Dense layers up to ${maxWidth} units and inputs); its weight matrices are under Inside a node.`;
}
