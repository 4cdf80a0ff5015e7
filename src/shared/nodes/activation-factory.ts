/**
 * Activations differ only in their text and params: one input `in`, one output `out`, and the
 * output shape equals the input shape. The engine supplies the math; this supplies the spec.
 */
import { expectFlat } from './shape-checks';
import { defineNode, type NodeSpec, type ParamSpec, type ParamsOf } from './types';

interface ActivationOptions<T extends string, PS extends Record<string, ParamSpec>> {
  type: T;
  label: string;
  description: string;
  formula: string;
  params?: PS;
  summary?(p: ParamsOf<PS>): string;
  /** Softmax-like activations work across the features, so they need a flat (rank 1) input. */
  flatOnly?: boolean;
}

export function defineActivation<
  const T extends string,
  const PS extends Record<string, ParamSpec> = Record<never, never>,
>(options: ActivationOptions<T, PS>): NodeSpec<T, PS> {
  const { type, label, description, formula, summary, flatOnly = false } = options;
  return defineNode({
    type,
    label,
    category: 'activation',
    description,
    formula,
    inputs: [{ id: 'in', label: 'in' }],
    outputs: [{ id: 'out', label: 'out' }],
    params: options.params ?? ({} as PS),
    ...(summary ? { summary } : {}),
    inferShape(inputs) {
      const shape = inputs[0]!;
      if (flatOnly) {
        const notFlat = expectFlat(label, shape);
        if (notFlat) return notFlat;
      }
      return { shape };
    },
  });
}
