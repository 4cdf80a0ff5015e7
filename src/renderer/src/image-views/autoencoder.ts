/**
 * Recognising an autoencoder in a graph: a loss whose target is the network's input. Its
 * prediction (the node feeding the loss) is the reconstruction; a Gaussian noise node makes it a
 * denoising one; nodes of 2 values are bottleneck codes that can be drawn as points on a plane.
 */
import { getNodeSpec } from '../../../shared/nodes';
import type { Graph } from '../../../shared/graph-types';
import type { LayerSummary } from '../../../shared/protocol';

export interface AutoencoderInfo {
  lossId: string;
  /** The node whose output is compared with the input: the reconstruction. */
  predictionId: string;
  /** The Gaussian noise the network sees during training (a denoising autoencoder), if any. */
  noise: { nodeId: string; stddev: number } | null;
}

export function autoencoderOf(graph: Graph): AutoencoderInfo | null {
  const loss = graph.nodes.find((n) => getNodeSpec(n.type)?.category === 'loss' && n.params.target === 'input');
  const edge = loss && graph.edges.find((e) => e.target === loss.id);
  if (!loss || !edge) return null;
  const noiseNode = graph.nodes.find((n) => n.type === 'gaussianNoise');
  const stddev = noiseNode ? Number(noiseNode.params.stddev ?? getNodeSpec('gaussianNoise')!.params.stddev!.default) : 0;
  return { lossId: loss.id, predictionId: edge.source, noise: noiseNode && stddev > 0 ? { nodeId: noiseNode.id, stddev } : null };
}

/** Nodes whose output is 2 numbers per sample (not the input, not a loss), in network order. */
export function codeNodes(layers: readonly LayerSummary[]): string[] {
  return layers.filter((l) => l.type !== 'input' && getNodeSpec(l.type)?.category !== 'loss' && l.shape.length === 1 && l.shape[0] === 2).map((l) => l.id);
}

/** Gaussian noise from a small seeded generator (mulberry32 + Box–Muller), so a view shows the same noise each time. */
export function seededNormals(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const t = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** Network units → data units, per feature: x = v / scale + offset (the inverse of the normaliser). */
export function denormalize(values: Float32Array, offset: Float32Array, scale: Float32Array): Float32Array {
  const k = offset.length;
  return values.map((v, i) => v / scale[i % k]! + offset[i % k]!);
}

/** Data units → network units: v = (x − offset) · scale. */
export function normalize(values: Float32Array, offset: Float32Array, scale: Float32Array): Float32Array {
  const k = offset.length;
  return values.map((x, i) => (x - offset[i % k]!) * scale[i % k]!);
}
