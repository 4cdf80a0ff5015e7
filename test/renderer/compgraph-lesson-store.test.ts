/**
 * A computational graph with a lesson in the store: the locked graph refuses every edit with the
 * reason (nothing changes, no undo step) but still lets blocks move and passes run; the student's
 * answers are stored with the project.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useCompGraphStore } from '../../src/renderer/src/compgraph/compgraph-store';
import { useUiStore } from '../../src/renderer/src/store/ui-store';
import { findCompGraphLesson } from '../../src/shared/templates';

const store = () => useCompGraphStore.getState();
const REASON = 'The graph is locked by the lesson: work it out by hand and type your answers in the lesson panel.';

describe('compgraph lesson in the store', () => {
  beforeEach(() => {
    store().open(findCompGraphLesson('autodiff-example2-gradient')!.build());
    useUiStore.getState().showNotice(null);
  });

  it('refuses edits of the locked graph with the reason; nothing changes and there is nothing to undo', () => {
    const before = store().project!.graph;
    store().addNode('add', { x: 0, y: 0 });
    expect(useUiStore.getState().notice).toBe(REASON);
    expect(store().connect('theta1', 'f2', 'x1')).toBe(REASON);
    store().setParam('theta1', 'value', 5);
    store().setOutput('f3');
    store().select('f1');
    store().deleteSelected();
    store().removeEdge('e1');
    expect(store().project!.graph).toBe(before);
    expect(store().past).toEqual([]);
    expect(store().dirty).toBe(false);
  });

  it('still moves blocks and runs both passes', () => {
    store().moveNode('f1', { x: 10, y: 20 });
    expect(store().project!.graph.nodes.find((n) => n.id === 'f1')!.position).toEqual({ x: 10, y: 20 });
    store().runBackward();
    expect(store().run!.rev.gradient.theta2).toBeCloseTo(-8 / 3, 12);
  });

  it('stores and clears the answers (outside the undo history), and says when there is no such goal', () => {
    expect(store().setLessonAnswer(1, -2.6667)).toBeNull();
    expect(store().project!.lesson!.goals[1]).toMatchObject({ answer: -2.6667 });
    expect(store().dirty).toBe(true);
    expect(store().past).toEqual([]);
    expect(store().setLessonAnswer(1, undefined)).toBeNull();
    expect(store().project!.lesson!.goals[1]).not.toHaveProperty('answer');
    expect(store().setLessonAnswer(7, 1)).toBe('There is no answer goal 8.');
  });
});
