import { plainShape } from './shape-checks';
import { defineNode, type InferResult, type Shape } from './types';

/** Merges need two inputs or more; null when they have them. */
export function expectSeveral(label: string, inputs: readonly Shape[]): InferResult | null {
  if (inputs.length >= 2) return null;
  return { error: `${label} joins two or more inputs but has only one`, help: 'connect another node to its input' };
}

export const add = defineNode({
  type: 'add',
  label: 'Add',
  category: 'merge',
  description:
    'Adds its inputs element by element; they must all have the same shape. Connect as many nodes as you like. ' +
    'Adding a layer\'s input to its output makes a residual (skip) connection.',
  formula: 'y = x₁ + x₂ + … + xₙ',
  inputs: [{ id: 'in', label: 'in', variadic: true }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {},
  inferShape(inputs) {
    const few = expectSeveral('Add', inputs);
    if (few) return few;
    const first = inputs[0]!;
    const other = inputs.find((s) => s.length !== first.length || s.some((d, i) => d !== first[i]));
    if (!other) return { shape: first };
    return {
      error: `Add needs inputs of the same shape, but gets ${plainShape(first)} and ${plainShape(other)}`,
      help: 'make the shapes equal, e.g. give the layers before it the same number of units',
    };
  },
});
