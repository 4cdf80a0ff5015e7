/**
 * Losses are sinks: one input `in` (the prediction), no outputs, and a `target` param that says
 * what the prediction is compared with. Checks against the data (sizes, tasks) live in graph.ts,
 * where the data is known; the output "shape" of a loss is its prediction's shape.
 */
import { defineNode, type LossInfo, type NodeSpec, type ParamSpec, type ParamsOf } from './types';

export const lossTargetParam = {
  kind: 'enum',
  label: 'Target',
  help: "What the prediction is compared with: the data's labels, or the network's own input (autoencoders).",
  default: 'labels',
  options: ['labels', 'input'],
} as const;

type LossParams = { target: typeof lossTargetParam };

interface LossOptions<T extends string, Extra extends Record<string, ParamSpec>> {
  type: T;
  label: string;
  description: string;
  formula: string;
  loss: LossInfo;
  /** Params of this loss besides `target` (MSE's reduction and scale). */
  params?: Extra;
  /** Words for the node face after "target: …", when the extra params are not at their defaults. */
  summary?(p: ParamsOf<LossParams & Extra>): string | undefined;
}

export function defineLoss<const T extends string, const Extra extends Record<string, ParamSpec> = Record<never, ParamSpec>>(
  options: LossOptions<T, Extra>,
): NodeSpec<T, LossParams & Extra> {
  const params = { target: lossTargetParam, ...options.params } as LossParams & Extra;
  return defineNode({
    type: options.type,
    label: options.label,
    category: 'loss',
    description: options.description,
    formula: options.formula,
    inputs: [{ id: 'in', label: 'prediction' }],
    outputs: [],
    params,
    summary: (p: ParamsOf<LossParams & Extra>) => {
      const target = p.target === 'input' ? 'target: input' : 'target: labels';
      const extra = options.summary?.(p);
      return extra ? `${target}, ${extra}` : target;
    },
    inferShape: (inputs) => ({ shape: inputs[0]! }),
    loss: options.loss,
  });
}
