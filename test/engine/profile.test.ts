// First: the CLI's switch for WebAssembly relaxed SIMD (Node 20 keeps it behind a flag), so the
// profile is checked on every kernel path.
import '../../src/cli/wasm-features';
import { afterEach, describe, expect, it } from 'vitest';
import { KERNELS_NAMES, kernelsName, setKernels, wasmKernelsAvailable } from '../../src/engine/backend';
import {
  KIND_ACTIVATION, KIND_CONV, KIND_DATA, KIND_LOSS, KIND_OTHER, KIND_POOLING, opKindOf, profileRowLabel, profileRows, stepProfile, type ProfileRow,
} from '../../src/engine/profile';
import { Trainer } from '../../src/engine/train';
import { buildWorkload } from '../../src/cli/bench/workloads';
import { getNodeSpec, nodeTypes } from '../../src/shared/nodes';
import type { Graph } from '../../src/shared/graph-types';
import { chain } from '../shared/graph-fixtures';

const initialKernels = kernelsName();
afterEach(() => {
  stepProfile.stop();
  stepProfile.reset();
  setKernels(initialKernels);
});

/**
 * Profiles `steps` training steps: the rows, the wall time measured around them, and the span
 * the profiler itself saw between start() and stop().
 */
function profileSteps(trainer: Trainer, steps: number): { rows: Map<string, ProfileRow>; measuredMs: number; profiledMs: number; sumMs: number } {
  stepProfile.reset();
  const t0 = performance.now();
  stepProfile.start();
  for (let i = 0; i < steps; i++) trainer.trainStep();
  stepProfile.stop();
  const measuredMs = performance.now() - t0;
  const list = profileRows(stepProfile.cells(), steps);
  const sumMs = list.reduce((s, r) => s + r.msPerStep, 0) * steps;
  return { rows: new Map(list.map((r) => [r.op, r])), measuredMs, profiledMs: stepProfile.profiledMs(), sumMs };
}

/**
 * Every moment between start() and stop() is charged to one row: the rows add up to the span
 * the profiler measured (exactly, up to float rounding; a dropped or double charge breaks it),
 * and that span lies within the wall time measured around it. (Comparing the rows with the outer
 * wall time alone is not exact: on a loaded machine the process can be descheduled between the
 * outer timer read and start(), for a whole time slice.)
 */
function expectEveryMomentCharged(sumMs: number, profiledMs: number, measuredMs: number): void {
  expect(profiledMs).toBeGreaterThan(0);
  expect(Math.abs(sumMs - profiledMs)).toBeLessThan(1e-9 * profiledMs + 1e-9);
  expect(profiledMs).toBeLessThanOrEqual(measuredMs);
}

const ms = (rows: Map<string, ProfileRow>, op: string) => rows.get(op)?.msPerStep ?? NaN;
const CONV_ROWS = ['conv.pack', 'conv.kernel', 'conv.writeBack', 'conv.other'];

/** W4's images through two convolutions, one strided (the strided and the stride-1 paths), with pooling. */
function convNet(): Graph {
  return chain(
    ['x', 'input'],
    ['c1', 'conv2d', { filters: 4, kernelSize: 3, stride: 1, padding: 'same', useBias: true }], ['r1', 'relu'],
    ['p1', 'maxPool2d', { poolSize: 2, stride: 2 }],
    ['c2', 'conv2d', { filters: 8, kernelSize: 3, stride: 2, padding: 'valid', useBias: true }], ['r2', 'tanh'],
    ['p2', 'avgPool2d', { poolSize: 2, stride: 2 }],
    ['f', 'flatten'], ['d', 'dense', { units: 10 }], ['s', 'softmax'], ['L', 'crossEntropy'],
  );
}

