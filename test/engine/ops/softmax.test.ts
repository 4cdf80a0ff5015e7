import { describe, expect, it } from 'vitest';
import { logSoftmaxBackward, logSoftmaxForward, softmaxBackward, softmaxForward } from '../../../src/engine/ops/softmax';
import { gradcheck, projection, randomArray } from '../../helpers/gradcheck';

type Fwd = typeof softmaxForward;
type Bwd = typeof softmaxBackward;
const ops: [string, Fwd, Bwd][] = [
  ['softmax', softmaxForward, softmaxBackward],
  ['logSoftmax', logSoftmaxForward, logSoftmaxBackward],
];

describe.each(ops)('%s', (name, fwd, bwd) => {
  it.each([
    [1, 1],
    [1, 5],
    [4, 3],
    [3, 10],
  ])('passes a finite-difference check (rows=%i, cols=%i)', (rows, cols) => {
    const x = randomArray(rows * cols, 21, -3, 3);
    const w = randomArray(rows * cols, 22);
    const y = new Float32Array(rows * cols);
    const loss = (): number => {
      fwd(x, y, rows, cols);
      return projection(y, w);
    };
    loss();
    const dx = new Float32Array(rows * cols);
    bwd(y, w, dx, rows, cols);
    gradcheck({ x }, loss, { x: dx }, { name });
  });

  it('is stable for logits of ±1000', () => {
    const x = Float32Array.from([1000, 999, -1000, -1000, 1000, 0]);
    const y = new Float32Array(6);
    fwd(x, y, 2, 3);
    for (const v of y) expect(Number.isFinite(v)).toBe(true);
    const p = name === 'softmax' ? Array.from(y) : Array.from(y, Math.exp);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(p[2]).toBe(0);
    expect(p[5]).toBe(0);
    expect(p[4]).toBeCloseTo(1, 7);
  });

  it('turns a NaN anywhere in a row into NaN for that row only', () => {
    for (const pos of [0, 1, 2]) {
      const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
      x[pos] = Number.NaN;
      const y = new Float32Array(6);
      fwd(x, y, 2, 3);
      for (let j = 0; j < 3; j++) expect(y[j]).toBeNaN();
      for (let j = 3; j < 6; j++) expect(Number.isFinite(y[j])).toBe(true);
    }
  });

  it('backward accumulates (twice = double)', () => {
    const x = randomArray(12, 1), dy = randomArray(12, 2), y = new Float32Array(12);
    fwd(x, y, 3, 4);
    const once = new Float32Array(12), twice = new Float32Array(12);
    bwd(y, dy, once, 3, 4);
    bwd(y, dy, twice, 3, 4);
    bwd(y, dy, twice, 3, 4);
    for (let i = 0; i < 12; i++) expect(twice[i]).toBeCloseTo(2 * once[i], 6);
  });
});

describe('softmax values', () => {
  it('rows sum to 1 and match exp(x)/Σexp(x)', () => {
    const rows = 5, cols = 7;
    const x = randomArray(rows * cols, 3, -10, 10);
    const y = new Float32Array(rows * cols);
    softmaxForward(x, y, rows, cols);
    for (let r = 0; r < rows; r++) {
      let sum = 0, z = 0;
      for (let j = 0; j < cols; j++) z += Math.exp(x[r * cols + j]);
      for (let j = 0; j < cols; j++) {
        sum += y[r * cols + j];
        expect(y[r * cols + j]).toBeCloseTo(Math.exp(x[r * cols + j]) / z, 6);
      }
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it('logSoftmax equals log(softmax) and works in place', () => {
    const x = randomArray(8, 4, -5, 5);
    const p = new Float32Array(8);
    softmaxForward(x, p, 2, 4);
    logSoftmaxForward(x, x, 2, 4);
    for (let i = 0; i < 8; i++) expect(x[i]).toBeCloseTo(Math.log(p[i]), 5);
  });
});
