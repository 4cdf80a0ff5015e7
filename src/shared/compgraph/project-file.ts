/**
 * Computational-graph projects in the .bprop format: the same header (format, version, name)
 * with `"kind": "computationalGraph"` and a graph of scalar blocks. Read with the same field
 * checks as network projects; a block with a bad param — above all an expression that does not
 * parse — is refused naming the node and the column of the error.
 */
import { fail, join, number, object, optional, ProjectError, string, type Json } from '../project-fields';
import { printJson } from '../project-print';
import { checkGraph } from '../project-sections';
import { PROJECT_FORMAT, PROJECT_VERSION } from '../project-types';
import { paramIssues } from './analyze';
import { checkCompGraphLesson } from './lesson';
import { isScalarOp, scalarOps } from './ops';
import { COMPGRAPH_KIND, type CompGraph, type CompGraphProject } from './types';

const ROOT_KEYS = ['format', 'version', 'kind', 'name', 'graph', 'finiteDifferences', 'lesson'];

/** Checks an already-parsed object whose header says it is a computational graph (version migrated). */
export function validateCompGraphProject(value: Json, fileName?: string): CompGraphProject {
  try {
    const p = object(value, '', ['format', 'version', 'kind', 'name', 'graph'], ['finiteDifferences', 'lesson']);
    string(p.name, 'name', false);
    const g = object(p.graph, 'graph', ['nodes', 'edges'], ['output']);
    checkGraph({ nodes: g.nodes, edges: g.edges }, 'graph');
    optional(g, 'output', 'graph', (v, at) => string(v, at));
    (g.nodes as Json[]).forEach((node, i) => {
      const at = join(join('graph', 'nodes'), i);
      const type = node.type as string;
      if (!isScalarOp(type)) fail(join(at, 'type'), `unknown block type '${type}' in node '${String(node.id)}'`, `the blocks are ${Object.keys(scalarOps).join(', ')}`);
      const issue = paramIssues(type, node.params as Json, String(node.id))[0];
      if (issue) fail(join(join(at, 'params'), issue.param ?? ''), `node '${String(node.id)}': ${issue.message}`);
    });
    optional(p, 'finiteDifferences', '', (v, at) => {
      const fd = object(v, at, ['h']);
      number(fd.h, join(at, 'h'), { min: 0, minExclusive: true, max: 1 });
    });
    optional(p, 'lesson', '', (v, at) => checkCompGraphLesson(v, at, p.graph as unknown as CompGraph));
    return p as unknown as CompGraphProject;
  } catch (err) {
    if (err instanceof ProjectError && fileName) throw new ProjectError(`${fileName}: ${err.message}`, err.path);
    throw err;
  }
}

/** Stable text: the header, then one line per node and per edge, as network projects. */
export function serializeCompGraphProject(project: CompGraphProject): string {
  const ordered: Json = {};
  for (const key of ROOT_KEYS) if ((project as unknown as Json)[key] !== undefined) ordered[key] = (project as unknown as Json)[key];
  const graph = project.graph;
  ordered.graph = {
    nodes: graph.nodes.map((n) => {
      const params: Json = {};
      const spec = isScalarOp(n.type) ? scalarOps[n.type].params : {};
      for (const key of Object.keys(spec)) if (n.params[key] !== undefined) params[key] = n.params[key];
      for (const [key, v] of Object.entries(n.params)) if (!(key in params)) params[key] = v;
      return { id: n.id, type: n.type, ...(n.label !== undefined ? { label: n.label } : {}), position: { x: n.position.x, y: n.position.y }, params };
    }),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle })),
    ...(graph.output !== undefined ? { output: graph.output } : {}),
  };
  validateCompGraphProject(JSON.parse(JSON.stringify(ordered)) as Json); // never write a file we would refuse to open
  return `${printJson(ordered)}\n`;
}

export function isCompGraphJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Json).kind === COMPGRAPH_KIND;
}

/** A new computational-graph project around `graph`. */
export function makeCompGraphProject(name: string, graph: CompGraphProject['graph'], extra: Partial<Pick<CompGraphProject, 'finiteDifferences' | 'lesson'>> = {}): CompGraphProject {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, kind: COMPGRAPH_KIND, name, graph, ...extra };
}
