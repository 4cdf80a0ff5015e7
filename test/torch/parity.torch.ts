/**
 * The exported script trains like the app: from the same initial weights, with batches holding
 * the same rows (full batch, or sequential sampling), its epoch losses equal ours within 1e-4
 * relative. Covers every loss, fused and plain; dense, conv (both paddings), pooling, merges;
 * kernel and activity penalties; SGD (momentum, Nesterov), Adam, RMSprop, Adagrad; every schedule.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../src/engine/session';
import type { Project } from '../../src/shared/project-types';
import { findTemplate } from '../../src/shared/templates';
import { chainGraph, makeProject } from '../helpers/projects';
import { compileProject } from '../interop/helpers';
import { relative, runScript, writeExport } from './python';

interface Case {
  name: string;
  project: () => Project;
  epochs: number;
}

const template = (id: string, training: Partial<Project['training']>, data: Partial<Project['data']> = {}): (() => Project) => () => {
  const p = findTemplate(id)!.build();
  return { ...p, data: { ...p.data, ...data } as Project['data'], training: { ...p.training, ...training } };
};

const FULL_BATCH_SGD = { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 100_000 } as const;

const cases: Case[] = [
  { name: 'iris: softmax + cross-entropy, full-batch SGD', project: template('iris', FULL_BATCH_SGD), epochs: 5 },
  { name: 'xor: sigmoid + binary cross-entropy, full-batch SGD', project: template('xor-mlp', FULL_BATCH_SGD), epochs: 5 },
  { name: 'linear regression: MSE, full-batch SGD', project: template('linear-regression', { ...FULL_BATCH_SGD, optimizer: { type: 'sgd', learningRate: 0.05 } }), epochs: 5 },
  {
    // The lectures' ½(y − ŷ)² summed (reduction 'sum', scale ½) against torch's reduction='sum'.
    name: "MSE as the lectures' half sum of squares (reduction sum, scale 0.5), sigmoid hidden layer, mini-batch SGD",
    project: () =>
      makeProject(
        chainGraph([
          ['x', 'input'],
          ['h', 'dense', { units: 3 }],
          ['s', 'sigmoid'],
          ['out', 'dense', { units: 1 }],
          ['loss', 'mse', { target: 'labels', reduction: 'sum', scale: 0.5 }],
        ]),
        { dataset: 'linear', options: { n: 60, noise: 0.1 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.01 }, batchSize: 8, sampling: 'sequential', epochs: 4, seed: 3 },
      ),
    epochs: 4,
  },
  // A learning rate of 1/8 keeps every weight a short binary fraction, so both sides compute the
  // step's input exactly: with 0.1, a sum that is exactly 0 in float32 is −1.5e-8 in float64 and
  // the step flips (a property of the threshold, not of the export).
  { name: 'perceptron: step + MSE, sequential online SGD', project: template('perceptron-and', { optimizer: { type: 'sgd', learningRate: 0.125 } }), epochs: 6 },
  {
    name: 'small CNN on digits (same padding, max pooling), sequential Adam with a step schedule',
    project: template('cnn-digits', { sampling: 'sequential', batchSize: 64, optimizer: { type: 'adam', learningRate: 0.01 }, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } }),
    epochs: 2,
  },
  {
    name: 'sparse autoencoder (KL sparsity, target = input), full-batch RMSprop',
    project: template('sparse-autoencoder', { batchSize: 100_000, optimizer: { type: 'rmsprop', learningRate: 0.01, momentum: 0.5 } }),
    epochs: 4,
  },
  {
    // The cosine schedule counts epochs here: per step, the app's current trainer reads the rate
    // after counting the step (t starts at 1), the script before it (t starts at 0), which the
    // engine's per-step schedule fix (issue 15) makes the app's rule too.
    name: 'MLP with kernel L1/L2 and activity L1, Nesterov SGD with weight decay, cosine schedule',
    project: () =>
      makeProject(
        chainGraph([
          ['x', 'input'],
          ['h', 'dense', { units: 12, l1: 0.001, l2: 0.01 }],
          ['a', 'elu', { activityRegularizer: 'l1', activityL1: 0.01 }],
          ['h2', 'dense', { units: 3 }],
          ['lp', 'logSoftmax'],
          ['loss', 'nll', { target: 'labels' }],
        ]),
        { dataset: 'wine', normalize: 'minmax', split: { validation: 0.2, test: 0.1 } },
        { optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.001 }, batchSize: 32, sampling: 'sequential', schedule: { type: 'cosine', period: 20, per: 'epoch' }, epochs: 3, seed: 4 },
      ),
    epochs: 3,
  },
  {
    name: 'batch normalization (flat and 2-D) and layer normalization, full-batch SGD with momentum',
    project: () =>
      makeProject(
        chainGraph([
          ['x', 'input'],
          ['conv', 'conv2d', { filters: 4, kernelSize: 3 }],
          ['bn2d', 'batchNorm', { momentum: 0.2 }],
          ['r', 'relu'],
          ['flat', 'flatten'],
          ['h', 'dense', { units: 16 }],
          ['bn', 'batchNorm'],
          ['t', 'tanh'],
          ['ln', 'layerNorm'],
          ['out', 'dense', { units: 10 }],
          ['p', 'softmax'],
          ['loss', 'crossEntropy', { target: 'labels' }],
        ]),
        { dataset: 'digits', options: { image: 1 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9 }, batchSize: 100_000, epochs: 3, seed: 5 },
      ),
    epochs: 3,
  },
  {
    name: 'a DAG (add and concat of two branches), hinge, Adagrad with inverse-time decay and global L1',
    project: () => {
      const p = makeProject(
        {
          nodes: [
            { id: 'x', type: 'input', position: { x: 0, y: 0 }, params: {} },
            { id: 'a', type: 'dense', position: { x: 1, y: 0 }, params: { units: 6 } },
            { id: 'b', type: 'dense', position: { x: 1, y: 1 }, params: { units: 6 } },
            { id: 'ta', type: 'tanh', position: { x: 2, y: 0 }, params: {} },
            { id: 'sum', type: 'add', position: { x: 3, y: 0 }, params: {} },
            { id: 'cat', type: 'concat', position: { x: 4, y: 0 }, params: { axis: 0 } },
            { id: 'out', type: 'dense', position: { x: 5, y: 0 }, params: { units: 1 } },
            { id: 'loss', type: 'hinge', position: { x: 6, y: 0 }, params: { target: 'labels' } },
          ],
          edges: [
            { id: 'e1', source: 'x', sourceHandle: 'out', target: 'a', targetHandle: 'in' },
            { id: 'e2', source: 'x', sourceHandle: 'out', target: 'b', targetHandle: 'in' },
            { id: 'e3', source: 'a', sourceHandle: 'out', target: 'ta', targetHandle: 'in' },
            { id: 'e4', source: 'ta', sourceHandle: 'out', target: 'sum', targetHandle: 'in' },
            { id: 'e5', source: 'b', sourceHandle: 'out', target: 'sum', targetHandle: 'in' },
            { id: 'e6', source: 'sum', sourceHandle: 'out', target: 'cat', targetHandle: 'in' },
            { id: 'e7', source: 'x', sourceHandle: 'out', target: 'cat', targetHandle: 'in' },
            { id: 'e8', source: 'cat', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
            { id: 'e9', source: 'out', sourceHandle: 'out', target: 'loss', targetHandle: 'in' },
          ],
        },
        { dataset: 'moons', options: { n: 200, noise: 0.1 }, normalize: 'standard', split: { validation: 0.2, test: 0 } },
        { optimizer: { type: 'adagrad', learningRate: 0.1 }, batchSize: 200, schedule: { type: 'inverseTime', decay: 0.5 }, l1: 0.001, epochs: 4, seed: 2 },
      );
      return p;
    },
    epochs: 4,
  },
];

/** A semicolon CSV with decimal commas and labels written as 1.0 and 2, as a spreadsheet might save it. */
function spreadsheetCsv(): { dir: string; file: string; text: string } {
  const rng = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const r = rng(7);
  const rows = ['width;height;class'];
  for (let i = 0; i < 80; i++) {
    const a = Math.round(r() * 4000) / 1000;
    const b = Math.round(r() * 4000) / 1000;
    rows.push(`${String(a).replace('.', ',')};${String(b).replace('.', ',')};${a + b + 0.5 * (r() - 0.5) > 4 ? '2' : '1.0'}`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bprop-csv-'));
  const text = `${rows.join('\r\n')}\r\n`;
  writeFileSync(path.join(dir, 'shapes.csv'), text);
  return { dir, file: path.join(dir, 'shapes.csv'), text };
}

const measured: string[] = [];
afterAll(() => console.log(`PyTorch parity, max relative difference of the epoch losses:\n${measured.join('\n')}`));

describe('the exported PyTorch script trains like the app', () => {
  it("a CSV project: the script reads the project's own file (semicolons, decimal commas, labels 1.0 and 2)", async () => {
    const csv = spreadsheetCsv();
    const project = makeProject(
      chainGraph([
        ['x', 'input'],
        ['h', 'dense', { units: 6 }],
        ['t', 'tanh'],
        ['out', 'dense', { units: 2 }],
        ['p', 'softmax'],
        ['loss', 'crossEntropy', { target: 'labels' }],
      ]),
      { csv: 'shapes.csv', sha256: createHash('sha256').update(csv.text).digest('hex'), features: ['width', 'height'], target: 'class', task: 'classification', normalize: 'minmax', split: { validation: 0.25, test: 0 } },
      { optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 1000, epochs: 3, seed: 3 },
    );
    const projectFile = path.join(csv.dir, 'shapes.bprop');
    const { source, data } = await compileProject(project, 0, projectFile);
    expect(data.dataset.classNames).toEqual(['1', '2']);
    const script = writeExport(source, data.dataset, { csv: { relativePath: csv.file, text: csv.text } });
    const theirs = await runScript(script, []);
    const trainer = createTrainer(project, data);
    while (!trainer.done) trainer.runEpoch();
    expect(theirs.epochs, theirs.stderr).toHaveLength(3);
    let worst = 0;
    trainer.history.forEach((ours, e) => {
      for (const key of ['loss', 'valLoss', 'accuracy'] as const) {
        const err = relative(theirs.epochs[e]![key]!, ours[key]!);
        worst = Math.max(worst, err);
        expect(err, `epoch ${e + 1} ${key}`).toBeLessThan(1e-4);
      }
    });
    measured.push(`  CSV project (semicolons, decimal commas): ${worst.toExponential(2)}`);
    // A changed file is refused before training, by its checksum.
    writeFileSync(csv.file, csv.text.replace('width', 'Width'));
    await expect(runScript(script, [])).rejects.toThrow(/shapes\.csv has changed since the export/);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const project = c.project();
    const { source, data } = await compileProject(project);
    const script = writeExport(source, data.dataset);
    const theirs = await runScript(script, ['--epochs', String(c.epochs)]);
    const trainer = createTrainer({ ...project, training: { ...project.training, epochs: c.epochs } }, data);
    while (!trainer.done) trainer.runEpoch();
    const ours = trainer.history;
    expect(theirs.epochs.length, theirs.stderr).toBe(c.epochs);
    let worst = 0;
    for (let e = 0; e < c.epochs; e++) {
      for (const key of ['loss', 'valLoss'] as const) {
        if (ours[e]![key] === undefined) continue;
        const err = relative(theirs.epochs[e]![key]!, ours[e]![key]!);
        worst = Math.max(worst, err);
        expect(err, `epoch ${e + 1} ${key}: python ${theirs.epochs[e]![key]}, app ${ours[e]![key]}`).toBeLessThan(1e-4);
      }
    }
    measured.push(`  ${c.name}: ${worst.toExponential(2)}`);
  });
});
