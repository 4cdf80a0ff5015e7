/** A graph node after analysis (graph.ts): its own module, so graph.ts's helpers (graph-losses.ts) can use it without importing graph.ts. */
import type { NodeType } from './nodes';
import type { NodeSpec, Shape } from './nodes/types';

export interface ResolvedNode {
  id: string;
  type: NodeType;
  spec: NodeSpec;
  /** Defaults filled in; invalid values replaced by defaults (and reported). */
  params: Record<string, unknown>;
  /** Source node ids, in input-port order (variadic ports: in edge-array order). */
  inputs: string[];
  /** One per entry of `inputs`; empty while any of them is unknown. */
  inputShapes: Shape[];
  /** Output shape (losses: the prediction's shape); null if it could not be inferred. */
  shape: Shape | null;
  /** Ids of the nodes fed by this node, in edge order, without repeats. */
  consumers: string[];
}
