import { describe, expect, it } from 'vitest';
import { estimatedLabelWidth, labelFitsBetween } from '../../src/renderer/src/canvas/edge-label-fit';

describe('edge label fit', () => {
  it('estimates the width from the text: 6.4 px per character and 14 px of padding and border', () => {
    expect(estimatedLabelWidth('[batch, 4]')).toBeCloseTo(78, 9);
    expect(estimatedLabelWidth('[batch, 784]')).toBeCloseTo(90.8, 9);
  });

  it('a label fits a gap as wide as itself plus 4 px each side, and not a pixel less', () => {
    const need = estimatedLabelWidth('[batch, 16]') + 8;
    expect(labelFitsBetween(100, 100 + need, '[batch, 16]', false)).toBe(true);
    expect(labelFitsBetween(100, 100 + need - 1, '[batch, 16]', false)).toBe(false);
  });

  it('two nodes a few pixels apart hide the label; a longer text needs a wider gap', () => {
    expect(labelFitsBetween(388, 406, '[batch, 4]', false)).toBe(false);
    expect(labelFitsBetween(0, 90, '[batch, 4]', false)).toBe(true);
    expect(labelFitsBetween(0, 90, '[batch, 784]', false)).toBe(false);
  });

  it('an edge that runs backwards is routed below its nodes and keeps its label', () => {
    expect(labelFitsBetween(500, 100, '[batch, 784]', true)).toBe(true);
  });
});
