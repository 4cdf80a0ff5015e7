/**
 * Runs are kept compactly (issue 10, item 2): one XOR run (500 epochs) adds only a few KB to the
 * project file; the curve is thinned evenly with the first, last and best epochs kept.
 */
import { describe, expect, it } from 'vitest';
import { createTrainer, prepareProjectData } from '../../src/engine/session';
import { serializeProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';
import { makeRun, recordRun, MAX_RUN_EPOCHS } from '../../src/renderer/src/training/runs';

const noFiles = { readText: async () => '', readBytes: async () => new Uint8Array() };

describe('a recorded run in the file', () => {
  it('one XOR run of 500 epochs adds under 6 KB', async () => {
    const project = findTemplate('xor-mlp')!.build();
    const data = await prepareProjectData(project, noFiles);
    const trainer = createTrainer(project, data);
    while (!trainer.done) trainer.runEpoch();
    expect(trainer.history).toHaveLength(500);
    const run = makeRun({ id: 'run-1', startedAt: new Date(0), project, epochs: trainer.history, status: 'finished', architecture: '2 → 4 tanh → 1 sigmoid · Binary cross-entropy' });
    const before = serializeProject(project).length;
    const after = serializeProject(recordRun(project, run)).length;
    console.log(`XOR: project ${before} B; with one run ${after} B (the run adds ${after - before} B, ${run.epochs.length} epoch records)`);
    expect(after - before).toBeLessThan(6 * 1024);
    expect(run.epochs.length).toBeLessThanOrEqual(MAX_RUN_EPOCHS);
    expect(run.epochs[0].epoch).toBe(1);
    expect(run.epochs.at(-1)!.epoch).toBe(500);
    const best = trainer.history.reduce((a, b) => (b.loss < a.loss ? b : a));
    expect(run.epochs.some((e) => e.epoch === best.epoch)).toBe(true);
  });
});
