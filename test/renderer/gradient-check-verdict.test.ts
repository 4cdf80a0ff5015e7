/** The gradient check's verdict explains a kink when one is the cause, and does not blame backprop for it. */
import { describe, expect, it } from 'vitest';
import type { GradientCheckEntry, GradientCheckResult } from '../../src/shared/protocol-gradcheck';
import { kinkNote, verdict } from '../../src/renderer/src/training/inside/GradientCheck';

const entry = (relativeError: number, atKink = false): GradientCheckEntry => ({ index: 0, position: [0, 0], backprop: 1, numeric: 1 - relativeError, relativeError, atKink });
const result = (entries: GradientCheckEntry[], epsilon = 1e-2): GradientCheckResult => {
  const smooth = entries.filter((e) => !e.atKink);
  return { nodeId: 'hidden', param: 'kernel', shape: [4, 16], rows: 32, loss: 0.1, epsilon, entries, maxRelativeError: Math.max(0, ...smooth.map((e) => e.relativeError)), kinks: entries.length - smooth.length };
};

describe('gradient check verdict', () => {
  it('agrees when the only large error is at a kink, and says why that one is not counted', () => {
    const r = result([entry(1e-5), entry(1, true), entry(3e-4)]);
    const text = verdict(r);
    expect(text).toMatch(/^Backprop and finite differences agree: largest relative error 3\.0e-4\. 1 weight sits at a kink/);
    expect(text).toMatch(/crosses 0/);
    expect(text).toMatch(/not counted; a smaller ε avoids most kinks/);
  });

  it('says nothing about kinks when there are none, and counts several', () => {
    expect(kinkNote(result([entry(1e-5)]))).toBe('');
    expect(verdict(result([entry(1e-5)]))).toBe('Backprop and finite differences agree: largest relative error 1.0e-5.');
    expect(kinkNote(result([entry(1, true), entry(0.5, true), entry(0)]))).toMatch(/^ 2 weights sit at a kink/);
  });

  it('when every weight is at a kink, nothing was compared', () => {
    expect(verdict(result([entry(1, true), entry(0.9, true)]))).toMatch(/^Every checked weight sits at a kink, so nothing could be compared\./);
  });
});
