/**
 * The network view's layout fits the room it is given with every column title whole and apart:
 * at 1440×900 in Train mode the last column and its title ("logit (1)") used to be cut off at
 * the right edge of the view, which had ~390 px for a drawing 456 px wide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkLayer } from '../../src/shared/protocol';
import { layoutNetwork, type NetworkLayout } from '../../src/renderer/src/training/boundary/network-layout';

const HEIGHT = 280;
/** About the width of 11 px sans-serif ("input (2)" is 46 px in Chromium's default sans-serif). */
const textWidth = (text: string) => text.length * 5.5;

function dense(nodeId: string, inputs: number, units: number): NetworkLayer {
  return { nodeId, inputs, units, kernel: new Float32Array(inputs * units), bias: null, activation: null };
}

/** A chain of Dense layers: sizes[0] inputs, then one layer per further size. */
function chain(sizes: readonly number[], ids: readonly string[]): NetworkLayer[] {
  return sizes.slice(1).map((units, i) => dense(ids[i]!, sizes[i]!, units));
}

const circle = chain([2, 8, 8, 1], ['h1', 'h2', 'logit']);
const iris = chain([4, 16, 3], ['hidden', 'logits']);

/** Everything the view draws lies inside [0, width] × [0, height]; titles and columns do not overlap. */
function expectWhole(lay: NetworkLayout): void {
  lay.columns.forEach((col, i) => {
    expect(col.titleX).toBeGreaterThanOrEqual(0);
    expect(col.titleX + col.titleWidth).toBeLessThanOrEqual(lay.width);
    expect(col.titleWidth).toBeGreaterThanOrEqual(Math.ceil(textWidth(col.title)));
    for (const cell of col.cells) {
      expect(cell.x).toBeGreaterThanOrEqual(0);
      expect(cell.x + cell.size).toBeLessThanOrEqual(lay.width);
      expect(cell.y).toBeGreaterThanOrEqual(0);
      expect(cell.y + cell.size).toBeLessThanOrEqual(HEIGHT);
    }
    const next = lay.columns[i + 1];
    if (next) {
      expect(col.titleX + col.titleWidth).toBeLessThan(next.titleX);
      expect(col.x + col.size).toBeLessThan(next.x);
    }
  });
}

describe('network view layout', () => {
  it('keeps its natural size (96 px gaps, neurons as large as the height allows) when there is room', () => {
    const lay = layoutNetwork(circle, { height: HEIGHT, textWidth });
    expect(lay.columns.map((c) => c.size)).toEqual([28, 28, 28, 28]);
    expect(lay.columns.map((c) => c.x)).toEqual([12, 12 + 124, 12 + 248, 12 + 372]);
    expect(lay.width).toBe(12 + 372 + 28 + 12);
    expect(lay.columns.map((c) => c.title)).toEqual(['input (2)', 'h1 (8)', 'h2 (8)', 'logit (1)']);
    expectWhole(lay);
    expect(layoutNetwork(circle, { height: HEIGHT, textWidth, maxWidth: 2000 }).key).toBe(lay.key);
  });

  it('fits the room of Train mode at 1440×900 (about 390 px) and at 1280×720 (about 190 px), titles whole', () => {
    for (const maxWidth of [390, 300, 190]) {
      const lay = layoutNetwork(circle, { height: HEIGHT, textWidth, maxWidth });
      expect(lay.width).toBeLessThanOrEqual(maxWidth);
      expectWhole(lay);
    }
    // The gaps shrink before the neurons do.
    expect(layoutNetwork(circle, { height: HEIGHT, textWidth, maxWidth: 390 }).columns[0]!.size).toBe(28);
    expect(layoutNetwork(circle, { height: HEIGHT, textWidth, maxWidth: 190 }).columns[0]!.size).toBeLessThan(28);
  });

  it('keeps a long output title inside the view, and the input title too', () => {
    const lay = layoutNetwork(chain([4, 16, 3], ['hidden', 'output_logits_of_the_model']), { height: HEIGHT, textWidth, maxWidth: 400 });
    expectWhole(lay);
    expect(lay.width).toBeLessThanOrEqual(400);
    expectWhole(layoutNetwork(iris, { height: HEIGHT, textWidth }));
  });

  it('a layer of 64 units fits the height: 3 px neurons 1 px apart', () => {
    const lay = layoutNetwork(chain([2, 64, 1], ['wide', 'out']), { height: HEIGHT, textWidth });
    expect(lay.columns[1]!.size).toBe(3);
    expect(lay.columns[1]!.cells[1]!.y - lay.columns[1]!.cells[0]!.y).toBe(4);
    expectWhole(lay);
  });

  it('when even the smallest drawing is too wide it stays whole (the view scrolls sideways)', () => {
    const lay = layoutNetwork(iris, { height: HEIGHT, textWidth, maxWidth: 60 });
    expect(lay.width).toBeGreaterThan(60);
    expect(lay.columns[0]!.size).toBe(6);
    expectWhole(lay);
  });

  it('any chain of Dense layers in any room: whole, and no wider than the room unless the neurons are at their smallest', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9_]{0,24}$/);
    const network = fc
      .tuple(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 7 }), fc.array(id, { minLength: 6, maxLength: 6 }))
      .map(([sizes, ids]) => chain(sizes, ids));
    fc.assert(
      fc.property(network, fc.integer({ min: 40, max: 1600 }), (layers, maxWidth) => {
        const lay = layoutNetwork(layers, { height: HEIGHT, textWidth, maxWidth });
        expectWhole(lay);
        if (lay.width > maxWidth) expect(lay.columns[0]!.size).toBeLessThanOrEqual(6);
      }),
    );
  });
});
