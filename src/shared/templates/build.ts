/** Small builders for the New-project templates: a chain of nodes wired left to right. */
import type { Graph } from '../graph-types';
import { PROJECT_FORMAT, PROJECT_VERSION, type DataConfig, type Project, type TrainingConfig } from '../project-types';

/** One node of a chain: [id, type, params]. */
export type ChainLink = readonly [id: string, type: string, params?: Record<string, unknown>];

/** Distance between two nodes of a chain, in canvas pixels (a node is about 172 × 90). */
export const CHAIN_SPACING = { x: 272, y: 160 };

/** Chains longer than this wrap into rows, so a template fits a laptop screen at full size. */
export const NODES_PER_ROW = 3;

/**
 * A chain input → … → loss, each node wired `out` → `in` to the next, laid out left to right
 * in rows of `perRow` nodes (the editor draws the wrap-around edge below the row).
 */
export function chainGraph(links: readonly ChainLink[], perRow = links.length <= 4 ? 4 : NODES_PER_ROW): Graph {
  const nodes = links.map(([id, type, params], i) => ({
    id,
    type,
    position: { x: 40 + (i % perRow) * CHAIN_SPACING.x, y: 40 + Math.floor(i / perRow) * CHAIN_SPACING.y },
    params: { ...(params ?? {}) },
  }));
  const edges = nodes.slice(1).map((node, i) => ({
    id: `e${i + 1}`,
    source: nodes[i]!.id,
    sourceHandle: 'out',
    target: node.id,
    targetHandle: 'in',
  }));
  return { nodes, edges };
}

export function makeProject(name: string, graph: Graph, data: DataConfig, training: TrainingConfig): Project {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, name, graph, data, training };
}
