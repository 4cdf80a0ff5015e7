/** Computational graphs in the .bprop format: round trips, refusals naming the node and the column. */
import { describe, expect, it } from 'vitest';
import { parseAnyProject, serializeCompGraphProject } from '../../../src/shared/compgraph';
import { analyzeCompGraph } from '../../../src/shared/compgraph/analyze';
import { parseProject, serializeProject } from '../../../src/shared/project';
import { compGraphTemplates, findTemplate } from '../../../src/shared/templates';
import { templateFileText, templateIds } from '../../../src/shared/templates/files';

const example1 = () => compGraphTemplates[0]!.build();
const textWith = (mutate: (json: Record<string, any>) => void): string => {
  const json = JSON.parse(serializeCompGraphProject(example1()));
  mutate(json);
  return JSON.stringify(json);
};

describe('computational-graph project files', () => {
  it.each(compGraphTemplates.map((t) => [t.id]))('%s survives serialise → parse unchanged and has no graph issues', (id) => {
    const project = compGraphTemplates.find((t) => t.id === id)!.build();
    const text = serializeCompGraphProject(project);
    const opened = parseAnyProject(text, `${id}.bprop`);
    expect(opened.kind).toBe('computationalGraph');
    expect(opened.project).toEqual(project);
    expect(serializeCompGraphProject(opened.project as typeof project)).toBe(text);
    expect(analyzeCompGraph(project.graph).issues).toEqual([]);
  });

  it('templateFileText writes every template of either kind; the lecture ids are there', () => {
    expect(templateIds()).toEqual(expect.arrayContaining(['l002-autodiff-example1', 'l002-autodiff-example2', 'l002-autodiff-example3', 'xor-mlp']));
    expect(JSON.parse(templateFileText('l002-autodiff-example3')!).kind).toBe('computationalGraph');
    expect(JSON.parse(templateFileText('xor-mlp')!).kind).toBeUndefined();
    expect(templateFileText('nope')).toBeUndefined();
  });

  it('a network file still opens as a network', () => {
    const text = serializeProject(findTemplate('xor-mlp')!.build());
    expect(parseAnyProject(text).kind).toBe('network');
  });

  it('refuses a bad expression naming the node, the field and the column', () => {
    const text = textWith((j) => (j.graph.nodes[6].params.expression = 'x1 + 2*x2 - )'));
    expect(() => parseAnyProject(text, 'ex1.bprop')).toThrow(
      "ex1.bprop: graph.nodes[6].params.expression: node 'f4': expected a number, an input or ( but found ')' at column 13 of 'x1 + 2*x2 - )'",
    );
    const unknownInput = textWith((j) => (j.graph.nodes[6].params.expression = 'x1 + x4'));
    expect(() => parseAnyProject(unknownInput, 'ex1.bprop')).toThrow(/node 'f4': unknown name 'x4' \(the inputs are x1, x2, x3; constants pi, e\) at column 6/);
  });

  it('refuses unknown blocks, bad params, unknown fields and a network reader given a graph', () => {
    expect(() => parseAnyProject(textWith((j) => (j.graph.nodes[3].type = 'cube')), 'a.bprop')).toThrow(/graph\.nodes\[3\]\.type: unknown block type 'cube' in node 'f1'/);
    expect(() => parseAnyProject(textWith((j) => (j.graph.nodes[0].params.value = 'one')), 'a.bprop')).toThrow(/node 'theta1': must be a number/);
    expect(() => parseAnyProject(textWith((j) => (j.graph.nodes[0].params.name = '1theta')), 'a.bprop')).toThrow(/'1theta' is not a name/);
    expect(() => parseAnyProject(textWith((j) => (j.graph.outptu = 'f4')), 'a.bprop')).toThrow(/graph\.outptu: unknown field \(did you mean 'output'\?\)/);
    expect(() => parseAnyProject(textWith((j) => (j.finiteDifferences = { h: 0 })), 'a.bprop')).toThrow(/finiteDifferences\.h: must be a number in \(0, 1\]/);
    expect(() => parseAnyProject(textWith((j) => (j.version = 99)), 'a.bprop')).toThrow(/a\.bprop: This project was saved by a newer Backprop Studio/);
    expect(() => parseProject(serializeCompGraphProject(example1()), 'g.bprop')).toThrow(/g\.bprop: kind: this file is a computational graph/);
    expect(() => parseProject(textWith((j) => (j.kind = 'spreadsheet')), 'g.bprop')).toThrow(/kind: must be 'computationalGraph' or left out/);
  });

  it('the graph check reports wiring problems on the node or edge at fault', () => {
    const graph = example1().graph;
    const issues = analyzeCompGraph({
      ...graph,
      edges: [...graph.edges, { id: 'x', source: 'f1', sourceHandle: 'out', target: 'f2', targetHandle: 'x' }, { id: 'y', source: 'f4', sourceHandle: 'out', target: 'f1', targetHandle: 'a' }],
    }).issues;
    expect(issues).toContainEqual({ edgeId: 'x', nodeId: 'f2', message: "input 'x' of 'f2' is already wired (edge 'e2')" });
    expect(issues).toContainEqual({ edgeId: 'y', nodeId: 'f1', message: "'f1' has no input 'a' (its inputs are x)" });
    const dup = analyzeCompGraph({ ...graph, nodes: graph.nodes.map((n) => (n.id === 'theta2' ? { ...n, params: { name: 'theta1', value: 1 } } : n)) }).issues;
    expect(dup).toContainEqual({ nodeId: 'theta2', param: 'name', message: "the variable name 'theta1' is already used by node 'theta1'" });
    const loop = analyzeCompGraph({ nodes: graph.nodes, edges: [...graph.edges.filter((e) => e.id !== 'e1'), { id: 'l', source: 'f4', sourceHandle: 'out', target: 'f1', targetHandle: 'x' }], output: 'f4' });
    expect(loop.issues.map((i) => i.message)).toContain('the graph has a loop: a block cannot depend on its own value');
    expect(loop.order).toBeUndefined();
  });
});
