/**
 * Generated datasets: the logic gates, the 2-D classification sets in the style of
 * TensorFlow Playground (circle, quadrants, gaussian, spiral), scikit-learn's two moons, and a
 * linear regression problem. All randomness comes from the Rng given by the caller.
 */
import type { Rng } from '../random';
import type { Dataset } from './types';

export type GateId = 'and' | 'or' | 'xor';
export type Generator2dId = 'circle' | 'quadrants' | 'gaussian' | 'spiral' | 'moons';

/** Playground's data live in [−R, R]² with R = 5. */
const RADIUS = 5;

const GATE_OUTPUT: Record<GateId, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
};

/** The four points (0,0), (0,1), (1,0), (1,1) labelled by a boolean gate. */
export function gateDataset(id: GateId, name: string): Dataset {
  const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
  const y = new Float32Array(4);
  for (let i = 0; i < 4; i++) y[i] = GATE_OUTPUT[id](x[2 * i], x[2 * i + 1]);
  return {
    name,
    task: 'classification',
    n: 4,
    x,
    featureShape: [2],
    featureNames: ['x1', 'x2'],
    y,
    targetSize: 1,
    classNames: ['0', '1'],
  };
}

interface Point {
  x: number;
  y: number;
  label: number;
}

/** Class sizes for n points in two classes: [class 0, class 1], differing by at most one. */
function halves(n: number): [number, number] {
  const n1 = Math.floor(n / 2);
  return [n - n1, n1];
}

/** Label 1 inside radius R/2, label 0 on the ring 0.7R..R; noise moves the point used for labelling. */
function circle(n: number, noise: number, rng: Rng): Point[] {
  const points: Point[] = [];
  const [nOuter, nInner] = halves(n);
  const add = (count: number, rMin: number, rMax: number): void => {
    for (let i = 0; i < count; i++) {
      const r = rng.uniform(rMin, rMax);
      const angle = rng.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const nx = rng.uniform(-RADIUS, RADIUS) * noise;
      const ny = rng.uniform(-RADIUS, RADIUS) * noise;
      points.push({ x, y, label: Math.hypot(x + nx, y + ny) < RADIUS * 0.5 ? 1 : 0 });
    }
  };
  add(nInner, 0, RADIUS * 0.5);
  add(nOuter, RADIUS * 0.7, RADIUS);
  return points;
}

/** Uniform in [−5, 5]², pushed 0.3 away from the axes; label 1 iff x·y ≥ 0 (of the noisy point). */
function quadrants(n: number, noise: number, rng: Rng): Point[] {
  const padding = 0.3;
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    let x = rng.uniform(-RADIUS, RADIUS);
    x += x > 0 ? padding : -padding;
    let y = rng.uniform(-RADIUS, RADIUS);
    y += y > 0 ? padding : -padding;
    const nx = rng.uniform(-RADIUS, RADIUS) * noise;
    const ny = rng.uniform(-RADIUS, RADIUS) * noise;
    points.push({ x, y, label: (x + nx) * (y + ny) >= 0 ? 1 : 0 });
  }
  return points;
}

/** Blobs at (2, 2) (label 1) and (−2, −2) (label 0); variance 0.5 + 7·noise (Playground's scale). */
function gaussian(n: number, noise: number, rng: Rng): Point[] {
  const sd = Math.sqrt(0.5 + 7 * noise);
  const points: Point[] = [];
  const [n0, n1] = halves(n);
  for (let i = 0; i < n1; i++) points.push({ x: 2 + sd * rng.normal(), y: 2 + sd * rng.normal(), label: 1 });
  for (let i = 0; i < n0; i++) points.push({ x: -2 + sd * rng.normal(), y: -2 + sd * rng.normal(), label: 0 });
  return points;
}

/** Two interleaved spirals of radius 5 turning 1.75 times; noise is uniform in ±noise per axis. */
function spiral(n: number, noise: number, rng: Rng): Point[] {
  const points: Point[] = [];
  const [n0, n1] = halves(n);
  const arm = (count: number, deltaT: number, label: number): void => {
    for (let i = 0; i < count; i++) {
      const r = (i / count) * RADIUS;
      const t = ((1.75 * i) / count) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
      const y = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
      points.push({ x, y, label });
    }
  };
  arm(n1, 0, 1);
  arm(n0, Math.PI, 0);
  return points;
}

/** scikit-learn's make_moons: evenly spaced half circles, Gaussian noise with sd = noise. */
function moons(n: number, noise: number, rng: Rng): Point[] {
  const points: Point[] = [];
  const [nOuter, nInner] = halves(n);
  const angle = (i: number, count: number): number => (count > 1 ? (Math.PI * i) / (count - 1) : 0);
  for (let i = 0; i < nOuter; i++) {
    const t = angle(i, nOuter);
    points.push({ x: Math.cos(t), y: Math.sin(t), label: 0 });
  }
  for (let i = 0; i < nInner; i++) {
    const t = angle(i, nInner);
    points.push({ x: 1 - Math.cos(t), y: 0.5 - Math.sin(t), label: 1 });
  }
  for (const p of points) {
    p.x += noise * rng.normal();
    p.y += noise * rng.normal();
  }
  return points;
}

const GENERATORS: Record<Generator2dId, { make: (n: number, noise: number, rng: Rng) => Point[]; classNames: string[] }> = {
  circle: { make: circle, classNames: ['outside', 'inside'] },
  quadrants: { make: quadrants, classNames: ['x·y < 0', 'x·y ≥ 0'] },
  gaussian: { make: gaussian, classNames: ['blob at (−2, −2)', 'blob at (2, 2)'] },
  spiral: { make: spiral, classNames: ['spiral 0', 'spiral 1'] },
  moons: { make: moons, classNames: ['upper moon', 'lower moon'] },
};

/** n points of a 2-D generator, shuffled (as Playground and make_moons do). */
export function generate2d(id: Generator2dId, name: string, n: number, noise: number, rng: Rng): Dataset {
  const points = GENERATORS[id].make(n, noise, rng);
  const order = Int32Array.from(points.keys());
  rng.shuffle(order);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[order[i]];
    x[2 * i] = p.x;
    x[2 * i + 1] = p.y;
    y[i] = p.label;
  }
  return {
    name,
    task: 'classification',
    n,
    x,
    featureShape: [2],
    featureNames: ['x1', 'x2'],
    y,
    targetSize: 1,
    classNames: [...GENERATORS[id].classNames],
  };
}

/** y = 5 + 2·x₁ − 3·x₂ + ε with x uniform in [−1, 1]² and ε ~ N(0, noise²). */
export function linearDataset(name: string, n: number, noise: number, rng: Rng): Dataset {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = rng.uniform(-1, 1);
    const x2 = rng.uniform(-1, 1);
    x[2 * i] = x1;
    x[2 * i + 1] = x2;
    y[i] = 5 + 2 * x1 - 3 * x2 + noise * rng.normal();
  }
  return { name, task: 'regression', n, x, featureShape: [2], featureNames: ['x1', 'x2'], y, targetSize: 1 };
}
