/**
 * Trained weights stay in the project only while they still fit the graph: after an edit,
 * a node whose weight shapes changed (or that is gone) loses its stored weights, so the
 * engine never receives weights it would refuse.
 */
import { analyzeGraph } from '../../../shared/graph';
import type { ShapeContext } from '../../../shared/nodes/types';
import { declaredWeights } from '../../../shared/nodes/weights';
import type { Project, SerializedWeights } from '../../../shared/project-types';

export function pruneStaleWeights(project: Project, ctx: ShapeContext): Project {
  if (!project.weights) return project;
  const { byId } = analyzeGraph(project.graph, ctx);
  const kept: SerializedWeights = {};
  let changed = false;
  for (const [nodeId, tensors] of Object.entries(project.weights)) {
    const node = byId.get(nodeId);
    const expected = node?.spec.weights && node.inputShapes.length > 0 ? declaredWeights(node.spec, node.inputShapes, node.params) : null;
    const fits =
      expected !== null &&
      expected.length === Object.keys(tensors).length &&
      expected.every((w) => sameShape(tensors[w.name]?.shape, w.shape));
    if (fits) kept[nodeId] = tensors;
    else changed = true;
  }
  if (!changed) return project;
  const { weights: _dropped, ...rest } = project;
  return Object.keys(kept).length > 0 ? { ...rest, weights: kept } : rest;
}

function sameShape(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((d, i) => d === b[i]);
}
