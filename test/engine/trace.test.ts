/**
 * The step-through (src/engine/trace.ts): every stage's numbers equal a float64 reference written
 * here (a plain MLP forward/backward/SGD in JS numbers), on the lectures' 2-2-1 network (with the
 * worked example's own numbers) and on random 3-layer networks (a mini-batch with MSE, and softmax
 * with cross-entropy); the model after the trace holds exactly the weights one training step
 * leaves; networks it cannot show are refused naming the node.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../src/cli/project-file';
import type { PreparedData } from '../../src/engine/data/types';
import { createTrainer, prepareProjectData, weightsFromProject } from '../../src/engine/session';
import { traceTrainingStep, TraceError, type TraceSetup } from '../../src/engine/trace';
import type { Model } from '../../src/engine/model';
import type { Project } from '../../src/shared/project-types';
import type { BackwardStage, ForwardStage, LossStage, StepTrace, UpdateStage } from '../../src/shared/protocol-trace';
import { findTemplate } from '../../src/shared/templates';
import { chainGraph, makeProject, repoRoot } from '../helpers/projects';

const dataOf = (project: Project): Promise<PreparedData> => prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));

function setupOf(project: Project, data: PreparedData, sample = 0, rows = 1): TraceSetup {
  return { graph: project.graph, data, training: project.training, weights: weightsFromProject(project.weights), sample, rows };
}

const stagesOf = <S extends { stage: string }>(trace: StepTrace, kind: S['stage']): S[] => trace.stages.filter((s) => s.stage === kind) as unknown as S[];

function expectClose(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `${what}[${i}]: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
}

// ---------------------------------------------------------------------------------------------
// The float64 reference: an MLP of Dense layers with elementwise activations, MSE (mean or sum,
// scaled) or softmax + cross-entropy, and one plain SGD step. Independent of the engine.
type Act = 'sigmoid' | 'tanh' | 'relu' | 'identity' | 'softmax';
interface RefLayer { kernel: number[][]; bias: number[]; act: Act }
interface RefLoss { kind: 'mse'; reduction: 'mean' | 'sum'; scale: number }

const g = (act: Act, z: number): number => (act === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : act === 'tanh' ? Math.tanh(z) : act === 'relu' ? Math.max(0, z) : z);
const gPrime = (act: Act, z: number): number => {
  if (act === 'sigmoid') { const s = g('sigmoid', z); return s * (1 - s); }
  if (act === 'tanh') return 1 - Math.tanh(z) ** 2;
  if (act === 'relu') return z > 0 ? 1 : 0;
  return 1;
};

interface RefStep {
  x: number[][][]; ins: number[][][]; as: number[][][]; loss: number; lossAfter: number;
  deltas: number[][][]; dAs: number[][][]; gPrimes: number[][][]; gradK: number[][][]; gradB: number[][]; after: RefLayer[];
}

function refForward(layers: RefLayer[], x: number[][]): { xs: number[][][]; ins: number[][][]; as: number[][][] } {
  const xs: number[][][] = [], ins: number[][][] = [], as: number[][][] = [];
  let cur = x;
  for (const l of layers) {
    xs.push(cur);
    const pre = cur.map((row) => l.bias.map((b, j) => b + row.reduce((s, v, i) => s + v * l.kernel[i]![j]!, 0)));
    const post = l.act === 'softmax'
      ? pre.map((row) => { const m = Math.max(...row); const e = row.map((v) => Math.exp(v - m)); const sum = e.reduce((s, v) => s + v, 0); return e.map((v) => v / sum); })
      : pre.map((row) => row.map((z) => g(l.act, z)));
    ins.push(pre);
    as.push(post);
    cur = post;
  }
  return { xs, ins, as };
}

function refLoss(out: number[][], target: number[][] | number[], loss: RefLoss | 'crossEntropy'): number {
  const rows = out.length;
  if (loss === 'crossEntropy') return -(target as number[]).reduce((s, c, r) => s + Math.log(out[r]![c]!), 0) / rows;
  let s = 0;
  out.forEach((row, r) => row.forEach((v, j) => (s += (v - (target as number[][])[r]![j]!) ** 2)));
  return loss.reduction === 'sum' ? loss.scale * s : (loss.scale * s) / (rows * out[0]!.length);
}

function refStep(layers: RefLayer[], x: number[][], target: number[][] | number[], loss: RefLoss | 'crossEntropy', lr: number): RefStep {
  const { xs, ins, as } = refForward(layers, x);
  const rows = x.length;
  const out = as.at(-1)!;
  const L = layers.length;
  const deltas: number[][][] = new Array(L), dAs: number[][][] = new Array(L), gPrimes: number[][][] = new Array(L);
  // Output layer.
  const last = layers[L - 1]!;
  if (loss === 'crossEntropy') {
    deltas[L - 1] = out.map((row, r) => row.map((p, j) => (p - (j === (target as number[])[r] ? 1 : 0)) / rows));
  } else {
    const factor = loss.reduction === 'sum' ? 2 * loss.scale : (2 * loss.scale) / (rows * out[0]!.length);
    dAs[L - 1] = out.map((row, r) => row.map((v, j) => factor * (v - (target as number[][])[r]![j]!)));
    gPrimes[L - 1] = ins[L - 1]!.map((row) => row.map((z) => gPrime(last.act, z)));
    deltas[L - 1] = dAs[L - 1]!.map((row, r) => row.map((d, j) => d * gPrimes[L - 1]![r]![j]!));
  }
  for (let k = L - 2; k >= 0; k--) {
    const next = layers[k + 1]!;
    dAs[k] = deltas[k + 1]!.map((row) => next.kernel.map((wRow) => wRow.reduce((s, w, j) => s + w * row[j]!, 0)));
    gPrimes[k] = ins[k]!.map((row) => row.map((z) => gPrime(layers[k]!.act, z)));
    deltas[k] = dAs[k]!.map((row, r) => row.map((d, j) => d * gPrimes[k]![r]![j]!));
  }
  const gradK = layers.map((l, k) => l.kernel.map((wRow, i) => wRow.map((_, j) => xs[k]!.reduce((s, row, r) => s + row[i]! * deltas[k]![r]![j]!, 0))));
  const gradB = layers.map((l, k) => l.bias.map((_, j) => deltas[k]!.reduce((s, row) => s + row[j]!, 0)));
  const after = layers.map((l, k) => ({ act: l.act, kernel: l.kernel.map((wRow, i) => wRow.map((w, j) => w - lr * gradK[k]![i]![j]!)), bias: l.bias.map((b, j) => b - lr * gradB[k]![j]!) }));
  return {
    x: xs, ins, as, loss: refLoss(out, target, loss), lossAfter: refLoss(refForward(after, x).as.at(-1)!, target, loss),
    deltas, dAs, gPrimes, gradK, gradB, after,
  };
}

/** The engine trace against the reference, stage by stage. */
function expectTraceMatches(trace: StepTrace, ref: RefStep, layers: RefLayer[], tol: number): void {
  const flat = (m: number[][]) => m.flat();
  const forward = stagesOf<ForwardStage>(trace, 'forward');
  const backward = stagesOf<BackwardStage>(trace, 'backward').reverse(); // forward order
  const updates = stagesOf<UpdateStage>(trace, 'update');
  layers.forEach((l, k) => {
    expectClose(forward[k]!.x, flat(ref.x[k]!), tol, `forward ${k} x`);
    expectClose(forward[k]!.in, flat(ref.ins[k]!), tol, `forward ${k} in`);
    expectClose(forward[k]!.a, flat(ref.as[k]!), tol, `forward ${k} a`);
    expectClose(backward[k]!.delta, flat(ref.deltas[k]!), tol, `backward ${k} Δ`);
    if (ref.dAs[k]) expectClose(backward[k]!.dA!, flat(ref.dAs[k]!), tol, `backward ${k} ∂L/∂a`);
    if (ref.gPrimes[k] && l.act !== 'identity') expectClose(backward[k]!.gPrime!, flat(ref.gPrimes[k]!), tol, `backward ${k} g′`);
    expectClose(flat(backward[k]!.grads!.kernel), flat(ref.gradK[k]!), tol, `backward ${k} ∂L/∂kernel`);
    expectClose(backward[k]!.grads!.bias!, ref.gradB[k]!, tol, `backward ${k} ∂L/∂bias`);
    expectClose(flat(updates[k]!.before.kernel), flat(l.kernel), tol, `update ${k} before`);
    expectClose(flat(updates[k]!.after.kernel), flat(ref.after[k]!.kernel), tol, `update ${k} kernel after`);
    expectClose(updates[k]!.after.bias!, ref.after[k]!.bias, tol, `update ${k} bias after`);
  });
  // Losses of regression data can be large: relative to the value there.
  const close = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
  close(stagesOf<LossStage>(trace, 'loss')[0]!.value, ref.loss);
  close(trace.lossBefore, ref.loss);
  close(trace.lossAfter, ref.lossAfter);
}

