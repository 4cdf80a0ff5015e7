import { describe, expect, it } from 'vitest';
import { denseBackward, denseForward } from '../../../src/engine/ops/dense';
import { gradcheck, projection, randomArray } from '../../helpers/gradcheck';

function naiveDense(x: Float32Array, W: Float32Array, b: Float32Array | null, n: number, inF: number, outF: number): Float64Array {
  const y = new Float64Array(n * outF);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < outF; j++) {
      let s = b ? b[j] : 0;
      for (let k = 0; k < inF; k++) s += x[i * inF + k] * W[k * outF + j];
      y[i * outF + j] = s;
    }
  }
  return y;
}

describe('dense', () => {
  it.each([
    [1, 1, 1],
    [3, 2, 5],
    [10, 2, 8],
    [7, 13, 6],
    [32, 40, 10],
  ])('forward matches x·W + b (n=%i, in=%i, out=%i)', (n, inF, outF) => {
    const x = randomArray(n * inF, 1), W = randomArray(inF * outF, 2), b = randomArray(outF, 3);
    for (const bias of [b, null]) {
      const y = new Float32Array(n * outF).fill(Number.NaN); // forward overwrites
      denseForward(x, W, bias, y, n, inF, outF);
      const want = naiveDense(x, W, bias, n, inF, outF);
      for (let i = 0; i < y.length; i++) expect(y[i]).toBeCloseTo(want[i], 5);
    }
  });

  it.each([
    [1, 1, 1],
    [4, 3, 2],
    [5, 7, 6],
    [9, 12, 5],
  ])('backward passes a finite-difference check for dx, dW, db (n=%i, in=%i, out=%i)', (n, inF, outF) => {
    const x = randomArray(n * inF, 11), W = randomArray(inF * outF, 12), b = randomArray(outF, 13);
    const w = randomArray(n * outF, 14); // loss = Σ y·w, so dy = w
    const y = new Float32Array(n * outF);
    const loss = (): number => {
      denseForward(x, W, b, y, n, inF, outF);
      return projection(y, w);
    };
    const dx = new Float32Array(n * inF), dW = new Float32Array(inF * outF), db = new Float32Array(outF);
    denseBackward(x, W, w, dx, dW, db, n, inF, outF);
    gradcheck({ x, W, b }, loss, { x: dx, W: dW, b: db }, { name: 'dense' });
  });

  it('skips dx and db when they are null', () => {
    const n = 3, inF = 4, outF = 2;
    const x = randomArray(n * inF, 1), W = randomArray(inF * outF, 2), dy = randomArray(n * outF, 3);
    const dW1 = new Float32Array(inF * outF), dW2 = new Float32Array(inF * outF);
    const dx = new Float32Array(n * inF), db = new Float32Array(outF);
    denseBackward(x, W, dy, dx, dW1, db, n, inF, outF);
    denseBackward(x, W, dy, null, dW2, null, n, inF, outF);
    expect(Array.from(dW2)).toEqual(Array.from(dW1));
  });

  it('accumulates: calling backward twice doubles every gradient', () => {
    const n = 6, inF = 9, outF = 5;
    const x = randomArray(n * inF, 1), W = randomArray(inF * outF, 2), dy = randomArray(n * outF, 3);
    const once = [new Float32Array(n * inF), new Float32Array(inF * outF), new Float32Array(outF)];
    const twice = [new Float32Array(n * inF), new Float32Array(inF * outF), new Float32Array(outF)];
    denseBackward(x, W, dy, once[0], once[1], once[2], n, inF, outF);
    denseBackward(x, W, dy, twice[0], twice[1], twice[2], n, inF, outF);
    denseBackward(x, W, dy, twice[0], twice[1], twice[2], n, inF, outF);
    for (let t = 0; t < 3; t++) {
      for (let i = 0; i < once[t].length; i++) expect(twice[t][i]).toBeCloseTo(2 * once[t][i], 5);
    }
  });

  it('uses only the first n rows of oversized batch buffers', () => {
    const maxN = 8, n = 3, inF = 4, outF = 3;
    const x = randomArray(maxN * inF, 1), W = randomArray(inF * outF, 2), dy = randomArray(maxN * outF, 3);
    const dW = new Float32Array(inF * outF), db = new Float32Array(outF), dx = new Float32Array(maxN * inF);
    denseBackward(x, W, dy, dx, dW, db, n, inF, outF);
    const dW3 = new Float32Array(inF * outF), db3 = new Float32Array(outF);
    denseBackward(x.slice(0, n * inF), W, dy.slice(0, n * outF), null, dW3, db3, n, inF, outF);
    expect(Array.from(dW)).toEqual(Array.from(dW3));
    expect(Array.from(db)).toEqual(Array.from(db3));
    for (let i = n * inF; i < dx.length; i++) expect(dx[i]).toBe(0);
  });

  it('propagates NaN from the input', () => {
    const x = new Float32Array([1, Number.NaN, 2, 3]);
    const W = new Float32Array([0, 0, 0, 0]); // NaN·0 is still NaN
    const y = new Float32Array(4);
    denseForward(x, W, new Float32Array([1, 1]), y, 2, 2, 2);
    expect(y[0]).toBeNaN();
    expect(y[1]).toBeNaN();
    expect(y[2]).toBe(1);
  });
});
