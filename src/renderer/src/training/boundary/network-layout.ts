/** Where the network view puts each neuron: one column per layer, neurons centred vertically. */
import type { NetworkLayer } from '../../../../shared/protocol';

export interface NetworkColumn {
  /** The Dense node (empty for the input column). */
  nodeId: string;
  title: string;
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
  /** Changes when the structure changes (not the weights). */
  key: string;
}

const GAP = 96;
const MARGIN = 12;

export function layoutNetwork(network: readonly NetworkLayer[], height: number, featureNames?: readonly string[]): NetworkLayout {
  const widths = [network[0]?.inputs ?? 0, ...network.map((l) => l.units)];
  const maxUnits = Math.max(1, ...widths);
  const size = Math.max(6, Math.min(36, Math.floor((height - 2 * MARGIN) / maxUnits) - 4));
  const step = size + 4;
  const columns = widths.map((n, ci): NetworkColumn => {
    const x = MARGIN + ci * (size + GAP);
    const top = (height - n * step + 4) / 2;
    const layer = ci > 0 ? network[ci - 1] : null;
    return {
      nodeId: layer?.nodeId ?? '',
      title: layer ? `${layer.nodeId} (${layer.units})` : `input (${n})`,
      activation: layer?.activation ?? null,
      x,
      size,
      cells: Array.from({ length: n }, (_, u) => ({ x, y: top + u * step, size })),
      labels: ci === 0 ? [...(featureNames ?? [])] : [],
    };
  });
  const width = MARGIN * 2 + widths.length * size + Math.max(0, widths.length - 1) * GAP;
  return { width, columns, key: `${height}|${widths.join(',')}|${network.map((l) => l.nodeId).join(',')}` };
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
