/**
 * The 2-D generators in detail, with a seeded Rng: class names, exact class sizes, the spiral's
 * geometry, the moons' end points, and how much noise each noise setting adds.
 */
import { describe, expect, it } from 'vitest';
import { gateDataset, generate2d, linearDataset, type Generator2dId } from '../../../src/engine/data/generators';
import type { Dataset } from '../../../src/engine/data/types';
import { loadBuiltinDataset } from '../../../src/engine/data/builtin';
import { Rng, streamSeed } from '../../../src/engine/random';

const make = (id: Generator2dId, n: number, noise: number, seed = 3): Dataset => generate2d(id, `the ${id}`, n, noise, new Rng(seed));

function pointsOf(ds: Dataset, label: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < ds.n; i++) if (ds.y[i] === label) out.push({ x: ds.x[2 * i], y: ds.x[2 * i + 1] });
  return out;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));

describe('generate2d', () => {
  it('names, feature names and class names of each generator', () => {
    const classNames: Record<Generator2dId, string[]> = {
      circle: ['outside', 'inside'],
      quadrants: ['x·y < 0', 'x·y ≥ 0'],
      gaussian: ['blob at (−2, −2)', 'blob at (2, 2)'],
      spiral: ['spiral 0', 'spiral 1'],
      moons: ['upper moon', 'lower moon'],
    };
    for (const [id, names] of Object.entries(classNames) as [Generator2dId, string[]][]) {
      const ds = make(id, 10, 0);
      expect(ds, id).toMatchObject({ name: `the ${id}`, task: 'classification', n: 10, featureShape: [2], featureNames: ['x1', 'x2'], targetSize: 1, classNames: names });
    }
    expect(linearDataset('lin', 3, 0, new Rng(1))).toMatchObject({ name: 'lin', featureNames: ['x1', 'x2'], featureShape: [2], targetSize: 1 });
    expect(gateDataset('and', 'AND')).toMatchObject({ name: 'AND', task: 'classification', n: 4, featureShape: [2], featureNames: ['x1', 'x2'], targetSize: 1 });
  });

  it('an odd n gives class 0 the extra point; the points come shuffled', () => {
    for (const id of ['circle', 'gaussian', 'spiral', 'moons'] as const) {
      const ds = make(id, 101, 0);
      expect(ds.y.reduce((a, b) => a + b, 0), id).toBe(50);
      // Shuffled: the first 50 rows are not all of one class.
      expect(new Set(ds.y.subarray(0, 50)).size, id).toBe(2);
    }
  });

  it('spiral without noise: arm 1 has radii 5·i/count and angle 1.75 turns per radius 5; arm 0 is arm 1 turned by π', () => {
    const count = 200;
    const ds = make('spiral', 2 * count, 0);
    for (const [label, turn] of [[1, 0], [0, Math.PI]] as const) {
      const pts = pointsOf(ds, label).map((p) => ({ r: Math.hypot(p.x, p.y), ...p })).sort((a, b) => a.r - b.r);
      expect(pts).toHaveLength(count);
      pts.forEach((p, i) => {
        expect(p.r).toBeCloseTo((5 * i) / count, 5);
        if (i === 0) return; // the centre has no angle
        const t = ((1.75 * i) / count) * 2 * Math.PI + turn;
        expect(p.x).toBeCloseTo(p.r * Math.sin(t), 5);
        expect(p.y).toBeCloseTo(p.r * Math.cos(t), 5);
      });
    }
  });

  it('spiral noise moves each coordinate by less than ±noise, and by about noise/√3 on average', () => {
    const count = 500;
    const clean = make('spiral', 2 * count, 0, 5);
    const noisy = make('spiral', 2 * count, 0.4, 5);
    // A point's offset: its distance (per coordinate, the larger one) to the nearest clean point of its arm.
    const offsets: number[] = [];
    const dx: number[] = [];
    const dy: number[] = [];
    for (const label of [0, 1]) {
      const c = pointsOf(clean, label);
      for (const p of pointsOf(noisy, label)) {
        let best = Infinity;
        let nearest = c[0];
        for (const q of c) {
          const d = Math.max(Math.abs(p.x - q.x), Math.abs(p.y - q.y));
          if (d < best) [best, nearest] = [d, q];
        }
        offsets.push(best);
        dx.push(p.x - nearest.x);
        dy.push(p.y - nearest.y);
      }
    }
    expect(Math.max(...offsets)).toBeLessThan(0.4);
    expect(mean(offsets)).toBeGreaterThan(0.05);
    // Centred: no drift in either direction.
    expect(Math.abs(mean(dx))).toBeLessThan(0.03);
    expect(Math.abs(mean(dy))).toBeLessThan(0.03);
  });

  it('moons without noise reach both ends of each half circle', () => {
    const ds = make('moons', 40, 0);
    const upper = pointsOf(ds, 0);
    const lower = pointsOf(ds, 1);
    expect(Math.min(...upper.map((p) => p.x))).toBeCloseTo(-1, 6);
    expect(Math.max(...upper.map((p) => p.x))).toBeCloseTo(1, 6);
    expect(Math.max(...upper.map((p) => p.y))).toBeCloseTo(1, 2);
    expect(Math.min(...lower.map((p) => p.x))).toBeCloseTo(0, 6);
    expect(Math.max(...lower.map((p) => p.x))).toBeCloseTo(2, 6);
    expect(Math.min(...lower.map((p) => p.y))).toBeCloseTo(-0.5, 2);
    // Evenly spaced angles: neighbouring points on the upper moon are all the same distance apart.
    const angles = upper.map((p) => Math.atan2(p.y, p.x)).sort((a, b) => a - b);
    for (let i = 1; i < angles.length; i++) expect(angles[i] - angles[i - 1]).toBeCloseTo(Math.PI / 19, 5);
  });

  it('moons with one point per moon put them at the start of each half circle', () => {
    const ds = make('moons', 2, 0);
    expect(pointsOf(ds, 0)).toEqual([{ x: 1, y: 0 }]);
    expect(pointsOf(ds, 1)).toEqual([{ x: 0, y: 0.5 }]);
  });

  it('moons noise is Gaussian with sd = noise in each coordinate (radial spread about 0.1, no far outliers)', () => {
    const ds = make('moons', 2000, 0.1);
    const radial = [...pointsOf(ds, 0).map((p) => Math.hypot(p.x, p.y) - 1), ...pointsOf(ds, 1).map((p) => Math.hypot(p.x - 1, p.y - 0.5) - 1)];
    expect(std(radial)).toBeGreaterThan(0.085);
    expect(std(radial)).toBeLessThan(0.115);
    expect(Math.max(...radial.map(Math.abs))).toBeLessThan(0.6);
  });

  it('gaussian: the spread is √(0.5 + 7·noise) around each centre', () => {
    for (const [noise, sd] of [[0, Math.sqrt(0.5)], [0.5, 2]] as const) {
      const ds = make('gaussian', 4000, noise);
      for (const [label, c] of [[1, 2], [0, -2]] as const) {
        const pts = pointsOf(ds, label);
        expect(mean(pts.map((p) => p.x)), `noise ${noise}`).toBeCloseTo(c, 0);
        expect(std(pts.map((p) => p.x)) / sd, `noise ${noise}`).toBeCloseTo(1, 1);
        expect(std(pts.map((p) => p.y)) / sd, `noise ${noise}`).toBeCloseTo(1, 1);
      }
    }
  });

  it('circle and quadrants with noise: labels follow the moved point, so a few fall on the wrong side, but most do not', () => {
    for (const id of ['circle', 'quadrants'] as const) {
      const ds = make(id, 4000, 0.1);
      // Points on the wrong side, counted on each side of the y axis and of the x axis.
      const sides = { right: 0, left: 0, above: 0, below: 0 };
      for (let i = 0; i < ds.n; i++) {
        const [x, y] = [ds.x[2 * i], ds.x[2 * i + 1]];
        const clean = id === 'circle' ? (Math.hypot(x, y) < 2.5 ? 1 : 0) : x * y >= 0 ? 1 : 0;
        if (clean === ds.y[i]) continue;
        sides[x > 0 ? 'right' : 'left']++;
        sides[y > 0 ? 'above' : 'below']++;
      }
      const wrong = sides.right + sides.left;
      expect(wrong, id).toBeGreaterThan(0);
      expect(wrong / ds.n, id).toBeLessThan(0.1);
      // The noise is centred, so the mistakes are spread evenly, not pushed to one side.
      expect(Math.max(sides.right, sides.left), id).toBeLessThan(2 * Math.min(sides.right, sides.left));
      expect(Math.max(sides.above, sides.below), id).toBeLessThan(2 * Math.min(sides.above, sides.below));
    }
  });

  it('circle without noise: the inner disc is filled out to radius 2.5 and the ring reaches 5', () => {
    const ds = make('circle', 4000, 0);
    const inner = pointsOf(ds, 1).map((p) => Math.hypot(p.x, p.y));
    const outer = pointsOf(ds, 0).map((p) => Math.hypot(p.x, p.y));
    expect(Math.max(...inner)).toBeGreaterThan(2.45);
    expect(Math.min(...inner)).toBeLessThan(0.1);
    expect(Math.min(...outer)).toBeLessThan(3.55);
    expect(Math.max(...outer)).toBeGreaterThan(4.95);
    // The ring's angles go all the way round: it has points deep in every quadrant.
    for (const sx of [-1, 1]) for (const sy of [-1, 1]) expect(pointsOf(ds, 0).some((p) => p.x * sx > 2 && p.y * sy > 2)).toBe(true);
  });
});

