/** Finding node types by name, for the palette's search box and the quick-add menu. */
import { categories, getNodeSpec, nodeTypesIn, type NodeType } from '../../../shared/nodes';
import type { Category } from '../../../shared/nodes/types';

export interface TypeGroup {
  category: Category;
  label: string;
  types: NodeType[];
}

function score(type: NodeType, query: string): number {
  const spec = getNodeSpec(type)!;
  const label = spec.label.toLowerCase();
  if (label.startsWith(query) || type.toLowerCase().startsWith(query)) return 3;
  if (label.includes(query) || type.toLowerCase().includes(query)) return 2;
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
      types: nodeTypesIn(c.id).filter((t) => !q || score(t, q) > 0 || c.label.toLowerCase().startsWith(q)),
    }))
    .filter((g) => g.types.length > 0);
}

/** Matching types, best matches first (name before description), for the quick-add list. */
export function rankedTypes(query: string): NodeType[] {
  const q = query.trim().toLowerCase();
  const all = groupedTypes('').flatMap((g) => g.types);
  if (!q) return all;
  return all
    .map((t, i) => ({ t, s: score(t, q), i }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.t);
}

/** The first sentence of a description, for one-line hints. */
export function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