/** Every weight of the model, by node and name. */
function weightsOfModel(model: Model): Record<string, number[]> {
  return Object.fromEntries(model.weights.map((w) => [`${w.nodeId}.${w.name}`, Array.from(w.data)]));
}

// ---------------------------------------------------------------------------------------------

describe("the lectures' 2-2-1 network (L000-221-network-l2-backprop)", () => {
  const project = findTemplate('l000-221-network-l2-backprop')!.build();
  const lecture: RefLayer[] = [
    { kernel: [[0.4, 0.2], [-0.2, 0.5]], bias: [0.1, -0.3], act: 'sigmoid' },
    { kernel: [[0.7], [-0.6]], bias: [0.05], act: 'sigmoid' },
  ];

  it('goes forward, loss, backward (output layer first), update, in that order', async () => {
    const { trace } = traceTrainingStep(setupOf(project, await dataOf(project)));
    expect(trace.stages.map((s) => `${s.stage} ${s.node}`)).toEqual([
      'forward hidden', 'forward output', 'loss loss', 'backward output', 'backward hidden', 'update hidden', 'update output',
    ]);
    expect(trace.layers.map((l) => [l.node, l.activationNode, l.activation, l.inputNode, l.inputs, l.units, l.fusedWithLoss])).toEqual([
      ['hidden', 'g_hidden', 'sigmoid', 'x', 2, 2, false],
      ['output', 'g_output', 'sigmoid', 'g_hidden', 2, 1, false],
    ]);
    expect([trace.sample, trace.rows, trace.optimizer]).toEqual([0, 1, 'SGD']);
  });

  it("gives the worked example's numbers (checks 32–35) within 1e-6", async () => {
    const { trace } = traceTrainingStep(setupOf(project, await dataOf(project)));
    const [h, o] = stagesOf<ForwardStage>(trace, 'forward');
    expectClose(h!.x, [1, 2], 0, 'x');
    expectClose(h!.in, [0.1, 0.9], 1e-6, 'in3, in4');
    expectClose(h!.a, [0.524979, 0.71095], 1e-6, 'a3, a4');
    expectClose(o!.in, [-0.009084], 1e-6, 'in5');
    expectClose(o!.a, [0.497729], 1e-6, 'ŷ');
    const loss = stagesOf<LossStage>(trace, 'loss')[0]!;
    expect(loss.value).toBeCloseTo(0.126138, 6);
    expect(loss.form).toBe('L = ½ Σ (y − ŷ)²');
    expect([loss.target, loss.targetKind, loss.penalty]).toEqual([[1], 'values', 0]);
    expectClose(loss.dPrediction!, [-(1 - 0.497729)], 1e-6, '∂L/∂ŷ = −(y − ŷ)');
    const [bo, bh] = stagesOf<BackwardStage>(trace, 'backward');
    expectClose(bo!.delta, [-0.125565], 1e-6, 'Δ5');
    expectClose(bo!.gPrime!, [0.249995], 1e-6, "g5'");
    expectClose(bh!.delta, [-0.021919, 0.015482], 1e-6, 'Δ3, Δ4');
    expectClose(bh!.gPrime!, [0.249376, 0.2055], 1e-6, "g3', g4'");
    expectClose(bh!.dA!, [0.7 * -0.125565, -0.6 * -0.125565], 1e-6, 'Σ w Δ');
    // Gradients (w05, w35, w45) and (w03, w13, w23, w04, w14, w24).
    expectClose([...bo!.grads!.bias!, ...bo!.grads!.kernel.flat()], [-0.125565, -0.065919, -0.08927], 1e-6, 'output gradients');
    const hk = bh!.grads!.kernel;
    expectClose([bh!.grads!.bias![0]!, hk[0]![0]!, hk[1]![0]!, bh!.grads!.bias![1]!, hk[0]![1]!, hk[1]![1]!], [-0.021919, -0.021919, -0.043838, 0.015482, 0.015482, 0.030964], 1e-6, 'hidden gradients');
    const [uh, uo] = stagesOf<UpdateStage>(trace, 'update');
    expect([uh!.rule, uh!.plainGradientStep, uh!.learningRate]).toEqual(['w ← w − α·∂L/∂w', true, 0.5]);
    const ak = uh!.after.kernel;
    expectClose([uh!.after.bias![0]!, ak[0]![0]!, ak[1]![0]!, uh!.after.bias![1]!, ak[0]![1]!, ak[1]![1]!], [0.11096, 0.41096, -0.178081, -0.307741, 0.192259, 0.484518], 1e-6, 'hidden weights after');
    expectClose([uo!.after.bias![0]!, ...uo!.after.kernel.flat()], [0.112783, 0.73296, -0.555365], 1e-6, 'output weights after');
    expect(trace.lossAfter).toBeCloseTo(0.110457, 6);
    expect(trace.lossAfter).toBeLessThan(trace.lossBefore);
  });

  it('equals the float64 reference at every stage', async () => {
    const data = await dataOf(project);
    const { trace } = traceTrainingStep(setupOf(project, data));
    expectTraceMatches(trace, refStep(lecture, [[1, 2]], [[1]], { kind: 'mse', reduction: 'sum', scale: 0.5 }, 0.5), lecture, 2e-7);
  });

  it('leaves the model exactly where one training step leaves it', async () => {
    const data = await dataOf(project);
    const { model } = traceTrainingStep(setupOf(project, data));
    const trainer = createTrainer(project, data);
    trainer.trainStep();
    expect(weightsOfModel(model)).toEqual(weightsOfModel(trainer.model));
  });
});

