/**
 * Per-layer views of a compiled model for the training panel: weight and gradient norms,
 * the Dense kernels of small networks (the network view's edges) and which Dense layers get
 * per-neuron decision-boundary maps.
 */
import { MAX_NETWORK_WIDTH, type LayerNorm, type NetworkLayer } from '../shared/protocol';
import type { RuntimeNode } from './nodes/layer';
import type { Model } from './model';
import { l2NormSq } from './ops/reduce';

/** Element-wise activations: their output is "the neuron's value" Playground shows. */
export const ELEMENTWISE_ACTIVATIONS: ReadonlySet<string> = new Set(['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'softplus', 'step', 'sign']);
/** Neuron maps are drawn for Dense layers up to this many units. */
export const MAX_NEURON_UNITS = 16;

export interface NeuronLayer {
  dense: RuntimeNode;
  /** The node whose output is shown: the single element-wise activation after the Dense, or the Dense. */
  value: RuntimeNode;
}

function consumersOf(model: Model): Map<RuntimeNode, RuntimeNode[]> {
  const out = new Map<RuntimeNode, RuntimeNode[]>();
  for (const n of model.nodes) for (const i of n.inputs) (out.get(i) ?? out.set(i, []).get(i)!).push(n);
  return out;
}

/** The activation right after a Dense (its only consumer, element-wise), if any. */
function activationAfter(node: RuntimeNode, consumers: Map<RuntimeNode, RuntimeNode[]>): RuntimeNode | null {
  const next = consumers.get(node) ?? [];
  return next.length === 1 && ELEMENTWISE_ACTIVATIONS.has(next[0].type) ? next[0] : null;
}

export function neuronLayers(model: Model): NeuronLayer[] {
  const consumers = consumersOf(model);
  return model.nodes
    .filter((n) => n.type === 'dense' && n.size <= MAX_NEURON_UNITS)
    .map((dense) => ({ dense, value: activationAfter(dense, consumers) ?? dense }));
}

/** ‖weights‖₂ and ‖gradients‖₂ of each node that has parameters (all its params together). */
export function layerNorms(model: Model): LayerNorm[] {
  const out: LayerNorm[] = [];
  for (const n of model.nodes) {
    if (n.params.length === 0) continue;
    let w = 0;
    let g = 0;
    for (const p of n.params) {
      w += l2NormSq(p.data, p.data.length);
      g += l2NormSq(p.grad, p.grad.length);
    }
    out.push({ nodeId: n.id, weight: Math.sqrt(w), grad: Math.sqrt(g) });
  }
  return out;
}

/** Dense layers small enough to draw edge by edge; an empty list for wider networks. */
export function networkLayers(model: Model): NetworkLayer[] {
  const consumers = consumersOf(model);
  const dense = model.nodes.filter((n) => n.type === 'dense');
  if (dense.some((n) => n.size > MAX_NETWORK_WIDTH || n.inputs[0].size > MAX_NETWORK_WIDTH)) return [];
  return dense.map((n) => {
    const kernel = n.params.find((p) => p.name === 'kernel')!;
    const bias = n.params.find((p) => p.name === 'bias');
    return {
      nodeId: n.id,
      inputs: n.inputs[0].size,
      units: n.size,
      kernel: kernel.data.slice(),
      bias: bias ? bias.data.slice() : null,
      activation: activationAfter(n, consumers)?.type ?? null,
    };
  });
}
