/**
 * Losses are sinks: one input `in` (the prediction), no outputs, and a `target` param that says
 * what the prediction is compared with. Checks against the data (sizes, tasks) live in graph.ts,
 * where the data is known; the output "shape" of a loss is its prediction's shape.
 */
import { defineNode, type LossInfo, type NodeSpec } from './types';

export const lossTargetParam = {
  kind: 'enum',
  label: 'Target',
  help: "What the prediction is compared with: the data's labels, or the network's own input (autoencoders).",
  default: 'labels',
  options: ['labels', 'input'],
} as const;

interface LossOptions<T extends string> {
  type: T;
  label: string;
  description: string;
  formula: string;
  loss: LossInfo;
}

type LossParams = { target: typeof lossTargetParam };

export function defineLoss<const T extends string>(options: LossOptions<T>): NodeSpec<T, LossParams> {
  return defineNode({
    type: options.type,
    label: options.label,
    category: 'loss',
    description: options.description,
    formula: options.formula,
    inputs: [{ id: 'in', label: 'prediction' }],
    outputs: [],
    params: { target: lossTargetParam },
    summary: (p) => (p.target === 'input' ? 'target: input' : 'target: labels'),
    inferShape: (inputs) => ({ shape: inputs[0]! }),
    loss: options.loss,
  });
}
