/**
 * Deck 000's 2-2-1 sigmoid network with the L2 loss (the step-through's own template,
 * l000-221-network-l2-backprop.ts) in the Lectures group: its explanation and the worked
 * example's numbers (checks 32–35).
 */
import { L000_221_SAMPLE, l000221NetworkTemplate } from './l000-221-network-l2-backprop';
import { check, DECK_000, lectureTemplate, output, weight } from './shared';

const x = [...L000_221_SAMPLE.x];

export const backprop221 = lectureTemplate({
  ...l000221NetworkTemplate,
  lecture: {
    example: 'L000-221-network-l2-backprop',
    deck: DECK_000,
    explanation: [
      'Two inputs, two sigmoid hidden neurons (3 and 4) and one sigmoid output neuron (5), with the loss ½(y − ŷ)² on one sample x = (1, 2), y = 1. The weights are set by hand to the worked example\'s values: the slide itself has only symbols.',
      'Backpropagation gives every neuron a "modified error" Δ: at the output Δ₅ = −(y − ŷ)·g′(in₅); a hidden neuron passes back the errors of the neurons it feeds, weighted by the links, times its own slope: Δ₃ = g′(in₃)·w₃₅·Δ₅. Each weight\'s gradient is then the activation entering it times the Δ of the neuron it enters.',
      'One step w ← w − α·a·Δ with α = 0.5 lowers the loss from 0.126138 to 0.110457.',
      'The deck\'s BACKPROP-ITER pseudocode defines Δ with the opposite sign, (y − a)·g′, but keeps w ← w − α·a·Δ: taken literally it climbs the loss (to 0.142809 here). The app uses the sign-consistent pair.',
    ],
    tryThis: 'Press "Step through" beside Train to follow the forward pass, Δ₅, Δ₃, Δ₄, the gradients and the update stage by stage (docs/step-through.md), or Step once and compare the numbers below.',
    checkNumbers: [32, 35],
    checks: [
      check('a₃', 0.524979, output('g_hidden', x, 0)),
      check('a₄', 0.71095, output('g_hidden', x, 1)),
      check('in₅', -0.009084, output('output', x, 0)),
      check('ŷ', 0.497729, output('g_output', x, 0)),
      check('loss ½(y − ŷ)²', 0.126138, { kind: 'loss' }),
      check('w₃₅', 0.73296, weight('output', 'kernel', 0), { afterSteps: 1 }),
      check('w₄₅', -0.555365, weight('output', 'kernel', 1), { afterSteps: 1 }),
      check('w₀₅', 0.112783, weight('output', 'bias', 0), { afterSteps: 1 }),
      check('w₂₃', -0.178081, weight('hidden', 'kernel', 2), { afterSteps: 1 }),
      check('loss after one step (α = 0.5)', 0.110457, { kind: 'loss' }, { afterSteps: 1 }),
    ],
  },
});