/** Random weights in [−1, 1] for a chain of Dense layers, as the project stores them and as the reference reads them. */
function randomLayers(sizes: number[], acts: Act[], seed: number): RefLayer[] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  // float32 values, so the project's weights and the reference's are the same numbers.
  const f = () => Math.fround(rnd());
  return acts.map((act, k) => ({ act, kernel: Array.from({ length: sizes[k]! }, () => Array.from({ length: sizes[k + 1]! }, f)), bias: Array.from({ length: sizes[k + 1]! }, f) }));
}

function weightMap(ids: string[], layers: RefLayer[]) {
  return Object.fromEntries(layers.map((l, k) => [ids[k]!, {
    kernel: { shape: [l.kernel.length, l.bias.length], data: Float32Array.from(l.kernel.flat()) },
    bias: { shape: [l.bias.length], data: Float32Array.from(l.bias) },
  }]));
}

const rowsOf = (data: PreparedData, first: number, rows: number): number[][] =>
  Array.from({ length: rows }, (_, r) => Array.from(data.train.x.subarray((first + r) * data.featureSize, (first + r + 1) * data.featureSize)));

describe('a random 3-layer network', () => {
  it('tanh → relu → linear with MSE (mean), a mini-batch of 3 rows from row 5: every stage equals the reference', async () => {
    const layers = randomLayers([2, 4, 3, 1], ['tanh', 'relu', 'identity'], 7);
    const project = makeProject(
      chainGraph([['x', 'input'], ['h1', 'dense', { units: 4 }], ['t', 'tanh'], ['h2', 'dense', { units: 3 }], ['r', 'relu'], ['out', 'dense', { units: 1 }], ['L', 'mse']]),
      { dataset: 'linear', options: { n: 40, noise: 0.1 }, normalize: 'standard', split: { validation: 0, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: 0.3 }, batchSize: 3 },
    );
    const data = await dataOf(project);
    const { trace } = traceTrainingStep({ ...setupOf(project, data, 5, 3), weights: weightMap(['h1', 'h2', 'out'], layers) });
    const x = rowsOf(data, 5, 3);
    const y = [5, 6, 7].map((r) => [data.train.y[r]!]);
    expect(trace.layers.map((l) => l.activation)).toEqual(['tanh', 'relu', null]);
    expectTraceMatches(trace, refStep(layers, x, y, { kind: 'mse', reduction: 'mean', scale: 1 }, 0.3), layers, 2e-6);
  });

  it('sigmoid → tanh → softmax with cross-entropy (fused) on iris: every stage equals the reference', async () => {
    const layers = randomLayers([4, 5, 4, 3], ['sigmoid', 'tanh', 'softmax'], 11);
    const project = makeProject(
      chainGraph([['x', 'input'], ['h1', 'dense', { units: 5 }], ['s', 'sigmoid'], ['h2', 'dense', { units: 4 }], ['t', 'tanh'], ['out', 'dense', { units: 3 }], ['p', 'softmax'], ['L', 'crossEntropy']]),
      { dataset: 'iris', normalize: 'standard', split: { validation: 0.2, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 2 },
    );
    const data = await dataOf(project);
    const { trace } = traceTrainingStep({ ...setupOf(project, data, 10, 2), weights: weightMap(['h1', 'h2', 'out'], layers) });
    expect(trace.layers.at(-1)!.fusedWithLoss).toBe(true);
    const loss = stagesOf<LossStage>(trace, 'loss')[0]!;
    expect([loss.targetKind, loss.dPrediction]).toEqual(['classIndex', null]);
    const labels = [10, 11].map((r) => data.train.y[r]!);
    expect(loss.target).toEqual(labels);
    const back = stagesOf<BackwardStage>(trace, 'backward')[0]!;
    expect([back.dA, back.gPrime]).toEqual([null, null]);
    expectTraceMatches(trace, refStep(layers, rowsOf(data, 10, 2), labels, 'crossEntropy', 0.1), layers, 2e-6);
  });

  it('with a mini-batch of the whole batch size, the model after the trace equals one training step (sequential sampling)', async () => {
    const project = makeProject(
      chainGraph([['x', 'input'], ['h1', 'dense', { units: 6 }], ['t', 'tanh'], ['h2', 'dense', { units: 5 }], ['e', 'elu'], ['out', 'dense', { units: 2 }], ['p', 'sigmoid'], ['L', 'mse', { reduction: 'sum', scale: 0.5 }]]),
      { dataset: 'moons', options: { n: 60, noise: 0.1 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: 0.2, momentum: 0.9, weightDecay: 0.01 }, batchSize: 8, sampling: 'sequential', seed: 3 },
    );
    const data = await dataOf(project);
    const { model, trace } = traceTrainingStep(setupOf(project, data, 0, 8));
    const trainer = createTrainer(project, data);
    trainer.trainStep();
    expect(weightsOfModel(model)).toEqual(weightsOfModel(trainer.model));
    expect(trace.optimizer).toBe('SGD with momentum 0.9');
    expect(stagesOf<UpdateStage>(trace, 'update')[0]!.plainGradientStep).toBe(false);
  });
});

describe('what the step-through refuses', () => {
  const refused = async (links: [string, string, Record<string, unknown>?][], data: Project['data'], sample = 0): Promise<TraceError> => {
    const project = makeProject(chainGraph(links), data);
    try {
      traceTrainingStep(setupOf(project, await dataOf(project), sample));
    } catch (e) {
      expect(e).toBeInstanceOf(TraceError);
      return e as TraceError;
    }
    throw new Error('not refused');
  };

  it('batch normalisation after a convolution, naming it and saying why', async () => {
    const e = await refused(
      [['x', 'input'], ['c', 'conv2d', { filters: 2, kernelSize: 3 }], ['bn', 'batchNorm'], ['f', 'flatten'], ['out', 'dense', { units: 10 }], ['p', 'softmax'], ['L', 'crossEntropy']],
      { dataset: 'digits', options: { image: 1 } },
    );
    expect(e.nodeId).toBe('bn');
    expect(e.message).toMatch(/'bn' is a .*: the step-through traces Dense, Conv2D and pooling layers, not /);
  });

  it('dropout between layers, and two activations in a row', async () => {
    const xor = { dataset: 'xor' };
    const drop = await refused([['x', 'input'], ['h', 'dense', { units: 3 }], ['d', 'dropout'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['L', 'binaryCrossEntropy']], xor);
    expect([drop.nodeId, drop.message]).toEqual(['d', "'d' is a Dropout: the step-through shows networks of Dense layers, activations and one loss"]);
    const twice = await refused([['x', 'input'], ['h', 'dense', { units: 3 }], ['a', 'relu'], ['b', 'tanh'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['L', 'binaryCrossEntropy']], xor);
    expect(twice.nodeId).toBe('b');
    expect(twice.message).toMatch(/takes one activation right after each Dense layer/);
  });

  it('a sample outside the training split', async () => {
    const e = await refused([['x', 'input'], ['o', 'dense', { units: 1 }], ['p', 'sigmoid'], ['L', 'binaryCrossEntropy']], { dataset: 'xor' }, 4);
    expect(e.message).toBe('sample 4 is not in the training split: it has 4 rows, so the sample must be 0…3');
  });
});
