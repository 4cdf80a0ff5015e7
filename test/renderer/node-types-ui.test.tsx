// @vitest-environment jsdom
/**
 * Every node type of the registry, without a list, in the editor: the palette shows it under its
 * category and double-clicking it adds a node with the type's defaults; the inspector shows its
 * explanation and a field for every visible param; the node face marks it trainable when it has
 * trainable weights; and a project saved by the engine with its weights and buffers keeps them in
 * the editor (their names and shapes are what the editor expects). The engine side of the same
 * loop is test/engine/node-types.test.ts.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { weightsToProject } from '../../src/engine/session';
import { toFlowNodes } from '../../src/renderer/src/canvas/flow-model';
import { Inspector } from '../../src/renderer/src/inspector/Inspector';
import { Palette } from '../../src/renderer/src/palette/Palette';
import { useProjectStore, useUiStore } from '../../src/renderer/src/store';
import { pruneStaleWeights } from '../../src/renderer/src/store/weights';
import { analyzeGraph } from '../../src/shared/graph';
import { categories, defaultParams, getNodeSpec, nodeTypes, type NodeType } from '../../src/shared/nodes';
import { isParamVisible } from '../../src/shared/nodes/params';
import { blankProject } from '../../src/shared/templates';
import { minimalCase } from '../helpers/minimal-graph';

describe.each(nodeTypes.map((t) => [t] as const))('%s in the editor', (type: NodeType) => {
  const spec = getNodeSpec(type)!;
  beforeEach(() => {
    useProjectStore.getState().newProject(blankProject());
    useUiStore.getState().setInspectorTab('data');
  });
  afterEach(cleanup);

  it('is in the palette under its category, and double-clicking it adds one with its defaults', () => {
    render(
      <ReactFlowProvider>
        <Palette />
      </ReactFlowProvider>,
    );
    const item = screen.getByTestId(`palette-item-${type}`);
    expect(item.textContent).toBe(spec.label);
    const group = screen.getByRole('group', { name: categories.find((c) => c.id === spec.category)!.label });
    expect(within(group).getByTestId(`palette-item-${type}`)).toBe(item);
    act(() => void fireEvent.doubleClick(item));
    const added = useProjectStore.getState().project.graph.nodes.filter((n) => n.type === type);
    expect(added).toHaveLength(1);
    expect(added[0]!.params).toEqual(defaultParams(type));
  });

  it('has its explanation and a field for every visible param in the inspector', () => {
    const c = minimalCase(type);
    useProjectStore.getState().newProject({ ...blankProject(), graph: c.graph });
    useProjectStore.getState().setSelection({ nodes: [c.subject], edges: [] });
    render(<Inspector />);
    const inspector = screen.getByTestId('node-inspector');
    expect(inspector.textContent).toContain(spec.label);
    expect(inspector.textContent).toContain(spec.description);
    const params = c.graph.nodes.find((n) => n.id === c.subject)!.params;
    const visible = Object.entries(spec.params).filter(([, p]) => isParamVisible(p, params, spec.params));
    for (const [name] of visible) expect(screen.getByTestId(`param-${name}`), name).toBeTruthy();
  });

  it('keeps the weights and buffers the engine saves, and marks the node trainable when it has trainable weights', () => {
    const c = minimalCase(type);
    const ctx = { dataShape: c.dataShape, task: c.task, numClasses: c.numClasses, targetSize: c.targetSize };
    const model = compileModel(c.graph, { ...ctx, batchSize: 4, seed: 1 });
    const project = { ...blankProject(), graph: c.graph, weights: weightsToProject(model) };
    expect(pruneStaleWeights(project, ctx)).toBe(project); // nothing stale: every saved tensor fits the graph
    const face = toFlowNodes({ graph: c.graph, analysis: analyzeGraph(c.graph, ctx), selection: { nodes: [], edges: [] }, dragPositions: null, measured: {} }).find((n) => n.id === c.subject)!;
    expect(face.data.trainable).toBe(model.node(c.subject).params.length > 0);
  });
});
