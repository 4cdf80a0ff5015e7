/**
 * The step-through on a convolutional network (src/engine/trace.ts): a tiny net (1×4×4 input,
 * Conv2D 2 filters 3×3 + ReLU, 2×2 max pooling, Flatten, Dense 1, MSE) traced on two rows. Every
 * map, Δ map, kernel gradient and updated kernel equals a float64 reference written here
 * (independent of the engine); the model after the trace holds exactly those updated weights;
 * the CNN digits template traces with maps of the right shapes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../src/cli/project-file';
import type { PreparedData } from '../../src/engine/data/types';
import type { Model } from '../../src/engine/model';
import { createTrainer, prepareProjectData, weightsFromProject } from '../../src/engine/session';
import { traceTrainingStep } from '../../src/engine/trace';
import type { BackwardStage, ForwardStage, LossStage, UpdateStage } from '../../src/shared/protocol-trace';
import { findTemplate } from '../../src/shared/templates';
import { chainGraph, makeProject, repoRoot } from '../helpers/projects';

const TOL = 1e-5;

function expectClose(actual: unknown, expected: unknown, what: string): void {
  const a = (actual as number[]).flat(4) as number[];
  const e = (expected as number[]).flat(4) as number[];
  expect(a.length, `${what}: length`).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i]!), `${what}[${i}]: ${v} vs ${e[i]}`).toBeLessThanOrEqual(TOL));
}

const ROWS = 2;
// Two 4×4 images and one target each, fixed numbers.
const X = [
  [0.1, -0.4, 0.7, 0.2, 0.5, 0.9, -0.3, 0.0, -0.6, 0.8, 0.4, -0.1, 0.3, -0.2, 0.6, 1.0],
  [0.9, 0.1, -0.5, 0.4, -0.7, 0.2, 0.6, -0.8, 0.5, 0.3, -0.2, 0.7, 0.0, 0.4, -0.9, 0.2],
];
const Y = [0.5, -0.3];

function tinyData(): PreparedData {
  return {
    train: { n: ROWS, x: Float32Array.from(X.flat()), y: Float32Array.from(Y) },
    featureShape: [1, 4, 4],
    featureSize: 16,
    task: 'regression',
    numClasses: 0,
    targetSize: 1,
  } as unknown as PreparedData;
}

/** The float64 reference of one step: conv (valid, stride 1) + ReLU, 2×2 max pool, dense, mean MSE, SGD. */
function reference(K: number[][][][], cb: number[], W: number[][], db: number[], lr: number) {
  const img = (r: number) => [Array.from({ length: 4 }, (_, y) => X[r]!.slice(y * 4, y * 4 + 4))];
  const conv = (r: number) => K.map((k, f) => Array.from({ length: 2 }, (_, oy) => Array.from({ length: 2 }, (_, ox) => {
    let s = cb[f]!;
    for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) s += k[0]![ky]![kx]! * img(r)[0]![oy + ky]![ox + kx]!;
    return s;
  })));
  const pre = [0, 1].map(conv);
  const act = pre.map((maps) => maps.map((m) => m.map((row) => row.map((v) => Math.max(0, v)))));
  const pooled = act.map((maps) => maps.map((m) => Math.max(...m.flat())));
  const yhat = pooled.map((p) => db[0]! + p.reduce((s, v, i) => s + v * W[i]![0]!, 0));
  const loss = yhat.reduce((s, v, r) => s + (v - Y[r]!) ** 2, 0) / ROWS;
  const dy = yhat.map((v, r) => (2 * (v - Y[r]!)) / ROWS);
  const gW = W.map((_, i) => [pooled.reduce((s, p, r) => s + p[i]! * dy[r]!, 0)]);
  const gdb = [dy.reduce((s, v) => s + v, 0)];
  const dPool = dy.map((d) => W.map((w) => w[0]! * d)); // [row][filter]
  // Max pool routes the error to the maximum; ReLU passes it where the pre-activation is > 0.
  const dA = act.map((maps, r) => maps.map((m, f) => {
    const flat = m.flat();
    const at = flat.indexOf(Math.max(...flat));
    return m.map((row, y) => row.map((_, x) => (y * 2 + x === at ? dPool[r]![f]! : 0)));
  }));
  const delta = dA.map((maps, r) => maps.map((m, f) => m.map((row, y) => row.map((v, x) => (pre[r]![f]![y]![x]! > 0 ? v : 0)))));
  const gK = K.map((_, f) => [Array.from({ length: 3 }, (_, ky) => Array.from({ length: 3 }, (_, kx) => {
    let s = 0;
    for (let r = 0; r < ROWS; r++) for (let oy = 0; oy < 2; oy++) for (let ox = 0; ox < 2; ox++) s += delta[r]![f]![oy]![ox]! * img(r)[0]![oy + ky]![ox + kx]!;
    return s;
  }))]);
  const gcb = K.map((_, f) => delta.reduce((s, maps) => s + maps[f]!.flat().reduce((a, v) => a + v, 0), 0));
  return {
    pre, act, pooled, yhat, loss, dy, dA, delta, gK, gcb, gW, gdb,
    dPoolMaps: dPool.map((row) => row.map((v) => [[v]])),
    K2: K.map((k, f) => k.map((c, ci) => c.map((row, y) => row.map((v, x) => v - lr * gK[f]![ci]![y]![x]!)))),
    cb2: cb.map((b, f) => b - lr * gcb[f]!),
    W2: W.map((w, i) => [w[0]! - lr * gW[i]![0]!]),
    db2: [db[0]! - lr * gdb[0]!],
  };
}

