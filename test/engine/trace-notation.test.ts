/**
 * The step-through's formulas (src/renderer/src/training/step-through/notation.ts) on the engine's
 * own trace of the lectures' 2-2-1 step: names in each deck's notation, the numbers substituted,
 * wide layers summarised.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDataSource } from '../../src/cli/project-file';
import { prepareProjectData, weightsFromProject } from '../../src/engine/session';
import { traceTrainingStep } from '../../src/engine/trace';
import { findTemplate } from '../../src/shared/templates';
import { explain, namesFor, num, stageTextFor, stageTitle, stageValues } from '../../src/renderer/src/training/step-through/notation';

import { chainGraph, makeProject, repoRoot } from '../helpers/projects';

async function lectureTrace() {
  const project = findTemplate('l000-221-network-l2-backprop')!.build();
  const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
  return traceTrainingStep({ graph: project.graph, data, training: project.training, weights: weightsFromProject(project.weights), sample: 0 }).trace;
}

describe('step-through notation', () => {
  it("names neurons and weights as each deck does: deck 000 numbers the nodes 1…5", () => {
    const d0 = namesFor('deck000', [2, 2, 1]);
    expect([d0.pre(1, 0), d0.out(1, 1), d0.delta(2, 0), d0.weight(2, 0, 0), d0.bias(1, 1), d0.out(0, 1)]).toEqual(['in₃', 'a₄', 'Δ₅', 'w₃,₅', 'w₀,₄', 'x₂']);
    const d1 = namesFor('deck001', [2, 2, 1]);
    expect([d1.pre(1, 0), d1.out(1, 1), d1.delta(2, 0), d1.weight(2, 1, 0)]).toEqual(['a₁¹', 'o₂¹', 'δ₁²', 'w₂,₁²']);
    const d4 = namesFor('deck004', [2, 2, 1]);
    expect([d4.pre(1, 0), d4.out(0, 1), d4.delta(2, 0), d4.weight(2, 1, 0), d4.w]).toEqual(['p₁⁽¹⁾', 'o₂⁽⁰⁾', 'δ₁⁽²⁾', 'Θ₁,₂⁽¹⁾', 'Θ']);
    expect([num(-0.0219190605), num(0.5), num(3)]).toEqual(['−0.021919', '0.5', '3']);
  });

  it("writes each stage's formula with the engine's numbers (deck 000)", async () => {
    const trace = await lectureTrace();
    expect(stageTitle(trace, 0)).toBe('Stage 1 of 8: Forward pass, layer hidden');
    expect(explain(trace, 0, null, 'deck000')).toEqual(['in₃ = w₀,₃ + w₁,₃·x₁ + w₂,₃·x₂', '    = 0.1 + 0.4·1 + (−0.2)·2 = 0.1', 'a₃ = σ(in₃) = σ(0.1) = 0.524979']);
    expect(explain(trace, 2, null, 'deck000')).toEqual(['L = ½ Σ (y − ŷ)²   (node loss)', 'ŷ = a₅ = 0.497729,  y = 1,  ∂L/∂a₅ = −0.502271', 'L = ½ (1 − 0.497729)² = 0.126138']);
    expect(explain(trace, 3, null, 'deck000')).toEqual(['Δ₅ = ∂L/∂a₅ · g′(in₅)', '    = (−0.502271) × 0.249995 = −0.125565', '∂L/∂w₀,₅ = Δ₅ = −0.125565']);
    expect(explain(trace, 4, { kind: 'neuron', column: 1, unit: 1 }, 'deck000')).toEqual([
      'Δ₄ = g′(in₄) · Σ w₄,ₖ·Δₖ', '    Σ = (−0.6)·(−0.125565) = 0.075339', '    Δ₄ = 0.2055 × 0.075339 = 0.015482', '∂L/∂w₀,₄ = Δ₄ = 0.015482',
    ]);
    expect(explain(trace, 4, { kind: 'weight', column: 1, from: 1, to: 0 }, 'deck000').at(-1)).toBe('∂L/∂w₂,₃ = x₂ · Δ₃ = 2 × (−0.021919) = −0.043838');
    expect(explain(trace, 6, { kind: 'weight', column: 2, from: 0, to: 0 }, 'deck000')).toEqual([
      'SGD: w ← w − α·∂L/∂w,  α = 0.5', 'w₃,₅ ← 0.7 − 0.5 × (−0.065919) = 0.73296', 'w₀,₅: 0.05 → 0.112783',
    ]);
    expect(explain(trace, 7, null, 'deck000')).toEqual(['One SGD step done: the loss on this sample went from 0.126138 to 0.110457.']);
    expect(explain(trace, 6, null, 'deck004')[0]).toBe('SGD: Θ ← Θ − α·∂L/∂Θ,  α = 0.5');
    expect(stageValues(trace, 4, 'deck000')).toEqual(['Δ₃ = −0.021919,  Δ₄ = 0.015482']);
    expect([stageTextFor(trace, 0, 'hidden'), stageTextFor(trace, 0, 'g_hidden'), stageTextFor(trace, 0, 'output'), stageTextFor(trace, 2, 'loss')]).toEqual([
      'in = [0.1, 0.9]', 'a = [0.525, 0.7109]', null, 'L = 0.126138',
    ]);
  });

  it('summarises a layer wider than 8 neurons with "…"', async () => {
    const project = makeProject(chainGraph([['x', 'input'], ['h', 'dense', { units: 12 }], ['t', 'tanh'], ['o', 'dense', { units: 1 }], ['L', 'mse']]), { dataset: 'linear', options: { n: 20, noise: 0.1 } });
    const data = await prepareProjectData(project, projectDataSource(path.join(repoRoot, 'examples', 'x.bprop')));
    const { trace } = traceTrainingStep({ graph: project.graph, data, training: project.training, sample: 0 });
    const [pre] = stageValues(trace, 0, 'deck000');
    expect(pre!.split(',  ')).toHaveLength(9);
    expect(pre).toMatch(/in₁₀ = .*,  … \(12 neurons\)$/);
    const hidden = explain(trace, 3, { kind: 'neuron', column: 2, unit: 0 }, 'deck000');
    expect(hidden[0]).toBe('Δ₁₅ = ∂L/∂a₁₅ · g′(in₁₅)');
    expect(explain(trace, 1, null, 'deck000')[0]).toMatch(/^in₁₅ = w₀,₁₅ \+ (w\d*[₀-₉]+,₁₅·a[₀-₉]+ \+ ){8}…$/);
  });
});
