/** The lectures' results, reproduced by the engine on the example projects. */
import { describe, expect, it } from 'vitest';
import { chainGraph, loadExample, makeProject, trainProject } from '../helpers/projects';

describe('learning', () => {
  it('solves XOR with a hidden layer', async () => {
    const { trainer } = await trainProject(loadExample('xor-mlp'));
    const last = trainer.history.at(-1)!;
    expect(last.accuracy).toBe(1);
    expect(last.loss).toBeLessThan(0.05);
  });

  it('classifies Iris with test accuracy ≥ 0.93', async () => {
    const { trainer, data } = await trainProject(loadExample('iris'));
    expect(data.test.n).toBe(30);
    expect(trainer.evaluate(data.test).accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('learns the playground circle with test accuracy ≥ 0.95', async () => {
    const { trainer, data } = await trainProject(loadExample('circle'));
    expect(trainer.evaluate(data.test).accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('classifies 8×8 digits with test accuracy ≥ 0.93', async () => {
    const { trainer, data } = await trainProject(loadExample('digits'));
    expect(trainer.evaluate(data.test).accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('linear regression recovers y = 5 + 2·x1 − 3·x2 within 0.05', async () => {
    const { trainer } = await trainProject(loadExample('linear-regression'));
    const kernel = trainer.model.params.find((p) => p.name === 'kernel')!.data;
    const bias = trainer.model.params.find((p) => p.name === 'bias')!.data;
    expect(Math.abs(kernel[0] - 2)).toBeLessThan(0.05);
    expect(Math.abs(kernel[1] + 3)).toBeLessThan(0.05);
    expect(Math.abs(bias[0] - 5)).toBeLessThan(0.05);
    expect(trainer.history.at(-1)!.valR2).toBeGreaterThan(0.99);
  });

  describe('a single-layer perceptron (step activation, perceptron rule)', () => {
    const perceptron = (dataset: string) =>
      makeProject(
        chainGraph([['x', 'input'], ['w', 'dense', { units: 1, init: 'zeros' }], ['y', 'step'], ['loss', 'mse']]),
        { dataset, normalize: 'none', split: { validation: 0, test: 0 } },
        { optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, sampling: 'sequential', epochs: 50 },
      );

    it.each(['and', 'or'])('learns %s', async (dataset) => {
      const { trainer } = await trainProject(perceptron(dataset));
      expect(trainer.history.at(-1)!.accuracy).toBe(1);
      expect(trainer.history.at(-1)!.loss).toBe(0);
    });

    it('cannot learn XOR (not linearly separable)', async () => {
      const { trainer } = await trainProject(perceptron('xor'));
      // Every epoch leaves at least one of the four points misclassified.
      for (const m of trainer.history) expect(m.accuracy!).toBeLessThanOrEqual(0.75);
    });

    it('the AND example project learns AND', async () => {
      const { trainer } = await trainProject(loadExample('and-perceptron'));
      expect(trainer.history.at(-1)!.accuracy).toBe(1);
    });
  });
});
