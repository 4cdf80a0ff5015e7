/**
 * The image, autoencoder and regularisation templates train as promised: each is trained from
 * its own settings for a few epochs (fewer than the template's own, to keep this fast) and must
 * pass a stated bound. Full runs (`bprop train`) are reported in docs/cnn.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeProject } from '../../src/shared/project';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import { projectDataSource } from '../../src/cli/project-file';
import { findTemplate } from '../../src/shared/templates';
import { TURN_BIAS, TURN_KERNEL } from '../../src/shared/templates/cnn';
import { repoRoot } from '../helpers/projects';

async function train(id: string, epochs?: number) {
  const project = findTemplate(id)!.build();
  const data = await prepareProjectData(project, projectDataSource(`${repoRoot}/examples/x.bprop`));
  const trainer = createTrainer(project, data, { epochs });
  const before = trainer.evaluate(data.train);
  while (!trainer.done) trainer.trainStep();
  const held = data.test.n > 0 ? data.test : data.validation;
  return { trainer, data, before, after: trainer.evaluate(held), project };
}

describe('templates learn', () => {
  it('turn-detector: the hand-set kernel classifies all 24 images before any training and stays right after', async () => {
    const { trainer, data, before, project } = await train('turn-detector', 20);
    expect(before.accuracy).toBe(1);
    expect(trainer.evaluate(data.train).accuracy).toBe(1);
    expect(trainer.evaluate(data.train).loss).toBeLessThan(before.loss);
    expect(project.weights!.detector!.kernel!.shape).toEqual([1, 1, 3, 3]);
    // Training starts from the stored weights: after 0 steps the kernel is the hand-set one.
    const fresh = createTrainer(project, data);
    expect(Array.from(fresh.model.node('detector').params[0]!.data)).toEqual(TURN_KERNEL);
    expect(Array.from(fresh.model.node('detector').params[1]!.data)).toEqual([TURN_BIAS]);
  });

  it('cnn-digits: ≥ 0.95 test accuracy after 6 of its 12 epochs', async () => {
    const { after } = await train('cnn-digits', 6);
    expect(after.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('lenet-mnist, saved and trained with `bprop train --epochs 1`: ≥ 0.85 test accuracy on the 1000 MNIST test images', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bprop-lenet-')), 'lenet.bprop');
    writeFileSync(file, serializeProject(findTemplate('lenet-mnist')!.build()));
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), 'train', file, '--epochs', '1', '--json'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const done = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { done: boolean; test: { accuracy: number } };
    expect(done.done).toBe(true);
    expect(done.test.accuracy).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  it('mlp-dropout-l2: ≥ 0.95 test accuracy after 15 epochs', async () => {
    const { after } = await train('mlp-dropout-l2', 15);
    expect(after.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('autoencoder-digits: test MSE < 0.05 through the 2-unit code after 30 epochs (untrained: > 0.1)', async () => {
    const { before, after, trainer } = await train('autoencoder-digits', 30);
    expect(trainer.model.node('code').shape).toEqual([2]);
    expect(before.loss).toBeGreaterThan(0.1);
    expect(after.loss).toBeLessThan(0.05);
  });

  it('sparse-autoencoder: test MSE < 0.04 with mean hidden activation < 0.1 after 20 epochs', async () => {
    const { after, trainer, data } = await train('sparse-autoencoder', 20);
    expect(after.loss).toBeLessThan(0.04);
    const rows = 200;
    trainer.model.forward(data.test.x.subarray(0, rows * 64), rows, null, false);
    const hidden = trainer.model.node('hidden').output.subarray(0, rows * 32);
    expect(hidden.reduce((a, b) => a + b, 0) / hidden.length).toBeLessThan(0.1);
  });

  it('denoising-autoencoder: test MSE < 0.025 on clean MNIST after 2 epochs, less than half the mean image\'s', async () => {
    const { after, data } = await train('denoising-autoencoder', 2);
    const { train: tr, test } = data;
    const mean = new Float64Array(784);
    for (let i = 0; i < tr.n * 784; i++) mean[i % 784] += tr.x[i]! / tr.n;
    let meanError = 0;
    for (let i = 0; i < test.n * 784; i++) meanError += (test.x[i]! - mean[i % 784]!) ** 2 / (test.n * 784);
    expect(meanError).toBeGreaterThan(0.05);
    expect(after.loss).toBeLessThan(0.025);
    expect(after.loss).toBeLessThan(meanError / 2);
  }, 60_000);
});
