/**
 * torchrun with 2 processes (gloo on the CPU) and DistributedSampler trains exactly like one
 * process with the same global batch: the same rows in every global batch, gradients averaged.
 */
import { describe, expect, it } from 'vitest';
import { findTemplate } from '../../src/shared/templates';
import { compileProject } from '../interop/helpers';
import { relative, runScript, writeExport } from './python';

describe('the exported script under torchrun', () => {
  it('2 processes (DDP, gloo) give the loss of 1 process with the same global batch', async () => {
    const base = findTemplate('iris')!.build();
    // 90 training rows in global batches of 16 (8 per process), shuffled by the sampler's seed.
    const project = { ...base, training: { ...base.training, optimizer: { type: 'sgd' as const, learningRate: 0.1, momentum: 0.9 }, batchSize: 16, sampling: 'shuffle' as const } };
    const { source, data } = await compileProject(project);
    expect(data.train.n % 2).toBe(0);
    const script = writeExport(source, data.dataset);
    const single = await runScript(script, ['--epochs', '2']);
    const ddp = await runScript(script, ['--epochs', '2'], 2);
    expect(ddp.epochs, ddp.stderr).toHaveLength(2);
    expect(single.epochs, single.stderr).toHaveLength(2);
    // Epoch 2's training loss is measured after one epoch of DDP updates; the validation loss after epoch 1 too.
    for (const [epoch, key] of [[0, 'loss'], [0, 'valLoss'], [1, 'loss'], [1, 'valLoss']] as const) {
      const err = relative(ddp.epochs[epoch]![key]!, single.epochs[epoch]![key]!);
      console.log(`DDP vs one process, epoch ${epoch + 1} ${key}: ${ddp.epochs[epoch]![key]} vs ${single.epochs[epoch]![key]} (relative ${err.toExponential(2)})`);
      expect(err).toBeLessThan(1e-5);
    }
  });
});
