/** Finding node types by name, for the palette's search box and the quick-add menu. */
import { categories, getNodeSpec, nodeTypesIn, type NodeType } from '../../../shared/nodes';
import type { Category } from '../../../shared/nodes/types';

export interface TypeGroup {
  category: Category;
  label: string;
  types: NodeType[];
}

/**
 * Types a beginner reaches for most often: among equally good name matches they come first,
 * so "soft" finds Softmax before Softplus and "s" finds Sigmoid before Sign.
 */
export const COMMON_TYPES: ReadonlySet<NodeType> = new Set<NodeType>([
  'input', 'dense', 'conv2d', 'maxPool2d', 'flatten', 'relu', 'sigmoid', 'tanh', 'softmax', 'dropout', 'mse', 'crossEntropy', 'binaryCrossEntropy',
]);

/** How well a type matches: exact name 6, name prefix 5 (common) or 4, a word of the name 3, inside the name 2, description 1, none 0. */
export function matchScore(type: NodeType, query: string): number {
  const spec = getNodeSpec(type)!;
  const names = [spec.label.toLowerCase(), type.toLowerCase()];
  if (names.includes(query)) return 6;
  if (names.some((n) => n.startsWith(query))) return COMMON_TYPES.has(type) ? 5 : 4;
  if (names[0]!.split(/[\s-]+/).some((word) => word.startsWith(query))) return 3;
  if (names.some((n) => n.includes(query))) return 2;
  if (spec.description.toLowerCase().includes(query)) return 1;
  return 0;
}

/** Categories in palette order with their matching types (empty categories left out). */
export function groupedTypes(query: string): TypeGroup[] {
  const q = query.trim().toLowerCase();
  return categories
    .map((c) => ({
      category: c.id,
      label: c.label,
      types: nodeTypesIn(c.id).filter((t) => !q || matchScore(t, q) > 0 || c.label.toLowerCase().startsWith(q)),
    }))
    .filter((g) => g.types.length > 0);
}

/** Matching types, best first (exact name, then name prefix with common types first, then the rest), for the quick-add list. */
export function rankedTypes(query: string): NodeType[] {
  const q = query.trim().toLowerCase();
  const all = groupedTypes('').flatMap((g) => g.types);
  if (!q) return all;
  return all
    .map((t, i) => ({ t, s: matchScore(t, q), i }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.t);
}

/** The first sentence of a description, for one-line hints. */
export function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
