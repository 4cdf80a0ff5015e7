import { describe, expect, it } from 'vitest';
import { graphLevelIssues, reuseUnchanged, toFlowEdges, toFlowNodes } from '../../src/renderer/src/canvas/flow-model';
import { analyzeProjectGraph } from '../../src/renderer/src/store/analysis';
import { summarizeModel } from '../../src/renderer/src/store/model-summary';
import type { Project } from '../../src/shared/project-types';
import { findTemplate } from '../../src/shared/templates';

function flow(project: Project, selection = { nodes: [] as string[], edges: [] as string[] }) {
  const { analysis } = analyzeProjectGraph(project.graph, project.data, null);
  const inputs = { graph: project.graph, analysis, selection, dragPositions: null, measured: {} };
  return { nodes: toFlowNodes(inputs), edges: toFlowEdges(inputs), analysis };
}

describe('React Flow nodes and edges from the project', () => {
  it('draws each node from the registry: title, key params, shape, parameter count, ports', () => {
    const { nodes } = flow(findTemplate('xor-mlp')!.build());
    const hidden = nodes.find((n) => n.id === 'hidden')!;
    expect(hidden).toMatchObject({ type: 'network', position: { x: 312, y: 40 }, selected: false });
    expect(hidden.data).toMatchObject({
      title: 'Dense',
      typeLabel: 'Dense',
      category: 'layer',
      subtitle: '4 units',
      shape: '[batch, 4]',
      params: 12,
      trainable: true,
      issues: [],
      inputs: [{ id: 'in', label: 'in' }],
      outputs: [{ id: 'out', label: 'out' }],
    });
    expect(nodes.find((n) => n.id === 'loss')!.data.outputs).toEqual([]);
    expect(JSON.parse(JSON.stringify(nodes))).toEqual(nodes); // data stays serialisable
  });

  it('shows a user label as the title, the type in the subtitle', () => {
    const project = findTemplate('xor-mlp')!.build();
    project.graph.nodes[1]!.label = 'Hidden layer';
    const hidden = flow(project).nodes.find((n) => n.id === 'hidden')!;
    expect(hidden.data.title).toBe('Hidden layer');
    expect(hidden.data.subtitle).toBe('Dense · 4 units');
  });

  it('labels every edge with the shape it carries', () => {
    const { edges } = flow(findTemplate('iris')!.build(), { nodes: [], edges: ['e2'] });
    expect(edges.map((e) => e.data!.shape)).toEqual(['[batch, 4]', '[batch, 16]', '[batch, 16]', '[batch, 3]', '[batch, 3]']);
    expect(edges[1]).toMatchObject({ id: 'e2', type: 'shape', source: 'hidden', sourceHandle: 'out', target: 'act', targetHandle: 'in', selected: true });
  });

  it('pins issues to their node, and keeps network-wide ones for the banner', () => {
    const iris = findTemplate('iris')!.build();
    const edges = [...iris.graph.edges.filter((e) => e.source !== 'p' && e.target !== 'p'), { id: 'e9', source: 'logits', sourceHandle: 'out', target: 'loss', targetHandle: 'in' }];
    const withoutSoftmax = { ...iris, graph: { nodes: iris.graph.nodes.filter((n) => n.id !== 'p'), edges } };
    const { nodes, analysis } = flow(withoutSoftmax);
    expect(nodes.find((n) => n.id === 'loss')!.data.issues).toEqual(['Cross-entropy needs probabilities: add a Softmax before it']);
    expect(graphLevelIssues(analysis)).toEqual([]);
    const withoutLoss = { ...iris, graph: { nodes: iris.graph.nodes.filter((n) => n.id !== 'loss'), edges: iris.graph.edges.filter((e) => e.target !== 'loss') } };
    expect(graphLevelIssues(flow(withoutLoss).analysis).map((i) => i.message)).toEqual(['This network has no loss: connect a loss node']);
  });

  it('uses drag positions while a drag is under way and keeps measured sizes', () => {
    const project = findTemplate('xor-mlp')!.build();
    const { analysis } = analyzeProjectGraph(project.graph, project.data, null);
    const nodes = toFlowNodes({ graph: project.graph, analysis, selection: { nodes: ['x'], edges: [] }, dragPositions: { x: { x: 5, y: 6 } }, measured: { x: { width: 172, height: 90 } } });
    expect(nodes[0]).toMatchObject({ position: { x: 5, y: 6 }, selected: true, measured: { width: 172, height: 90 } });
  });

  it('reuses unchanged objects so React Flow re-renders only what changed', () => {
    const project = findTemplate('xor-mlp')!.build();
    const before = flow(project).nodes;
    const nodes = project.graph.nodes.map((n) => (n.id === 'hidden' ? { ...n, params: { units: 5 } } : n));
    const after = reuseUnchanged(before, flow({ ...project, graph: { ...project.graph, nodes } }).nodes);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });

  it('summarises the model like Keras: rows in order and the total', () => {
    const { analysis } = flow(findTemplate('iris')!.build());
    const summary = summarizeModel(analysis, new Map([['hidden', 'Hidden']]));
    expect(summary.rows.map((r) => [r.name, r.shape, r.params])).toEqual([
      ['Input', '[batch, 4]', 0],
      ['Hidden', '[batch, 16]', 80],
      ['ReLU', '[batch, 16]', 0],
      ['Dense', '[batch, 3]', 51],
      ['Softmax', '[batch, 3]', 0],
      ['Cross-entropy', '[batch, 3]', 0],
    ]);
    expect(summary).toMatchObject({ total: 131, complete: true });
  });
});
