/**
 * The weights export format: plain JSON with nested arrays shaped like the tensors, ready for
 * numpy (`np.array(doc["nodes"]["hidden"]["kernel"]["values"])`).
 */
import { decodeTensor } from '../../../shared/project';
import type { Project, SerializedWeights } from '../../../shared/project-types';

type Nested = number | Nested[];

function nest(data: Float32Array, shape: readonly number[], offset = 0): Nested[] {
  const [first, ...rest] = shape;
  const step = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first ?? 0 }, (_, i) => (rest.length === 0 ? data[offset + i]! : nest(data, rest, offset + i * step)));
}

export function weightsDocument(project: Project, weights: SerializedWeights): string {
  const nodes: Record<string, Record<string, unknown>> = {};
  for (const [nodeId, tensors] of Object.entries(weights)) {
    const type = project.graph.nodes.find((n) => n.id === nodeId)?.type ?? 'unknown';
    nodes[nodeId] = { type };
    for (const [name, tensor] of Object.entries(tensors)) {
      const { shape, data } = decodeTensor(tensor, `${nodeId}.${name}`);
      nodes[nodeId][name] = { shape, values: nest(data, shape) };
    }
  }
  const layout = 'Dense kernel [inputs, units], y = x·kernel + bias; Conv2D kernel [out, in, kh, kw]';
  return `${JSON.stringify({ format: 'backprop-studio-weights', version: 1, project: project.name, layout, nodes }, null, 2)}\n`;
}
