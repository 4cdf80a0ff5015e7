/**
 * The fixed little datasets of the lectures and the one-sample datasets: the exact rows, targets,
 * names and descriptions a lecture template trains on and shows.
 */
import { describe, expect, it } from 'vitest';
import { isLectureDataset, lectureDataset } from '../../../src/engine/data/lecture';
import { sample221Dataset, sampleLayerDataset } from '../../../src/engine/data/lecture-samples';
import { turnsDataset } from '../../../src/engine/data/turns';
import { validateDataset } from '../../../src/engine/data/prepare';

describe('lecture datasets', () => {
  it('isLectureDataset knows the seven ids and nothing else (not even inherited names)', () => {
    for (const id of ['truthAnd', 'truthOr', 'truthXor', 'turnImages3x3', 'turnImage4x4', 'linear4', 'softmaxSample']) expect(isLectureDataset(id), id).toBe(true);
    for (const id of ['xor', 'circle', 'toString', 'constructor', '']) expect(isLectureDataset(id), id).toBe(false);
  });

  it('truth tables in the slides order (0,0), (1,0), (0,1), (1,1)', () => {
    const expected = { truthAnd: [0, 0, 0, 1], truthOr: [0, 1, 1, 1], truthXor: [0, 1, 1, 0] } as const;
    for (const [id, y] of Object.entries(expected)) {
      const ds = lectureDataset(id as keyof typeof expected, `T ${id}`);
      validateDataset(ds);
      expect(ds).toMatchObject({ name: `T ${id}`, task: 'classification', n: 4, featureShape: [2], featureNames: ['x1', 'x2'], targetSize: 1, classNames: ['0', '1'] });
      expect(Array.from(ds.x)).toEqual([0, 0, 1, 0, 0, 1, 1, 1]);
      expect(Array.from(ds.y)).toEqual(y);
    }
  });

  it("turnImages3x3: the four 3×3 images with the kernel's scores", () => {
    const ds = lectureDataset('turnImages3x3', 'Turns');
    validateDataset(ds);
    expect(ds).toMatchObject({ n: 4, task: 'regression', featureShape: [1, 3, 3], targetSize: 1 });
    expect(ds.featureNames).toEqual(['pixel_0_0', 'pixel_0_1', 'pixel_0_2', 'pixel_1_0', 'pixel_1_1', 'pixel_1_2', 'pixel_2_0', 'pixel_2_1', 'pixel_2_2']);
    expect(Array.from(ds.x.subarray(0, 9))).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 0]);
    expect(Array.from(ds.y)).toEqual([3, 2, 1, 1]);
    expect(ds.description).toContain('3, 2, 1, 1');
  });

  it('turnImage4x4: one image whose target is the max-pooled feature map, 3', () => {
    const ds = lectureDataset('turnImage4x4', 'Turn 4');
    validateDataset(ds);
    expect(ds).toMatchObject({ n: 1, task: 'regression', featureShape: [1, 4, 4] });
    expect(ds.featureNames[5]).toBe('pixel_1_1');
    expect(ds.featureNames[15]).toBe('pixel_3_3');
    expect(Array.from(ds.x)).toEqual([0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1]);
    expect(Array.from(ds.y)).toEqual([3]);
    expect(ds.description).toContain('4×4');
  });

  it('linear4 and softmaxSample', () => {
    const lin = lectureDataset('linear4', 'L4');
    expect([lin.task, Array.from(lin.x), Array.from(lin.y), lin.featureNames]).toEqual(['regression', [0, 0, 1, 0, 0, 1, 1, 1], [5, 7, 2, 4], ['x1', 'x2']]);
    const soft = lectureDataset('softmaxSample', 'S');
    validateDataset(soft);
    expect([soft.task, soft.n, Array.from(soft.x), Array.from(soft.y), soft.featureNames, soft.classNames]).toEqual([
      'classification', 1, [1, 2], [1], ['phi1', 'phi2'], ['class 1', 'class 2', 'class 3'],
    ]);
  });
});

describe('one-sample datasets', () => {
  it('sample-221 and sample-layer describe their sample in words', () => {
    const one = sample221Dataset('S221');
    expect([one.name, one.description, one.featureNames, one.targetSize]).toEqual(['S221', 'One sample: x = (1, 2), y = 1.', ['x1', 'x2'], 1]);
    const layer = sampleLayerDataset('Layer');
    expect([layer.name, layer.description, layer.targetSize, Array.from(layer.y)]).toEqual(['Layer', 'One sample: x = (1, 0.5), y = (1, 0).', 2, [1, 0]]);
  });
});

describe('turns', () => {
  it('names its pixels by row and column and says what it holds', () => {
    const ds = turnsDataset('Turns');
    expect(ds.name).toBe('Turns');
    expect(ds.featureNames).toEqual(Array.from({ length: 16 }, (_, i) => `pixel_${Math.floor(i / 4)}_${i % 4}`));
    expect(ds.description).toBe('24 images: 4 turns (┐) and 20 others (┌ └ ┘ and straight lines).');
  });

  it('every image, in order: ┐ ┌ └ ┘ at the four places, then row i and column i for each i', () => {
    const ds = turnsDataset('Turns');
    const picture = (i: number) =>
      Array.from({ length: 4 }, (_, r) => Array.from(ds.x.subarray(i * 16 + r * 4, i * 16 + r * 4 + 4), (v) => (v ? '#' : '.')).join('')).join('|');
    const at = (rows: string[], [r0, c0]: [number, number]) =>
      Array.from({ length: 4 }, (_, r) => Array.from({ length: 4 }, (_, c) => (rows[r - r0]?.[c - c0] === '#' ? '#' : '.')).join('')).join('|');
    const shapes = { turn: ['###', '..#', '..#'], downLeft: ['###', '#..', '#..'], upRight: ['..#', '..#', '###'], upLeft: ['#..', '#..', '###'] };
    const places: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const expected: string[] = [];
    for (const shape of [shapes.turn, shapes.downLeft, shapes.upRight, shapes.upLeft]) for (const p of places) expected.push(at(shape, p));
    for (let i = 0; i < 4; i++) {
      expected.push(Array.from({ length: 4 }, (_, r) => (r === i ? '####' : '....')).join('|'));
      expected.push(Array.from({ length: 4 }, () => Array.from({ length: 4 }, (_, c) => (c === i ? '#' : '.')).join('')).join('|'));
    }
    expect(Array.from({ length: ds.n }, (_, i) => picture(i))).toEqual(expected);
    expect(Array.from(ds.y)).toEqual([1, 1, 1, 1, ...new Array(20).fill(0)]);
  });
});
