import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import type { Dataset, DatasetIO } from '../../../src/engine/data/types';

const noIO: DatasetIO = {
  readText: () => Promise.reject(new Error('generators read no files')),
  readBytes: () => Promise.reject(new Error('generators read no files')),
};
const gen = (id: string, options: Record<string, number> = {}, seed = 7): Promise<Dataset> => loadBuiltinDataset(id, options, noIO, seed);

function points(ds: Dataset): { x: number; y: number; label: number }[] {
  return Array.from({ length: ds.n }, (_, i) => ({ x: ds.x[2 * i], y: ds.x[2 * i + 1], label: ds.y[i] }));
}

describe('logic gates', () => {
  it.each([
    ['and', [0, 0, 0, 1]],
    ['or', [0, 1, 1, 1]],
    ['xor', [0, 1, 1, 0]],
  ])('%s has the 4 boolean points', async (id, labels) => {
    const ds = await gen(id);
    expect(Array.from(ds.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(ds.y)).toEqual(labels);
    expect(ds.classNames).toEqual(['0', '1']);
    expect(await gen(id, {}, 99)).toEqual(ds);
  });
});

describe('2-D generators', () => {
  const ids = ['circle', 'quadrants', 'gaussian', 'spiral', 'moons', 'linear'];

  it.each(ids)('%s is deterministic for a seed and differs for another', async (id) => {
    const a = await gen(id, { n: 200 }, 1);
    const b = await gen(id, { n: 200 }, 1);
    const c = await gen(id, { n: 200 }, 2);
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect(a.x).not.toEqual(c.x);
    expect(a.n).toBe(200);
    expect(a.x.length).toBe(400);
    expect(a.featureShape).toEqual([2]);
  });

  it.each(['circle', 'gaussian', 'spiral', 'moons'])('%s has balanced classes, also for odd n', async (id) => {
    const ds = await gen(id, { n: 101 });
    const ones = ds.y.reduce((a, b) => a + b, 0);
    expect(ds.n).toBe(101);
    expect([50, 51]).toContain(ones);
  });

  it('circle without noise: label 1 iff radius < 2.5; the ring spans 3.5..5', async () => {
    const ds = await gen('circle', { n: 1000, noise: 0 });
    for (const p of points(ds)) {
      const r = Math.hypot(p.x, p.y);
      expect(p.label).toBe(r < 2.5 ? 1 : 0);
      if (p.label === 0) expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
      expect(r).toBeLessThanOrEqual(5 + 1e-5);
    }
  });

  it('circle with noise flips some labels', async () => {
    const ds = await gen('circle', { n: 1000, noise: 0.5 });
    const wrong = points(ds).filter((p) => (Math.hypot(p.x, p.y) < 2.5 ? 1 : 0) !== p.label).length;
    expect(wrong).toBeGreaterThan(0);
  });

  it('quadrants without noise: label 1 iff x·y ≥ 0, points kept 0.3 from the axes', async () => {
    const ds = await gen('quadrants', { n: 1000 });
    for (const p of points(ds)) {
      expect(p.label).toBe(p.x * p.y >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(p.x), Math.abs(p.y))).toBeGreaterThanOrEqual(0.3 - 1e-6);
      expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(5.3 + 1e-5);
    }
  });

  it('gaussian: blobs centred at (2, 2) and (−2, −2), separable by x + y at low noise', async () => {
    const ds = await gen('gaussian', { n: 2000, noise: 0 });
    const pts = points(ds);
    for (const label of [0, 1]) {
      const mine = pts.filter((p) => p.label === label);
      const cx = mine.reduce((a, p) => a + p.x, 0) / mine.length;
      const cy = mine.reduce((a, p) => a + p.y, 0) / mine.length;
      const c = label === 1 ? 2 : -2;
      expect(cx).toBeCloseTo(c, 0);
      expect(cy).toBeCloseTo(c, 0);
    }
    const wrong = pts.filter((p) => (p.x + p.y > 0 ? 1 : 0) !== p.label).length;
    expect(wrong / pts.length).toBeLessThan(0.01);
  });

  it('spiral without noise: radius grows along each arm up to 5; the two arms are point-symmetric', async () => {
    const ds = await gen('spiral', { n: 400 });
    const pts = points(ds);
    expect(Math.max(...pts.map((p) => Math.hypot(p.x, p.y)))).toBeLessThan(5);
    // Arm 0 is arm 1 turned by π: every arm-0 point has a mirrored arm-1 point (x, y) -> (−x, −y).
    const arm1 = new Set(pts.filter((p) => p.label === 1).map((p) => `${(-p.x).toFixed(3)},${(-p.y).toFixed(3)}`));
    const arm0 = pts.filter((p) => p.label === 0).map((p) => `${p.x.toFixed(3)},${p.y.toFixed(3)}`);
    const matched = arm0.filter((k) => arm1.has(k)).length;
    expect(matched).toBeGreaterThan(195);
  });

  it('moons without noise lie on the two unit half circles', async () => {
    const ds = await gen('moons', { n: 100, noise: 0 });
    for (const p of points(ds)) {
      if (p.label === 0) {
        expect(Math.hypot(p.x, p.y)).toBeCloseTo(1, 5);
        expect(p.y).toBeGreaterThanOrEqual(-1e-6);
      } else {
        expect(Math.hypot(p.x - 1, p.y - 0.5)).toBeCloseTo(1, 5);
        expect(p.y).toBeLessThanOrEqual(0.5 + 1e-6);
      }
    }
  });

  it('linear: least squares recovers (5, 2, −3) within 0.05', async () => {
    const ds = await gen('linear', { n: 500, noise: 0.1 });
    expect([ds.task, ds.targetSize, ds.classNames]).toEqual(['regression', 1, undefined]);
    // Normal equations for y = b + w1·x1 + w2·x2.
    const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    const r = [0, 0, 0];
    for (let i = 0; i < ds.n; i++) {
      const row = [1, ds.x[2 * i], ds.x[2 * i + 1]];
      for (let a = 0; a < 3; a++) {
        r[a] += row[a] * ds.y[i];
        for (let b = 0; b < 3; b++) A[a][b] += row[a] * row[b];
      }
    }
    const coef = solve3(A, r);
    expect(Math.abs(coef[0] - 5)).toBeLessThan(0.05);
    expect(Math.abs(coef[1] - 2)).toBeLessThan(0.05);
    expect(Math.abs(coef[2] + 3)).toBeLessThan(0.05);
    for (const v of ds.x) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });
});

/** Gaussian elimination for a 3×3 system. */
function solve3(A: number[][], b: number[]): number[] {
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < 3; c++) {
    for (let r = c + 1; r < 3; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = m[r][3];
    for (let k = r + 1; k < 3; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}
