/** The computational-graph document: scalar blocks, their wires, and the output g. Plain data. */
import type { GraphEdge, GraphNode } from '../graph-types';
import type { Lesson } from '../lesson-types';
import { PROJECT_FORMAT, PROJECT_VERSION } from '../project-types';

export const COMPGRAPH_KIND = 'computationalGraph';
export const DEFAULT_FD_STEP = 1e-3;

export interface CompGraph {
  nodes: GraphNode[];
  /** Every edge leaves the source's `out` port; targetHandle names the input port. */
  edges: GraphEdge[];
  /** Id of the node whose value is g (absent while the user has not chosen one). */
  output?: string;
}

export interface CompGraphProject {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_VERSION;
  kind: typeof COMPGRAPH_KIND;
  name: string;
  graph: CompGraph;
  /** Step h of the finite differences shown beside each variable (default 1e-3). */
  finiteDifferences?: { h: number };
  /** A lesson: instructions, answers checked against ∂g/∂θ, optionally the graph locked (compgraph/lesson.ts). */
  lesson?: Lesson;
}
