// @vitest-environment jsdom
/**
 * Unit tests for issue 10's editor papercuts: quick-add ranking, Space over the canvas, the
 * splitter's keys and remembered fractions, the theme choice, the palette as one Tab stop,
 * keyboard wiring from the inspector, the error tooltip's placement and the colour-blind-safe
 * class colours.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spaceOpensQuickAdd } from '../../src/renderer/src/app/editable';
import { fractionForKey } from '../../src/renderer/src/app/Splitter';
import { placeTooltip } from '../../src/renderer/src/canvas/ErrorBadge';
import { Connections, sourceCandidates, targetCandidates } from '../../src/renderer/src/inspector/Connections';
import { clampSplit, parsePrefs, PREFS_KEY, SPLIT_LIMITS, useLayoutStore } from '../../src/renderer/src/layout/layout-store';
import { effectiveTheme, nextThemeChoice } from '../../src/renderer/src/layout/theme';
import { rankedTypes } from '../../src/renderer/src/palette/filter-types';
import { Palette } from '../../src/renderer/src/palette/Palette';
import { nextRovingIndex } from '../../src/renderer/src/palette/roving';
import { useProjectStore } from '../../src/renderer/src/store';
import { CLASS_COLORS } from '../../src/renderer/src/training/colormap';
import { checkConnection } from '../../src/shared/graph-connection';
import { blankProject, findTemplate } from '../../src/shared/templates';

afterEach(cleanup);

describe('quick-add ranking', () => {
  it('puts exact-prefix matches of common types first: "soft" → Softmax, "s" → Sigmoid', () => {
    expect(rankedTypes('soft')[0]).toBe('softmax');
    expect(rankedTypes('soft').slice(0, 3)).toEqual(['softmax', 'softplus', 'logSoftmax']);
    expect(rankedTypes('s')[0]).toBe('sigmoid');
    expect(rankedTypes('d')[0]).toBe('dense');
    expect(rankedTypes('max')[0]).toBe('maxPool2d');
  });

  it('puts an exact name before longer names that start with it, and word starts before substrings', () => {
    expect(rankedTypes('relu').slice(0, 2)).toEqual(['relu', 'leakyRelu']);
    expect(rankedTypes('mse')[0]).toBe('mse');
    expect(rankedTypes('norm').slice(0, 2)).toEqual(['batchNorm', 'layerNorm']); // "normalization" is a word of both names
    expect(rankedTypes('entropy')[0]).toBe('binaryCrossEntropy'); // a word start, in palette order
  });
});

describe('Space over the canvas', () => {
  const button = () => Object.assign(document.createElement('button'), { type: 'button' });
  it('opens quick-add from a focused toolbar button when the pointer is over the canvas', () => {
    expect(spaceOpensQuickAdd(button(), true)).toBe(true);
    expect(spaceOpensQuickAdd(document.body, true)).toBe(true);
    expect(spaceOpensQuickAdd(document.body, false)).toBe(true);
  });
  it('leaves Space to text fields always, and to a focused button when the pointer is elsewhere', () => {
    expect(spaceOpensQuickAdd(document.createElement('input'), true)).toBe(false);
    expect(spaceOpensQuickAdd(document.createElement('textarea'), true)).toBe(false);
    expect(spaceOpensQuickAdd(button(), false)).toBe(false);
  });
});

describe('the splitter', () => {
  it('moves by arrow keys towards the panel it resizes, by pages, and to the limits', () => {
    expect(fractionForKey('ArrowUp', 'horizontal', 0.4, 0.15, 0.85)).toBeCloseTo(0.42);
    expect(fractionForKey('ArrowDown', 'horizontal', 0.4, 0.15, 0.85)).toBeCloseTo(0.38);
    expect(fractionForKey('ArrowLeft', 'vertical', 0.7, 0.45, 0.9)).toBeCloseTo(0.72);
    expect(fractionForKey('ArrowRight', 'vertical', 0.7, 0.45, 0.9)).toBeCloseTo(0.68);
    expect(fractionForKey('ArrowLeft', 'horizontal', 0.4, 0.15, 0.85)).toBeNull();
    expect(fractionForKey('PageUp', 'horizontal', 0.8, 0.15, 0.85)).toBe(0.85);
    expect(fractionForKey('Home', 'vertical', 0.6, 0.45, 0.9)).toBe(0.9);
    expect(fractionForKey('End', 'vertical', 0.6, 0.45, 0.9)).toBe(0.45);
    expect(fractionForKey('a', 'vertical', 0.6, 0.45, 0.9)).toBeNull();
  });

  it('keeps its fraction and the theme in localStorage, and ignores damaged values', () => {
    localStorage.removeItem(PREFS_KEY);
    useLayoutStore.getState().setSplit('build', 0.6);
    useLayoutStore.getState().setTheme('dark');
    expect(parsePrefs(localStorage.getItem(PREFS_KEY))).toEqual({ split: { build: 0.6, train: useLayoutStore.getState().split.train }, theme: 'dark' });
    useLayoutStore.getState().setSplit('train', 5);
    expect(useLayoutStore.getState().split.train).toBe(SPLIT_LIMITS.train.max);
    expect(parsePrefs('{"split":{"build":"x","train":0.01},"theme":"purple"}')).toEqual({ split: { build: SPLIT_LIMITS.build.initial, train: SPLIT_LIMITS.train.min }, theme: 'system' });
    expect(parsePrefs('not json').theme).toBe('system');
    expect(clampSplit('build', Number.NaN)).toBe(SPLIT_LIMITS.build.initial);
  });
});

describe('the theme', () => {
  it('follows the system until chosen; the toggle first switches away from what is shown', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(nextThemeChoice('system', false)).toBe('dark');
    expect(nextThemeChoice('dark', false)).toBe('light');
    expect(nextThemeChoice('light', false)).toBe('system');
    expect(nextThemeChoice('system', true)).toBe('light');
  });

  it('colours classes with the Okabe–Ito palette after the blue–orange pair: no red next to green', () => {
    expect(CLASS_COLORS.slice(0, 2)).toEqual([
      [245, 147, 34],
      [8, 119, 189],
    ]);
    expect(CLASS_COLORS[2]).toEqual([0, 158, 115]); // bluish green
    expect(new Set(CLASS_COLORS.map((c) => c.join())).size).toBe(CLASS_COLORS.length);
  });
});

describe('the palette as one Tab stop', () => {
  beforeEach(() => useProjectStore.getState().newProject(blankProject()));

  it('has one item in the Tab order; arrows move it, Enter adds the focused type', () => {
    render(
      <ReactFlowProvider>
        <Palette />
      </ReactFlowProvider>,
    );
    const list = screen.getByTestId('palette-list');
    const tabbable = () => [...list.querySelectorAll('[tabindex="0"]')].map((el) => el.getAttribute('data-type'));
    expect(tabbable()).toEqual(['input']);
    act(() => screen.getByTestId('palette-item-input').focus());
    act(() => void fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' }));
    expect(tabbable()).toEqual(['dense']);
    expect(document.activeElement).toBe(screen.getByTestId('palette-item-dense'));
    act(() => void fireEvent.keyDown(document.activeElement!, { key: 'End' }));
    expect(tabbable()).toEqual(['hinge']);
    act(() => void fireEvent.keyDown(document.activeElement!, { key: 'Enter' }));
    expect(useProjectStore.getState().project.graph.nodes.map((n) => n.type)).toEqual(['hinge']);
    expect(nextRovingIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextRovingIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextRovingIndex('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('connecting from the inspector', () => {
  beforeEach(() => {
    const project = findTemplate('xor-mlp')!.build();
    useProjectStore.getState().newProject(project);
  });

  it('lists only the connections the graph checker accepts', () => {
    const { graph } = useProjectStore.getState().project;
    const accept = (a: Parameters<typeof checkConnection>[1]) => checkConnection(graph, a) === null;
    const first = graph.nodes[0]!;
    // An Input has no input port to feed; every listed target accepts it.
    const targets = targetCandidates(graph, first.id, 'out', accept);
    for (const t of targets) expect(checkConnection(graph, { source: first.id, sourceHandle: 'out', target: t.node, targetHandle: t.port })).toBeNull();
    expect(targets.some((t) => t.node === first.id)).toBe(false);
    const loss = graph.nodes.find((n) => n.type === 'binaryCrossEntropy')!;
    const sources = sourceCandidates(graph, loss.id, 'in', accept);
    expect(sources.some((s) => s.node === loss.id)).toBe(false);
  });

  it('disconnects and reconnects an input with the keyboard (select, then undo restores)', () => {
    const store = useProjectStore.getState;
    const { graph } = store().project;
    const edge = graph.edges[1]!;
    const target = graph.nodes.find((n) => n.id === edge.target)!;
    render(<Connections nodeId={target.id} />);
    const select = screen.getByTestId(`connect-in-${edge.targetHandle}`) as HTMLSelectElement;
    expect(select.value).toBe(`${edge.source}\u0000${edge.sourceHandle}`);
    act(() => void fireEvent.change(select, { target: { value: '' } }));
    expect(store().project.graph.edges.some((e) => e.target === target.id && e.targetHandle === edge.targetHandle)).toBe(false);
    act(() => void fireEvent.change(select, { target: { value: `${edge.source}\u0000${edge.sourceHandle}` } }));
    const back = store().project.graph.edges.find((e) => e.target === target.id && e.targetHandle === edge.targetHandle);
    expect(back && { source: back.source, sourceHandle: back.sourceHandle }).toEqual({ source: edge.source, sourceHandle: edge.sourceHandle });
    act(() => store().undo());
    act(() => store().undo());
    expect(store().project.graph.edges).toEqual(graph.edges);
    expect(within(screen.getByTestId('node-connections')).getAllByRole('combobox').length).toBeGreaterThan(0);
  });
});

describe('the error tooltip', () => {
  const viewport = { width: 1280, height: 720 };
  const anchor = (left: number, top: number) => ({ left, top, right: left + 18, bottom: top + 18, width: 18 });
  it('opens below and centred when there is room, above near the bottom, and stays inside the window', () => {
    expect(placeTooltip(anchor(600, 100), { width: 260, height: 80 }, viewport)).toEqual({ left: 479, top: 126 });
    expect(placeTooltip(anchor(600, 680), { width: 260, height: 80 }, viewport)).toEqual({ left: 479, top: 592 });
    expect(placeTooltip(anchor(1260, 690), { width: 260, height: 80 }, viewport)).toEqual({ left: 1012, top: 602 });
    expect(placeTooltip(anchor(0, 10), { width: 260, height: 80 }, viewport).left).toBe(8);
  });
});
