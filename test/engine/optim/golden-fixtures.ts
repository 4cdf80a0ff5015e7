/**
 * The PyTorch golden fixtures (test/fixtures/golden, made by tools/golden/make_golden.py)
 * and the tolerance used to compare the engine with them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Graph } from '../../../src/shared/graph-types';
import type { OptimizerConfig } from '../../../src/shared/project-types';
import type { Param, WeightMap } from '../../../src/engine/tensor';

/** nodeId -> param name -> values. */
export type ParamValues = Record<string, Record<string, number[]>>;

export interface GoldenNetwork {
  name: string;
  graph: Graph;
  dataShape: number[];
  rows: number;
  task: 'classification' | 'regression';
  numClasses: number;
  targetSize: number;
  x: number[];
  /** What the engine gets: a class index per row, or rows × targetSize regression targets. */
  y: number[];
  weights: Record<string, Record<string, { shape: number[]; data: number[] }>>;
}

export interface ForwardCase extends GoldenNetwork {
  expected: {
    loss: number;
    losses: Record<string, number>;
    fused: string[];
    outputs: Record<string, number[]>;
    nodeGrads: Record<string, number[]>;
    paramGrads: ParamValues;
    inputGrad: number[];
  };
}

export interface OptimizerStep {
  /** Loss before the update. */
  loss: number;
  /** Raw gradients of this step (before weight decay and L1). */
  grads: ParamValues;
  /** Params after the update. */
  params: ParamValues;
}

export interface OptimizerCase {
  name: string;
  optimizer: OptimizerConfig;
  l1: number;
  steps: OptimizerStep[];
}

function load<T>(file: string): T {
  const url = new URL(`../../fixtures/golden/${file}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as T;
}

export const forwardFixture = (): { cases: ForwardCase[] } => load('forward.json');
export const optimizerFixture = (): { network: GoldenNetwork; cases: OptimizerCase[] } => load('optimizers.json');

export function weightMap(network: GoldenNetwork): WeightMap {
  const map: WeightMap = {};
  for (const [id, w] of Object.entries(network.weights)) {
    map[id] = {};
    for (const [name, t] of Object.entries(w)) map[id][name] = { shape: [...t.shape], data: Float32Array.from(t.data) };
  }
  return map;
}

/** Fresh Params holding the network's initial weights, in the fixture's order. */
export function paramsOf(network: GoldenNetwork): Param[] {
  return Object.entries(weightMap(network)).flatMap(([nodeId, w]) =>
    Object.entries(w).map(([name, t]) => ({
      nodeId,
      name,
      shape: t.shape,
      data: t.data,
      grad: new Float32Array(t.data.length),
      isKernel: name === 'kernel',
    })),
  );
}

export const RTOL = 1e-5;
export const ATOL = 1e-6;

/** Mismatches beyond |a − e| ≤ RTOL·|e| + ATOL, as readable lines ('' entries never appear). */
export function mismatches(label: string, actual: ArrayLike<number>, expected: readonly number[]): string[] {
  if (actual.length < expected.length) return [`${label}: ${actual.length} values, expected ${expected.length}`];
  const out: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!(Math.abs(a - e) <= RTOL * Math.abs(e) + ATOL)) out.push(`${label}[${i}]: got ${a}, torch ${e} (diff ${a - e})`);
  }
  return out;
}
