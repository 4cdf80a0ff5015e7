/** Probes in-process: grids over the plane, evaluation helpers, and that probing leaves training untouched. */
import { describe, expect, it } from 'vitest';
import { prepareProjectData, createTrainer } from '../../src/engine/session';
import { projectDataSource } from '../../src/cli/project-file';
import { clampResolution, gridPoints, MAIN_RESOLUTION, planePoints, planeRange, planeUnavailable } from '../../src/engine/probes-grid';
import { confusionMatrix, evaluateSplit, predictedClasses } from '../../src/engine/probes-eval';
import { layerNorms, networkLayers, neuronLayers } from '../../src/engine/probes-layers';
import { ProbeRunner } from '../../src/engine/probes';
import type { Project } from '../../src/shared/project-types';
import { loadExample, repoRoot } from '../helpers/projects';
import path from 'node:path';

async function setup(project: Project) {
  const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
  const trainer = createTrainer(project, data);
  return { data, trainer, runner: new ProbeRunner(trainer, data) };
}

describe('plane grids', () => {
  it('samples cell centres, top row first, over the padded data range', async () => {
    const g = gridPoints(2, { x: [0, 4], y: [10, 12] });
    expect(Array.from(g)).toEqual([1, 11.5, 3, 11.5, 1, 10.5, 3, 10.5]);
    const { data } = await setup(loadExample('circle'));
    const r = planeRange(data);
    let max = 0;
    for (let i = 0; i < data.dataset.n; i++) max = Math.max(max, Math.abs(data.dataset.x[i * 2]));
    expect(r.x[1]).toBeGreaterThan(max); // padded beyond the data
    expect(r.x[0]).toBeLessThan(-max * 0.99);
    expect(planeUnavailable(data)).toBeNull();
    expect(clampResolution(1000, MAIN_RESOLUTION)).toBe(128);
    expect(clampResolution(undefined, MAIN_RESOLUTION)).toBe(64);
    expect(clampResolution(10.4, MAIN_RESOLUTION)).toBe(10);
  });

  it('says why there is no plane, naming the shape of image samples', () => {
    const dataOf = (featureShape: number[]) => ({ featureShape, featureSize: featureShape.reduce((a, b) => a * b, 1) }) as unknown as Parameters<typeof planeUnavailable>[0];
    expect(planeUnavailable(dataOf([4]))).toBe('the decision boundary needs data with 2 input features; this data has 4');
    expect(planeUnavailable(dataOf([1, 8, 8]))).toBe('the decision boundary needs data with 2 input features; this data has samples of shape [1, 8, 8] (64 values)');
    expect(planeUnavailable(dataOf([1, 2]))).toMatch(/shape \[1, 2\]/); // two values, but not two features
  });

  it('gives the points back in raw units (undoing the normalisation)', async () => {
    const { data } = await setup(loadExample('circle'));
    const pts = planePoints(data);
    expect(pts.train.y.length).toBe(data.train.n);
    // every raw training point is one of the dataset's points
    const raw = new Set<string>();
    for (let i = 0; i < data.dataset.n; i++) raw.add(`${data.dataset.x[i * 2].toFixed(3)},${data.dataset.x[i * 2 + 1].toFixed(3)}`);
    for (let i = 0; i < 20; i++) expect(raw.has(`${pts.train.x[i * 2].toFixed(3)},${pts.train.x[i * 2 + 1].toFixed(3)}`)).toBe(true);
  });
});

describe('evaluation helpers', () => {
  it('classifies by argmax, or by a threshold for one output', () => {
    const out = new Int32Array(3);
    predictedClasses(new Float32Array([0.1, 0.7, 0.2, 0.5, 0.2, 0.3, 0, 0, 1]), 3, 3, 0.5, out);
    expect(Array.from(out)).toEqual([1, 0, 2]);
    predictedClasses(new Float32Array([0.49, 0.5, -0.1]), 3, 1, 0.5, out);
    expect(Array.from(out)).toEqual([0, 1, 0]);
  });

  it('counts a confusion matrix with precision and recall', () => {
    const { counts, precision, recall } = confusionMatrix([0, 0, 1, 1, 2], [0, 1, 1, 1, 1], 3);
    expect(counts).toEqual([1, 1, 0, 0, 2, 0, 0, 1, 0]);
    expect(precision[0]).toBe(1);
    expect(precision[1]).toBeCloseTo(2 / 4, 12);
    expect(precision[2]).toBeNaN(); // never predicted
    expect(recall).toEqual([0.5, 1, 0]);
  });

  it('evaluates a split consistently with the trainer, without moving training state', async () => {
    const { trainer, runner, data } = await setup(loadExample('iris'));
    for (let i = 0; i < 40; i++) trainer.trainStep();
    const rows = trainer.model.rows;
    const before = trainer.model.node('act').output.slice(0, rows * 16);
    const { evaluation: e } = evaluateSplit(runner, 'validation', 5);
    expect(e.confusion!.reduce((a, b) => a + b, 0)).toBe(data.validation.n);
    expect(trainer.model.rows).toBe(rows);
    expect(Array.from(trainer.model.node('act').output.slice(0, rows * 16))).toEqual(Array.from(before));
    expect(e.metrics.accuracy).toBeCloseTo(trainer.evaluate(data.validation).accuracy!, 12);
  });
});

describe('layer probes', () => {
  it('finds the neuron layers with their activations, norms and kernels', async () => {
    const { trainer } = await setup(loadExample('circle'));
    trainer.trainStep();
    expect(neuronLayers(trainer.model).map((l) => [l.dense.id, l.value.id])).toEqual([['h1', 'a1'], ['h2', 'a2'], ['logit', 'p']]);
    const norms = layerNorms(trainer.model);
    const h1 = trainer.model.node('h1');
    const direct = Math.sqrt(h1.params.reduce((s, p) => s + p.data.reduce((a, v) => a + v * v, 0), 0));
    expect(norms[0].weight).toBeCloseTo(direct, 5);
    const net = networkLayers(trainer.model);
    expect(net.map((l) => [l.nodeId, l.inputs, l.units, l.activation])).toEqual([['h1', 2, 8, 'tanh'], ['h2', 8, 8, 'tanh'], ['logit', 8, 1, 'sigmoid']]);
    expect(net[0].kernel).not.toBe(h1.params[0].data); // a copy, safe to transfer
  });

  it('neuron grids hold each unit’s activation at the cell centres', async () => {
    const { trainer, runner } = await setup(loadExample('circle'));
    for (let i = 0; i < 30; i++) trainer.trainStep();
    const grids = runner.guard.run(() => runner.neurons(6));
    const a1 = grids.find((g) => g.valueNodeId === 'a1')!;
    const cells = 36;
    for (const v of a1.values) expect(Math.abs(v)).toBeLessThanOrEqual(1); // tanh
    // unit 3 at cell 7 equals a direct forward pass of that point
    const main = runner.guard.run(() => runner.boundary(6));
    expect(main.values.length).toBe(cells);
    const x = new Float32Array(cells * 2);
    const { GridInputs } = await import('../../src/engine/probes-grid');
    x.set(new GridInputs(runner.data).normalized(6));
    trainer.model.forward(x, cells, null, false);
    expect(a1.values[3 * cells + 7]).toBeCloseTo(trainer.model.node('a1').output[7 * 8 + 3], 6);
  });
});
