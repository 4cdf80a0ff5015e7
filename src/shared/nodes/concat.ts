import { expectSeveral } from './add';
import { plainShape } from './shape-checks';
import { defineNode } from './types';

export const concat = defineNode({
  type: 'concat',
  label: 'Concat',
  category: 'merge',
  description:
    'Joins its inputs side by side along one axis of the sample shape, in the order they were connected. ' +
    'Axis 0 is the features of flat inputs and the channels of images ([C, H, W]); the other sizes must match.',
  formula: 'y = [x₁, x₂, …, xₙ] along the axis',
  inputs: [{ id: 'in', label: 'in', variadic: true }],
  outputs: [{ id: 'out', label: 'out' }],
  params: {
    axis: { kind: 'int', label: 'Axis', help: 'Which axis of one sample to join along: 0 = features or channels, 1 = rows, 2 = columns.', default: 0, min: 0, max: 3 },
  },
  summary: (p) => `axis ${p.axis}`,
  inferShape(inputs, p) {
    const few = expectSeveral('Concat', inputs);
    if (few) return few;
    const first = inputs[0]!;
    for (const s of inputs) {
      if (s.length !== first.length)
        return {
          error: `Concat needs inputs with the same number of dimensions, but gets ${plainShape(first)} and ${plainShape(s)}`,
          help: 'add a Flatten before the image input to join it with flat features',
        };
    }
    if (p.axis >= first.length)
      return {
        error: `Concat along axis ${p.axis} needs inputs with at least ${p.axis + 1} dimensions, but gets ${plainShape(first)}`,
        help: 'use axis 0 (the features, or the channels of an image)',
      };
    const out = [...first];
    for (const s of inputs.slice(1)) {
      if (s.some((d, i) => i !== p.axis && d !== first[i]))
        return {
          error: `Concat along axis ${p.axis} needs all other sizes to match, but gets ${plainShape(first)} and ${plainShape(s)}`,
          help: 'make the shapes agree everywhere except on the joined axis',
        };
      out[p.axis]! += s[p.axis]!;
    }
    return { shape: out };
  },
});
