/**
 * The loss surface over two weights: the grid is the training loss with those weights set and the
 * others as they are; the paths are the optimisers' own steps (full batch, mini-batch and
 * stochastic on the lecture's 4-point regression, against the worked example's numbers); the
 * live model is left as it was; bad requests name what is wrong.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../../src/cli/project-file';
import { computeLossSurface } from '../../../src/engine/loss-surface';
import { createTrainer, prepareProjectData } from '../../../src/engine/session';
import type { SurfaceRequestBody } from '../../../src/shared/protocol-surface';
import { findTemplate } from '../../../src/shared/templates';
import { repoRoot } from '../../helpers/projects';

async function open(id: string) {
  const project = findTemplate(id)!.build();
  const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
  return { project, data, trainer: createTrainer(project, data) };
}

const b1b2: SurfaceRequestBody['weights'] = [
  { nodeId: 'line', param: 'kernel', index: 0 },
  { nodeId: 'line', param: 'kernel', index: 1 },
];

describe('loss surface', () => {
  it('traces full-batch, mini-batch and stochastic paths with the worked example\'s steps, over a grid of true losses', async () => {
    const { project, data, trainer } = await open('l002-minibatch-convergence-5-2-3');
    const surface = computeLossSurface(trainer, project.graph, project.training, data, {
      weights: b1b2,
      resolution: 9,
      paths: [
        { label: 'full batch', batchSize: 4, learningRate: 0.05, steps: 50 },
        { label: 'mini-batch', batchSize: 2, learningRate: 0.25, steps: 50 },
        { label: 'stochastic', batchSize: 1, learningRate: 0.05, steps: 50 },
        { label: 'momentum', batchSize: 4, optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 }, steps: 50 },
      ],
    });
    const [full, mini, sgd, momentum] = surface.paths.map((p) => p.points);
    // Momentum starts from rest: its first step is plain SGD's, its second goes further.
    expect([momentum![2], momentum![3]]).toEqual([full![2], full![3]]);
    expect(momentum![4]).toBeGreaterThan(full![4]! + 0.1);
    expect(surface.current).toEqual([0, 0]);
    expect([full![0], full![1]]).toEqual([0, 0]);
    expect(full![2]).toBeCloseTo(0.275, 6); // θ₁ = (0.45, 0.275, 0.15)
    expect(full![3]).toBeCloseTo(0.15, 6);
    expect([mini![2], mini![3]]).toEqual([1.75, 0]); // θ₁ = (3, 1.75, 0)
    expect(sgd![8]).toBeCloseTo(0.853, 6); // θ after 4 steps = (1.438, 0.853, 0.288)
    expect(sgd![9]).toBeCloseTo(0.288, 6);
    // The grid covers every path.
    for (const { points } of surface.paths)
      for (let i = 0; i < points.length; i += 2) {
        expect(points[i]).toBeGreaterThanOrEqual(surface.xRange[0]);
        expect(points[i]).toBeLessThanOrEqual(surface.xRange[1]);
        expect(points[i + 1]).toBeGreaterThanOrEqual(surface.yRange[0]);
        expect(points[i + 1]).toBeLessThanOrEqual(surface.yRange[1]);
      }
    // A cell's value is the mean (y − ŷ)² over the 4 points with b₀ = 0 and (b₁, b₂) at the cell centre.
    const r = 3;
    const c = 6;
    const at = (range: [number, number], k: number) => range[0] + ((k + 0.5) / 9) * (range[1] - range[0]);
    const [w1, w2] = [at(surface.xRange, c), at(surface.yRange, r)];
    const expected = [[0, 0, 5], [1, 0, 7], [0, 1, 2], [1, 1, 4]].reduce((s, [x1, x2, y]) => s + (y! - (w1 * x1! + w2 * x2!)) ** 2, 0) / 4;
    expect(surface.values[r * 9 + c]).toBeCloseTo(expected, 4);
    // The live model is as it was, and has not trained.
    expect([...trainer.model.params.find((p) => p.name === 'kernel')!.data]).toEqual([0, 0]);
    expect(trainer.globalStep).toBe(0);
  });

  it('names a weight that does not exist and a resolution out of range', async () => {
    const { project, data, trainer } = await open('l002-minibatch-convergence-5-2-3');
    const ask = (req: Partial<SurfaceRequestBody>) => () => computeLossSurface(trainer, project.graph, project.training, data, { weights: b1b2, ...req });
    expect(ask({ weights: [{ nodeId: 'line', param: 'kernel', index: 2 }, b1b2[1]] })).toThrow("lossSurface: line.kernel has 2 values; index 2 is out of range");
    expect(ask({ weights: [{ nodeId: 'nope', param: 'kernel', index: 0 }, b1b2[1]] })).toThrow("lossSurface: node 'nope' has no trainable parameter 'kernel'");
    expect(ask({ resolution: 200 })).toThrow('lossSurface: resolution must be a whole number from 4 to 64 (got 200)');
  });
});
