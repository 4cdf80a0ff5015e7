/**
 * Every node type of the registry, without a list: its minimal network (test/helpers/minimal-graph.ts)
 * compiles; its layer writes exactly the inferred output shape for the rows of a batch; backprop
 * agrees with finite differences for every weight and the input (evaluation mode, and training
 * mode unless it is random in training); the project round-trips through save/load with its
 * weights and buffers; and the docs list it. The palette and inspector side is in
 * test/renderer/node-types-ui.test.tsx.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compile';
import { checkedIndices } from '../../src/engine/gradient-check';
import type { Model } from '../../src/engine/model';
import { engineNodes } from '../../src/engine/nodes';
import { createOptimizer } from '../../src/engine/optim';
import { weightsFromProject, weightsToProject } from '../../src/engine/session';
import type { WeightMap } from '../../src/engine/tensor';
import { analyzeGraph } from '../../src/shared/graph';
import { getNodeSpec, nodeTypes, type NodeType } from '../../src/shared/nodes';
import { shapeSize } from '../../src/shared/nodes/types';
import { declaredWeights } from '../../src/shared/nodes/weights';
import { parseProject, serializeProject } from '../../src/shared/project';
import { gradcheck, randomArray } from '../helpers/gradcheck';
import { minimalCase, minimalCases, type MinimalCase } from '../helpers/minimal-graph';
import { xorProject } from '../shared/project-fixtures';

const ROWS = 3;
/** More room than the batch uses, so writing past its rows would show. */
const MAX_BATCH = 5;
/** Elements checked per tensor: all of a small one, a spread of a large one. */
const CHECKED = 48;
const repo = path.resolve(__dirname, '../..');

function compile(c: MinimalCase, weights?: WeightMap): Model {
  return compileModel(c.graph, { dataShape: c.dataShape, batchSize: MAX_BATCH, task: c.task, numClasses: c.numClasses, targetSize: c.targetSize, seed: 5, ...(weights ? { weights } : {}) });
}

/**
 * n distinct values, at least 0.1 away from 0 (relu, step and sign read the Input directly) and
 * at least 1/n from each other (no near-tie in a max-pooling window): ±(0.1 + (k + ½)/n) with
 * alternating signs, shuffled.
 */
function separated(n: number): Float32Array {
  const order = randomArray(n, 11);
  const ranks = Array.from({ length: n }, (_, k) => k).sort((a, b) => order[a]! - order[b]!);
  return Float32Array.from(ranks, (k) => (k % 2 === 0 ? 1 : -1) * (0.1 + (k + 0.5) / n));
}

function batchOf(c: MinimalCase): { x: Float32Array; y: Float32Array } {
  const x = separated(ROWS * shapeSize(c.dataShape));
  const y = c.task === 'classification' ? Float32Array.from({ length: ROWS }, (_, i) => i % c.numClasses) : randomArray(ROWS * c.targetSize, 12);
  return { x, y };
}

