/**
 * A node's declared tensors (NodeSpec.weights) resolved for its params and input shapes: what
 * the engine allocates, the project saves and the editor counts.
 */
import type { NodeSpec, Shape, WeightInit, WeightSpec } from './types';

export interface DeclaredWeight {
  name: string;
  shape: Shape;
  init: WeightInit;
  fans?(shape: Shape): readonly [number, number];
  trainable: boolean;
  decay: boolean;
}

/** The tensors a node of this spec owns, in declaration order (absent ones left out). */
export function declaredWeights(spec: NodeSpec, inputs: readonly Shape[], params: Readonly<Record<string, unknown>>): DeclaredWeight[] {
  const out: DeclaredWeight[] = [];
  for (const w of (spec.weights ?? []) as readonly WeightSpec[]) {
    if (w.present && !w.present(params)) continue;
    out.push({
      name: w.name,
      shape: w.shape(params, inputs),
      init: typeof w.init === 'function' ? w.init(params) : w.init,
      ...(w.fans ? { fans: w.fans } : {}),
      trainable: w.trainable,
      decay: w.decay,
    });
  }
  return out;
}

/** Whether nodes of this spec have anything the optimiser trains (the node face marks them). */
export function hasTrainableWeights(spec: NodeSpec): boolean {
  return (spec.weights ?? []).some((w) => w.trainable);
}