describe('step profile', () => {
  it('every kernel path is here to profile', () => {
    expect(KERNELS_NAMES.filter((k) => wasmKernelsAvailable(k))).toEqual(['wasm-relaxed', 'wasm', 'js']);
  });

  it.each(KERNELS_NAMES)('%s kernels: a network with convolutions and pooling reports their time, and the rows add up to the profiled time', (kernels) => {
    setKernels(kernels);
    const w = buildWorkload('W4');
    const trainer = new Trainer(convNet(), w.data, { ...w.training, batchSize: 8 });
    for (let i = 0; i < 3; i++) trainer.trainStep();
    const { rows, measuredMs, profiledMs, sumMs } = profileSteps(trainer, 12);
    expectEveryMomentCharged(sumMs, profiledMs, measuredMs);
    const shares = [...rows.values()].reduce((s, r) => s + r.share, 0);
    expect(shares).toBeCloseTo(1, 9);
    const conv = CONV_ROWS.reduce((s, op) => s + ms(rows, op), 0);
    expect(conv).toBeGreaterThan(0);
    if (kernels !== 'js') {
      // The WebAssembly whole-batch convolution reports its stages.
      for (const op of ['conv.pack', 'conv.kernel', 'conv.writeBack']) expect(ms(rows, op)).toBeGreaterThan(0);
    }
    for (const op of ['pooling', 'activation', 'loss', 'optimizer', 'data', 'zeroGradients', 'other', 'gemm.kernel', 'layer.flatten']) {
      expect(ms(rows, op), op).toBeGreaterThan(0);
    }
  });

  it.each(KERNELS_NAMES)('%s kernels: a dense-only network reports no convolution or pooling time, and its products in GEMM stages', (kernels) => {
    setKernels(kernels);
    const w = buildWorkload('W2');
    const trainer = new Trainer(w.graph, w.data, { ...w.training, batchSize: 16 });
    trainer.trainStep();
    const { rows, measuredMs, profiledMs, sumMs } = profileSteps(trainer, 5);
    expectEveryMomentCharged(sumMs, profiledMs, measuredMs);
    for (const op of [...CONV_ROWS, 'pooling']) expect(ms(rows, op), op).toBe(0);
    // 16×128×784 products are packed on every path (WebAssembly: pack, kernel, copy out; JS: the
    // blocked kernel packs and accumulates into C in place).
    for (const op of ['gemm.pack', 'gemm.kernel', 'layer.dense', 'activation', 'loss', 'optimizer', 'data']) expect(ms(rows, op), op).toBeGreaterThan(0);
    if (kernels !== 'js') expect(ms(rows, 'gemm.writeBack')).toBeGreaterThan(0);
  });

  it('tiny products (the plain dot-product loops) count as GEMM kernel time', () => {
    const w = buildWorkload('W1');
    const trainer = new Trainer(chain(['x', 'input'], ['h', 'dense', { units: 3 }], ['a', 'tanh'], ['o', 'dense', { units: 1 }], ['s', 'sigmoid'], ['L', 'binaryCrossEntropy']), w.data, w.training);
    const { rows } = profileSteps(trainer, 50);
    expect(ms(rows, 'gemm.kernel')).toBeGreaterThan(0);
    expect(ms(rows, 'gemm.pack')).toBe(0); // 10×3×2 and 10×1×3: below the packing threshold on every path
  });

  it('off, the timing points charge nothing, and profiling changes no result', () => {
    const w = buildWorkload('W6');
    const config = { ...w.training, batchSize: 4 };
    const plain = new Trainer(w.graph, w.data, config);
    const profiled = new Trainer(w.graph, w.data, config);
    const lossesPlain: number[] = [];
    for (let i = 0; i < 6; i++) lossesPlain.push(plain.trainStep());
    stepProfile.reset();
    stepProfile.start();
    const lossesProfiled: number[] = [];
    for (let i = 0; i < 6; i++) lossesProfiled.push(profiled.trainStep());
    stepProfile.stop();
    expect(lossesProfiled).toEqual(lossesPlain);
    const after = stepProfile.cells();
    expect(after.some((v) => v > 0)).toBe(true);
    for (let i = 0; i < 3; i++) profiled.trainStep(); // off again
    expect(stepProfile.cells()).toEqual(after);
  });

  it('every node type is charged to an op kind whose row has a label', () => {
    for (const type of nodeTypes) {
      const spec = getNodeSpec(type)!;
      const kind = opKindOf(type);
      if (type === 'conv2d') expect(kind).toBe(KIND_CONV);
      else if (type === 'maxPool2d' || type === 'avgPool2d') expect(kind).toBe(KIND_POOLING);
      else if (spec.category === 'activation') expect(kind).toBe(KIND_ACTIVATION);
      else if (spec.category === 'loss') expect(kind).toBe(KIND_LOSS);
      else if (spec.category === 'input') expect(kind).toBe(KIND_DATA);
      else expect(profileRowLabel(`layer.${type}`)).toContain(spec.label);
    }
    expect(opKindOf('noSuchType')).toBe(KIND_OTHER);
    // One row per other node type: batch norm and dense are told apart.
    expect(opKindOf('batchNorm')).not.toBe(opKindOf('dense'));
  });
});