describe.each(nodeTypes.map((t) => [t] as const))('%s', (type: NodeType) => {
  const spec = getNodeSpec(type)!;
  const c = minimalCase(type);

  it('compiles in a minimal network, and its layer writes exactly the inferred shape for the batch rows', () => {
    const model = compile(c);
    const inferred = analyzeGraph(c.graph, { dataShape: c.dataShape, task: c.task, numClasses: c.numClasses, targetSize: c.targetSize }).byId.get(c.subject)!.shape!;
    const node = model.node(c.subject);
    expect(node.shape).toEqual([...inferred]);
    const { x, y } = batchOf(c);
    if (spec.loss) {
      expect(Number.isFinite(model.forward(x, ROWS, y, false))).toBe(true);
      return;
    }
    const size = shapeSize(inferred);
    expect(node.output.length).toBe(MAX_BATCH * size);
    for (const training of [false, true]) {
      node.output.fill(NaN);
      model.forward(x, ROWS, y, training);
      const written = node.output.subarray(0, ROWS * size);
      const beyond = node.output.subarray(ROWS * size);
      expect(written.every(Number.isFinite), `every value of the ${ROWS} rows is written`).toBe(true);
      expect(beyond.every(Number.isNaN), 'nothing past the batch rows is written').toBe(true);
    }
  });

  const modes = spec.trainingOnly ? [false] : [false, true];
  const checks = modes.flatMap((training) => minimalCases(type).map((m) => [training ? 'training' : 'evaluation', `[${m.dataShape.join(', ')}]`, training, m] as const));
  it.each(checks)('backprop agrees with finite differences for every weight and the input (%s mode, samples %s)', (mode, _shape, training, c) => {
    const model = compile(c);
    const { x, y } = batchOf(c);
    const loss = () => model.forward(x, ROWS, y, training);
    loss();
    model.backward();
    const values: Record<string, Float32Array> = {};
    const grads: Record<string, Float32Array> = {};
    const inputGrad = model.inputGrad.slice(0, x.length);
    if (spec.straightThrough) {
      // Its backward is the identity by design (not its derivative): the Input gets the node's gradient as it is.
      expect(inputGrad).toEqual(model.node(c.subject).grad.slice(0, x.length));
    } else {
      values.x = x;
      grads.x = inputGrad;
    }
    for (const p of model.params) {
      values[`${p.nodeId}.${p.name}`] = p.data;
      grads[`${p.nodeId}.${p.name}`] = p.grad.slice();
    }
    // (A straight-through node right after the Input may leave no weight at all to check.)
    if (Object.keys(values).length > 0) gradcheck(values, loss, grads, { name: `${type} (${mode})`, indices: (_name, length) => checkedIndices(length, CHECKED) });
  });

  it('round-trips through a saved project with its weights and buffers', () => {
    const model = compile(c);
    const { x, y } = batchOf(c);
    const opt = createOptimizer({ type: 'sgd', learningRate: 0.05 }, model.params);
    for (let step = 0; step < 3; step++) {
      model.forward(x, ROWS, y, true); // training moves the buffers (running statistics) too
      model.backward();
      opt.step(0.05);
    }
    const project = { ...xorProject(), graph: c.graph, weights: weightsToProject(model) };
    const saved = model.weights.filter((w) => w.nodeId === c.subject).map((w) => w.name);
    expect(Object.keys(project.weights[c.subject] ?? {})).toEqual(saved);
    const resolved = analyzeGraph(c.graph, { dataShape: c.dataShape }).byId.get(c.subject)!;
    expect(saved).toEqual(declaredWeights(spec, resolved.inputShapes, resolved.params).map((w) => w.name));

    const reopened = parseProject(serializeProject(project), 'node-type.bprop');
    const loaded = compile(c, weightsFromProject(reopened.weights));
    expect(loaded.weights.map((w) => `${w.nodeId}.${w.name}`)).toEqual(model.weights.map((w) => `${w.nodeId}.${w.name}`));
    loaded.weights.forEach((w, i) => expect(w.data, `${w.nodeId}.${w.name}`).toEqual(model.weights[i]!.data));
    for (const b of model.buffers) {
      const fresh = compile(c).buffers.find((q) => q.nodeId === b.nodeId && q.name === b.name)!;
      expect(b.data, `${b.nodeId}.${b.name} moved in training, so saving it is tested`).not.toEqual(fresh.data);
    }
    const before = model.forward(x, ROWS, y, false);
    const outputBefore = model.prediction.output.slice(0, ROWS * model.prediction.size);
    expect(loaded.forward(x, ROWS, y, false)).toBe(before);
    expect(loaded.prediction.output.slice(0, ROWS * loaded.prediction.size)).toEqual(outputBefore);
  });

  it('is listed in docs/project-format.md and the README', () => {
    const formatDoc = readFileSync(path.join(repo, 'docs/project-format.md'), 'utf8');
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(formatDoc.split('\n').some((line) => line.startsWith(`| \`${type}\` | ${spec.label} |`))).toBe(true);
    expect(readme).toContain(`\`${type}\``);
  });
});

describe('the registry has nothing else to know', () => {
  it('the engine has a record for exactly the registry’s types', () => {
    expect(Object.keys(engineNodes).sort()).toEqual([...nodeTypes].sort());
  });

  it('src/engine/compile.ts names no node type (it reads the registry’s flags)', () => {
    const source = readFileSync(path.join(repo, 'src/engine/compile.ts'), 'utf8');
    const named = nodeTypes.filter((t) => new RegExp(`(['"\`])${t}\\1`).test(source));
    expect(named).toEqual([]);
  });
});
