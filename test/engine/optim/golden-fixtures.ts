/**
 * The PyTorch golden fixtures (test/fixtures/golden, made by tools/golden/make_golden.py)
 * and the tolerance used to compare the engine with them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Graph } from '../../../src/shared/graph-types';
import type { OptimizerConfig } from '../../../src/shared/project-types';
import { compileModel } from '../../../src/engine/compile';
import type { Model } from '../../../src/engine/model';
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
      trainable: true,
      decay: true,
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

/** The fixture's network compiled with its fixed weights. */
export function compileGolden(network: GoldenNetwork): Model {
  return compileModel(network.graph, {
    dataShape: network.dataShape,
    batchSize: network.rows,
    task: network.task,
    numClasses: network.numClasses,
    targetSize: network.targetSize,
    seed: 1,
    weights: weightMap(network),
  });
}

/** Mismatches of every listed param's values or gradient. */
export function paramMismatches(label: string, model: Model, expected: ParamValues, which: 'data' | 'grad'): string[] {
  const out: string[] = [];
  for (const [nodeId, byName] of Object.entries(expected)) {
    for (const [name, values] of Object.entries(byName)) {
      const p = model.params.find((q) => q.nodeId === nodeId && q.name === name);
      if (!p) out.push(`${label}: the model has no param ${nodeId}.${name}`);
      else out.push(...mismatches(`${label} ${nodeId}.${name}`, p[which], values));
    }
  }
  return out;
}

/** After one forward and backward pass: the loss, node outputs and gradients, dL/dx and param gradients. */
export function forwardMismatches(model: Model, loss: number, e: ForwardCase['expected']): string[] {
  const problems = mismatches('loss', [loss], [e.loss]);
  for (const [id, values] of Object.entries(e.outputs)) problems.push(...mismatches(`output of ${id}`, model.node(id).output, values));
  for (const [id, values] of Object.entries(e.nodeGrads)) {
    // A fused softmax/sigmoid hands its loss's gradient straight to the logits (the node before it).
    if (!e.fused.includes(id)) problems.push(...mismatches(`grad of ${id}`, model.node(id).grad, values));
  }
  problems.push(...mismatches('dL/dx', model.inputGrad, e.inputGrad));
  problems.push(...paramMismatches('grad', model, e.paramGrads, 'grad'));
  return problems;
}
