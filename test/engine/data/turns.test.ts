/** The `turns` dataset of the turn-detector template: 24 binary 1×4×4 images, 4 of them turns (┐). */
import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import { builtinShapeInfo, findBuiltinDataset } from '../../../src/shared/data/catalog';
import { prepareData, validateDataset } from '../../../src/engine/data/prepare';
import type { DatasetIO } from '../../../src/engine/data/types';

const noIO: DatasetIO = {
  readText: () => Promise.reject(new Error('turns reads no files')),
  readBytes: () => Promise.reject(new Error('turns reads no files')),
};

/** Rows of one image as text, '#' for ink. */
function picture(x: Float32Array, i: number): string[] {
  return Array.from({ length: 4 }, (_, r) => Array.from(x.subarray(i * 16 + r * 4, i * 16 + r * 4 + 4), (v) => (v ? '#' : '.')).join(''));
}

/** The 2×2 output map of a valid 3×3 convolution of image i. */
function conv(x: Float32Array, i: number, k: number[][], bias: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < 2; r++)
    for (let c = 0; c < 2; c++) {
      let s = bias;
      for (let u = 0; u < 3; u++) for (let v = 0; v < 3; v++) s += k[u]![v]! * x[i * 16 + (r + u) * 4 + c + v]!;
      out.push(s);
    }
  return out;
}

describe('turns', () => {
  it('is in the catalogue as 1×4×4 images in two classes, 24 rows, no options', () => {
    const info = findBuiltinDataset('turns')!;
    expect([info.featureShape, info.numClasses, info.rows, info.options]).toEqual([[1, 4, 4], 2, 24, []]);
    expect(builtinShapeInfo('turns')).toEqual({ dataShape: [1, 4, 4], numClasses: 2, task: 'classification', targetSize: 1 });
  });

  it('holds the turn at its four places first, then the other corners and the lines, all 0/1 pixels', async () => {
    const ds = await loadBuiltinDataset('turns', undefined, noIO, 1);
    validateDataset(ds);
    expect([ds.n, ds.featureShape, ds.classNames]).toEqual([24, [1, 4, 4], ['no turn', 'turn']]);
    expect(Array.from(ds.y).filter((v) => v === 1)).toHaveLength(4);
    expect(Array.from(ds.y.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(picture(ds.x, 0)).toEqual(['###.', '..#.', '..#.', '....']);
    expect(picture(ds.x, 3)).toEqual(['....', '.###', '...#', '...#']);
    expect(picture(ds.x, 4)).toEqual(['###.', '#...', '#...', '....']);
    expect(picture(ds.x, 16)).toEqual(['####', '....', '....', '....']);
    expect(new Set(ds.x)).toEqual(new Set([0, 1]));
    // Every image is different, and the seed does not matter.
    expect(new Set(Array.from({ length: 24 }, (_, i) => picture(ds.x, i).join('|'))).size).toBe(24);
    expect(await loadBuiltinDataset('turns', undefined, noIO, 99)).toEqual(ds);
  });

  it('the hand-set kernel (+1 on the ┐, −1 elsewhere, bias −4) scores +1 at a turn and at most −1 anywhere else', async () => {
    const ds = await loadBuiltinDataset('turns', undefined, noIO, 1);
    const kernel = [[1, 1, 1], [-1, -1, 1], [-1, -1, 1]];
    for (let i = 0; i < ds.n; i++) {
      const best = Math.max(...conv(ds.x, i, kernel, -4));
      expect(best, picture(ds.x, i).join('|')).toBe(ds.y[i] === 1 ? 1 : Math.min(best, -1));
    }
    expect(conv(ds.x, 0, kernel, -4)).toEqual([1, -4, -2, -4]); // the output map shows where the turn is
  });

  it('keeps the dataset order with no held-out parts (the first training image is a turn)', async () => {
    const ds = await loadBuiltinDataset('turns', undefined, noIO, 1);
    const prepared = prepareData(ds, { normalize: 'none', split: { validation: 0, test: 0 } }, 1);
    expect(prepared.train.n).toBe(24);
    expect(Array.from(prepared.train.x.subarray(0, 16))).toEqual(Array.from(ds.x.subarray(0, 16)));
  });
});
