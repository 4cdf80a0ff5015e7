/** Filling in and checking a node's params against its spec. */
import { didYouMean } from './closest-names';
import type { GraphIssue } from './graph-types';
import { getNodeSpec, type NodeType } from './nodes';
import { checkParamValue, copyDefault } from './nodes/params';

export interface ResolvedParams {
  /** Every param of the spec; a missing or invalid value is replaced by its default. */
  params: Record<string, unknown>;
  /** One issue per bad or unknown param, with `param` set (no `nodeId`: the caller knows it). */
  issues: GraphIssue[];
}

export function resolveParams(type: NodeType, raw: unknown): ResolvedParams {
  const spec = getNodeSpec(type)!;
  const params: Record<string, unknown> = {};
  const issues: GraphIssue[] = [];
  const given: Record<string, unknown> =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const known = Object.keys(spec.params);

  for (const [name, paramSpec] of Object.entries(spec.params)) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined) {
      params[name] = copyDefault(paramSpec);
      continue;
    }
    const problem = checkParamValue(paramSpec, value);
    if (problem) {
      issues.push({ param: name, message: problem });
      params[name] = copyDefault(paramSpec);
    } else {
      params[name] = Array.isArray(value) ? [...value] : value;
    }
  }
  for (const name of Object.keys(given)) {
    if (Object.hasOwn(spec.params, name)) continue;
    const takes = known.length ? `${spec.label} takes ${known.join(', ')}` : `${spec.label} takes no parameters`;
    const hint = didYouMean(name, known);
    issues.push({ param: name, message: `${spec.label} has no parameter '${name}'`, help: hint ? `${hint} ${takes}` : takes });
  }
  return { params, issues };
}
