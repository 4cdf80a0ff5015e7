/** The computational-graph store and view model: editing, refusals, and what each step of either mode shows. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useCompGraphStore } from '../../src/renderer/src/compgraph/compgraph-store';
import { buildViews, formatValue, tangentVariable } from '../../src/renderer/src/compgraph/view-model';
import { blankCompGraph, findCompGraphTemplate } from '../../src/shared/templates/compgraph';

const store = () => useCompGraphStore.getState();
const views = () => buildViews(store().project!.graph, store().run);
const block = (id: string) => views().blocks.find((b) => b.id === id)!;

describe('compgraph store', () => {
  beforeEach(() => store().open(findCompGraphTemplate('l002-autodiff-example1')!.build()));

  it('shows values and local derivatives after the forward pass, nothing before', () => {
    expect(block('f4').value).toBeUndefined();
    expect(block('theta2').value).toBe(-1); // inputs show their value before any pass
    expect(views().wires.find((w) => w.id === 'e1')!.localText).toBe('2·x');
    expect(store().runForward()).toBe(true);
    expect(block('f4').value).toBe(2);
    expect(views().wires.find((w) => w.id === 'e5')).toMatchObject({ value: 1, local: 2 });
    expect(block('theta1').adjoint).toBeUndefined();
  });

  it('reverse mode one block at a time: adjoints arrive as partial sums and become final on the block’s turn', () => {
    store().stepBackward(); // runs the forward pass first, then g = f4 sends its three messages
    expect(store().run!.reverseSteps).toBe(1);
    expect(block('f4')).toMatchObject({ adjoint: 1, adjointFinal: true, active: true });
    expect(block('f3')).toMatchObject({ adjoint: -1, adjointFinal: true }); // its turn is next
    expect(block('f2')).toMatchObject({ adjoint: 2, adjointFinal: false }); // received, its turn not yet come
    expect(block('theta2').adjoint).toBeUndefined();
    for (let i = 0; i < 6; i++) store().stepBackward();
    expect(block('theta2')).toMatchObject({ adjoint: -4, adjointFinal: true });
    expect(views().wires.find((w) => w.id === 'e2')!.message).toBe(-4);
    store().stepBackward(); // past the end: back to the start
    expect(store().run!.reverseSteps).toBe(0);
  });

  it('forward mode one variable at a time carries that variable’s tangents', () => {
    store().stepTangent();
    expect(tangentVariable(store().run)).toBe('theta1');
    expect(block('f4').tangent).toBe(2);
    store().stepTangent();
    expect(tangentVariable(store().run)).toBe('theta2');
    expect(block('f4').tangent).toBe(-4);
    expect(block('f1').tangent).toBe(0);
  });

  it('refuses a wire that makes a loop; a wire into a taken port replaces the old one; edits clear the results', () => {
    store().runForward();
    expect(store().connect('f4', 'f1', 'x')).toMatch(/would make a loop/);
    expect(store().connect('theta3', 'f1', 'x')).toBeNull();
    expect(store().project!.graph.edges.filter((e) => e.target === 'f1').map((e) => e.source)).toEqual(['theta3']);
    expect(store().run).toBeNull();
    store().undo();
    expect(store().project!.graph.edges.filter((e) => e.target === 'f1').map((e) => e.source)).toEqual(['theta1']);
  });

  it('fewer expression inputs drop the wires into the ports that went; a broken graph says why it cannot run', () => {
    store().setParam('f4', 'expression', 'x1 + 2*x2');
    store().setParam('f4', 'inputs', 2);
    expect(store().project!.graph.edges.some((e) => e.target === 'f4' && e.targetHandle === 'x3')).toBe(false);
    store().open(blankCompGraph());
    store().addNode('variable', { x: 0, y: 0 });
    const sq = store().addNode('square', { x: 200, y: 0 });
    expect(store().project!.graph.output).toBe(sq);
    expect(store().runForward()).toBe(false);
    expect(store().runError).toBe("node 'square1': input 'x' is not connected");
  });

  it('formats numbers exactly when short, else with 6 significant digits', () => {
    expect([formatValue(2), formatValue(-4), formatValue(1 / 81), formatValue(Math.log(81)), formatValue(-0), formatValue(1.7772e-6)]).toEqual(['2', '-4', '0.0123457', '4.39445', '0', '1.7772e-6']);
  });
});
