import { describe, expect, it } from 'vitest';
import { addInto, argmaxRows, copyRows, countArgmaxMatches, fill, isAllFinite, l2NormSq } from '../../../src/engine/ops/reduce';
import { gradcheck } from '../../helpers/gradcheck';

describe('reduce helpers', () => {
  it('addInto and fill respect len', () => {
    const a = Float32Array.from([1, 2, 3]);
    addInto(a, Float32Array.from([10, 20, 30]), 2);
    expect(Array.from(a)).toEqual([11, 22, 3]);
    fill(a, 7, 2);
    expect(Array.from(a)).toEqual([7, 7, 3]);
  });

  it('copyRows gathers rows by index', () => {
    const src = Float32Array.from([0, 1, 10, 11, 20, 21, 30, 31]);
    const dst = new Float32Array(6).fill(-1);
    copyRows(src, Int32Array.from([9, 3, 0, 2]), 1, 2, 2, dst);
    expect(Array.from(dst)).toEqual([30, 31, 0, 1, -1, -1]);
  });

  it('isAllFinite catches NaN and ±Infinity within len only', () => {
    expect(isAllFinite(Float32Array.from([1, -2, 0]), 3)).toBe(true);
    expect(isAllFinite(Float32Array.from([1, Number.NaN]), 2)).toBe(false);
    expect(isAllFinite(Float32Array.from([1, Number.NEGATIVE_INFINITY]), 2)).toBe(false);
    expect(isAllFinite(Float32Array.from([1, Number.POSITIVE_INFINITY]), 1)).toBe(true);
  });

  it('l2NormSq sums squares', () => {
    expect(l2NormSq(Float32Array.from([3, 4, 100]), 2)).toBe(25);
  });

  it('argmaxRows takes the first maximum, and a NaN wins', () => {
    const x = Float32Array.from([1, 5, 5, -1, -3, -2, 0, Number.NaN, 9]);
    const out = new Int32Array(3);
    argmaxRows(x, 3, 3, out);
    expect(Array.from(out)).toEqual([1, 0, 1]);
    expect(countArgmaxMatches(x, Float32Array.from([1, 0, 1]), 3, 3)).toBe(2); // the NaN row never counts
  });
});

describe('gradcheck helper', () => {
  it('rejects a wrong gradient and names the element', () => {
    const x = Float32Array.from([0.5, -1, 2]);
    const loss = (): number => x[0] * x[0] + 3 * x[1] + Math.sin(x[2]);
    const good = Float32Array.from([1, 3, Math.cos(2)]);
    gradcheck({ x }, loss, { x: good });
    const bad = Float32Array.from([1, 3, Math.cos(2) * 1.05]);
    expect(() => gradcheck({ x }, loss, { x: bad }, { name: 'demo' })).toThrow(/gradcheck demo: 1 of 3 .*d\/dx\[2\]: analytic -0\.43/s);
  });
});