describe('linearDataset', () => {
  it('without noise y is exactly 5 + 2·x1 − 3·x2, with x spread over [−1, 1]²', () => {
    const ds = linearDataset('lin', 400, 0, new Rng(4));
    for (let i = 0; i < ds.n; i++) expect(ds.y[i]).toBeCloseTo(5 + 2 * ds.x[2 * i] - 3 * ds.x[2 * i + 1], 5);
    expect(Math.min(...ds.x)).toBeLessThan(-0.95);
    expect(Math.max(...ds.x)).toBeGreaterThan(0.95);
  });

  it('noise adds residuals with sd = noise', () => {
    const ds = linearDataset('lin', 4000, 0.3, new Rng(4));
    const residuals = Array.from({ length: ds.n }, (_, i) => ds.y[i] - (5 + 2 * ds.x[2 * i] - 3 * ds.x[2 * i + 1]));
    expect(std(residuals)).toBeCloseTo(0.3, 1);
    expect(Math.abs(mean(residuals))).toBeLessThan(0.03);
  });
});

describe('loadBuiltinDataset and the seed', () => {
  const noIO = { readText: () => Promise.reject(new Error('no files')), readBytes: () => Promise.reject(new Error('no files')) };

  it("generated data are drawn from the seed's 'data' stream, with the options given", async () => {
    const circle = await loadBuiltinDataset('circle', { n: 60, noise: 0.2 }, noIO, 7);
    expect(circle).toEqual(generate2d('circle', 'Circle', 60, 0.2, new Rng(streamSeed(7, 'data'))));
    const lin = await loadBuiltinDataset('linear', { n: 30, noise: 0.1 }, noIO, 8);
    expect(lin.x).toEqual(linearDataset('x', 30, 0.1, new Rng(streamSeed(8, 'data'))).x);
    expect(lin.y).toEqual(linearDataset('x', 30, 0.1, new Rng(streamSeed(8, 'data'))).y);
  });
});
