import { describe, expect, it } from 'vitest';
import { buildWorkload, WORKLOAD_IDS } from '../../src/cli/bench/workloads';
import { Trainer } from '../../src/engine/train';

// W5 and W6 must be the networks bench/peers/torch_w5w6.py builds: the same parameter count as
// the torch.nn models (784-256-256-256-10; conv 16 + conv 32 with `same` padding + dense 10).
describe('bench workloads W5 and W6', () => {
  it.each([
    ['W5', 784 * 256 + 256 + 2 * (256 * 256 + 256) + 256 * 10 + 10],
    ['W6', 16 * 9 + 16 + 32 * 16 * 9 + 32 + 32 * 7 * 7 * 10 + 10],
  ])('%s has the parameter count of the PyTorch peer and trains from the chance-level loss', (id, count) => {
    expect(WORKLOAD_IDS).toContain(id);
    const w = buildWorkload(id);
    const trainer = new Trainer(w.graph, w.data, w.training);
    expect(trainer.model.params.reduce((sum, p) => sum + p.data.length, 0)).toBe(count);
    let loss = NaN;
    for (let i = 0; i < 3; i++) loss = trainer.trainStep();
    // Random labels over 10 classes: the loss starts near ln 10 (2.30), as in the peer.
    expect(Math.abs(loss - Math.log(10))).toBeLessThan(0.5);
  });
});
