/**
 * Activations differ only in their text and params: one input `in`, one output `out`, and the
 * output shape equals the input shape. The engine supplies the math; this supplies the spec.
 * Every activation also gets the activity-penalty params (regularizer-params.ts), uniformly.
 */
import { activityParams, type ActivityParams } from './regularizer-params';
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
  /** Behaviour flags, as NodeSpec's. */
  signedOutput?: boolean;
  straightThrough?: boolean;
}

/** The activation types whose outputs lie in (0, 1), where KL sparsity is defined. */
const KL_TYPES: readonly string[] = ['sigmoid'];

export function defineActivation<
  const T extends string,
  const PS extends Record<string, ParamSpec> = Record<never, never>,
>(options: ActivationOptions<T, PS>): NodeSpec<T, PS & ActivityParams> {
  const { type, label, description, formula, summary, flatOnly = false, signedOutput, straightThrough } = options;
  const params = { ...(options.params ?? ({} as PS)), ...activityParams };
  return defineNode({
    type,
    label,
    category: 'activation',
    description,
    formula,
    inputs: [{ id: 'in', label: 'in' }],
    outputs: [{ id: 'out', label: 'out' }],
    params,
    summary(p) {
      const parts = summary ? [summary(p)] : [];
      if (p.activityRegularizer === 'l1') parts.push(`L1 activity ${p.activityL1}`);
      if (p.activityRegularizer === 'kl') parts.push(`KL ρ = ${p.rho}`);
      return parts.join(', ');
    },
    inferShape(inputs, p) {
      const shape = inputs[0]!;
      if (flatOnly) {
        const notFlat = expectFlat(label, shape);
        if (notFlat) return notFlat;
      }
      if (p.activityRegularizer === 'kl' && !KL_TYPES.includes(type)) {
        return {
          error: `KL sparsity compares average activations with ρ, so they must lie between 0 and 1; ${label} outputs do not`,
          help: 'use the KL penalty on a Sigmoid, or choose the L1 activity penalty here',
        };
      }
      return { shape };
    },
    ...(signedOutput ? { signedOutput } : {}),
    ...(straightThrough ? { straightThrough } : {}),
  });
}