describe('step-through of a convolutional network', () => {
  const graph = chainGraph([
    ['x', 'input'], ['c', 'conv2d', { filters: 2, kernelSize: 3 }], ['r', 'relu'], ['p', 'maxPool2d', { poolSize: 2 }],
    ['f', 'flatten'], ['out', 'dense', { units: 1 }], ['L', 'mse'],
  ]);
  const project = makeProject(graph, { dataset: 'xor' }, { optimizer: { type: 'sgd', learningRate: 0.1 }, seed: 7 });

  it('every stage equals the float64 reference, and the model holds the updated weights', () => {
    const { trace, model } = traceTrainingStep({ graph, data: tinyData(), training: project.training, sample: 0, rows: ROWS });
    expect(trace.layers.map((l) => [l.node, l.kind, l.activationNode])).toEqual([['c', 'conv2d', 'r'], ['p', 'pool', null], ['out', 'dense', null]]);
    expect(trace.layers[0]!.mapShape).toEqual([2, 2, 2]);
    expect(trace.layers[1]!.inputShape).toEqual([2, 2, 2]);
    expect(trace.layers[1]!.mapShape).toEqual([2, 1, 1]);
    expect(trace.stages.map((s) => `${s.stage}:${s.node}`)).toEqual([
      'forward:c', 'forward:p', 'forward:out', 'loss:L', 'backward:out', 'backward:p', 'backward:c', 'update:c', 'update:out',
    ]);
    const stage = <S>(kind: string, node: string): S => trace.stages.find((s) => s.stage === kind && s.node === node) as S;
    const upC = stage<UpdateStage>('update', 'c');
    const upOut = stage<UpdateStage>('update', 'out');
    const K = upC.before.filters!;
    expect(K.length).toBe(2);
    expect(K[0]![0]!.length).toBe(3);
    expectClose(upC.before.kernel, K.map((k) => k.flat(2)), 'kernel rows = flattened filters');
    const ref = reference(K, upC.before.bias!, upOut.before.kernel, upOut.before.bias!, 0.1);

    const fc = stage<ForwardStage>('forward', 'c');
    expectClose(fc.maps!.x, X.map((x) => [Array.from({ length: 4 }, (_, y) => x.slice(y * 4, y * 4 + 4))]), 'conv x maps');
    expectClose(fc.maps!.in, ref.pre, 'conv pre-activation maps');
    expectClose(fc.maps!.a, ref.act, 'conv activation maps');
    expectClose(fc.in, ref.pre.flat(3), 'conv flat in');
    const fp = stage<ForwardStage>('forward', 'p');
    expectClose(fp.maps!.a, ref.pooled.map((p) => p.map((v) => [[v]])), 'pooled maps');
    expect(Math.abs(stage<LossStage>('loss', 'L').value - ref.loss)).toBeLessThanOrEqual(TOL);
    expectClose(stage<LossStage>('loss', 'L').dPrediction, ref.dy, 'dL/dŷ');

    const bOut = stage<BackwardStage>('backward', 'out');
    expectClose(bOut.grads!.kernel, ref.gW, 'dense ∂L/∂w');
    const bp = stage<BackwardStage>('backward', 'p');
    expect(bp.grads).toBeNull();
    expectClose(bp.maps!.delta, ref.dPoolMaps, 'pool Δ maps');
    const bc = stage<BackwardStage>('backward', 'c');
    expectClose(bc.maps!.dA, ref.dA, 'conv ∂L/∂a maps');
    expectClose(bc.maps!.delta, ref.delta, 'conv Δ maps');
    expectClose(bc.grads!.filters, ref.gK, 'conv ∂L/∂K');
    expectClose(bc.grads!.bias, ref.gcb, 'conv ∂L/∂b');
    expectClose(bc.gPrime, ref.pre.flat(3).map((v) => (v > 0 ? 1 : 0)), "ReLU g′");
    // The reference must exercise the gradient: some Δ is non-zero.
    expect(ref.delta.flat(3).some((v) => v !== 0)).toBe(true);

    expectClose(upC.after.filters, ref.K2, 'updated filters');
    expectClose(upC.after.bias, ref.cb2, 'updated conv bias');
    expectClose(upOut.after.kernel, ref.W2, 'updated dense kernel');
    // The model now holds exactly the weights the update stages report.
    const params = Object.fromEntries(model.params.map((p) => [`${p.nodeId}.${p.name}`, Array.from(p.data)]));
    expect(params['c.kernel']).toEqual(upC.after.filters!.flat(3));
    expect(params['c.bias']).toEqual(upC.after.bias);
    expect(params['out.kernel']).toEqual(upOut.after.kernel.flat());
    expect(trace.lossAfter).toBeLessThan(trace.lossBefore);
  });

  it("leaves the model exactly where the trainer's first step (the same two rows) leaves it", async () => {
    const inOrder = makeProject(graph, { dataset: 'xor' }, { optimizer: { type: 'sgd', learningRate: 0.1 }, seed: 7, batchSize: ROWS, sampling: 'sequential' });
    const data = { ...tinyData(), validation: { n: 0, x: new Float32Array(0), y: new Float32Array(0) }, test: { n: 0, x: new Float32Array(0), y: new Float32Array(0) } } as PreparedData;
    const { model } = traceTrainingStep({ graph, data, training: inOrder.training, sample: 0, rows: ROWS });
    const trainer = createTrainer(inOrder, data);
    const before = weightsOfModel(trainer.model);
    trainer.trainStep();
    expect(weightsOfModel(trainer.model)).not.toEqual(before);
    expect(weightsOfModel(model)).toEqual(weightsOfModel(trainer.model));
  });
});

