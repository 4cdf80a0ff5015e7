/** Parameter counts and the Keras-style model summary, from a graph analysis. */
import type { GraphAnalysis, ResolvedNode } from '../../../shared/graph';
import { formatShape, shapeSize } from '../../../shared/nodes/types';
import { declaredWeights } from '../../../shared/nodes/weights';

/** Trainable values of one node (buffers such as running statistics not counted); null while its input shapes are unknown. */
export function parameterCount(node: ResolvedNode): number | null {
  if (!node.spec.weights?.some((w) => w.trainable)) return 0;
  if (node.inputShapes.length < node.inputs.length || node.inputs.length === 0) return null;
  const trainable = declaredWeights(node.spec, node.inputShapes, node.params).filter((w) => w.trainable);
  return trainable.reduce((sum, w) => sum + shapeSize(w.shape), 0);
}

export interface SummaryRow {
  id: string;
  /** The user's label, else the type's. */
  name: string;
  typeLabel: string;
  /** `[batch, 16]`, or null when unknown. */
  shape: string | null;
  params: number | null;
}

export interface ModelSummaryTable {
  rows: SummaryRow[];
  total: number;
  /** False when some counts are unknown (the total then counts only the known ones). */
  complete: boolean;
}

/** Rows in topological order, then any node that could not be ordered (on a loop). */
export function summarizeModel(analysis: GraphAnalysis, labels: ReadonlyMap<string, string>): ModelSummaryTable {
  const ordered = new Set(analysis.order.map((n) => n.id));
  const nodes = [...analysis.order, ...[...analysis.byId.values()].filter((n) => !ordered.has(n.id))];
  const rows = nodes.map((node) => ({
    id: node.id,
    name: labels.get(node.id) || node.spec.label,
    typeLabel: node.spec.label,
    shape: node.shape ? formatShape(node.shape) : null,
    params: parameterCount(node),
  }));
  const total = rows.reduce((sum, r) => sum + (r.params ?? 0), 0);
  return { rows, total, complete: rows.every((r) => r.params !== null) };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