const weightsOfModel = (model: Model): Record<string, number[]> =>
  Object.fromEntries(model.weights.map((w) => [`${w.nodeId}.${w.name}`, Array.from(w.data)]));

describe('step-through of the convolutional templates', () => {
  it.each([
    // The last column: the template samples its batches in order, so the trainer's first step reads the same rows.
    ['turn-detector', [['detector', 'conv2d'], ['pool', 'pool']], [1, 2, 2], false],
    ['l000-turn-detector', [['kernel', 'conv2d']], [1, 1, 1], true],
    ['cnn-digits', [['conv', 'conv2d'], ['pool', 'pool'], ['logits', 'dense']], [8, 8, 8], false],
  ] as const)('%s: maps of the right shapes (and, in order, where one training step leaves the model)', async (id, layers, firstMaps, sameRowsAsTrainer) => {
    const project = findTemplate(id)!.build();
    const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
    const rows = Math.min(project.training.batchSize, data.train.n);
    const { trace, model } = traceTrainingStep({ graph: project.graph, data, training: project.training, weights: weightsFromProject(project.weights), sample: 0, rows });
    expect(trace.layers.map((l) => [l.node, l.kind])).toEqual(layers);
    const first = trace.layers[0]!;
    expect(first.mapShape).toEqual(firstMaps);
    const forward = trace.stages.find((s): s is ForwardStage => s.stage === 'forward' && s.node === first.node)!;
    const [C, H, W] = firstMaps;
    expect([forward.maps!.a.length, forward.maps!.a[0]!.length, forward.maps!.a[0]![0]!.length, forward.maps!.a[0]![0]![0]!.length]).toEqual([rows, C, H, W]);
    const backward = trace.stages.find((s): s is BackwardStage => s.stage === 'backward' && s.node === first.node)!;
    expect(backward.maps!.delta.flat(3)).toEqual(backward.delta);
    expect(backward.grads!.filters!.length).toBe(C);
    if (sameRowsAsTrainer) {
      expect(project.training.sampling).toBe('sequential');
      expect(rows).toBe(project.training.batchSize);
      const trainer = createTrainer(project, data);
      trainer.trainStep();
      expect(weightsOfModel(model)).toEqual(weightsOfModel(trainer.model));
    }
  });
});
