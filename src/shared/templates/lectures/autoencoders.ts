/**
 * Deck 001's autoencoders on the 8×8 digits: undercomplete, sparse (L1 and KL activity
 * penalties) and denoising. The slides give formulas only; the penalty values of the worked
 * examples are asserted against the engine's penalty code in test/engine/lectures.
 */
import { chainGraph, makeProject } from '../build';
import type { DataConfig, Project } from '../../project-types';
import { DECK_001, lectureTemplate } from './shared';

const digits: DataConfig = { dataset: 'digits', normalize: 'minmax', split: { validation: 0.1, test: 0 } };

function autoencoder(name: string, hidden: [string, string, Record<string, unknown>?][], units: number, epochs: number): () => Project {
  return () =>
    makeProject(
      name,
      chainGraph([['x', 'input'], ['enc', 'dense', { units }], ...hidden, ['out', 'dense', { units: 64 }], ['loss', 'mse', { target: 'input' }]]),
      digits,
      { optimizer: { type: 'adam', learningRate: 0.01 }, batchSize: 32, epochs, seed: 1 },
    );
}

const principle =
  'An autoencoder is trained to give back its own input: the target is x itself. What it learns on the way, the hidden code, is a compressed description of the data. It only works because the 64 pixels of a digit are strongly correlated.';

export const undercompleteAe = lectureTemplate({
  id: 'l001-undercomplete-ae',
  label: 'Undercomplete Autoencoder: 64 pixels through 8 units',
  description: 'A bottleneck of 8 sigmoid units forces a compressed code of each 8×8 digit; the Images tab shows the reconstructions.',
  lecture: {
    example: 'L001-undercomplete-ae',
    deck: DECK_001,
    explanation: [
      principle,
      'Undercomplete means the hidden layer is narrower than the input: the bottleneck limits how much information gets through, so no extra penalty is needed. With too many units it could simply copy the input.',
    ],
    tryThis: 'Train, then open the Images tab to compare digits with their reconstructions.',
    checks: [],
  },
  build: autoencoder('Undercomplete autoencoder (digits)', [['code', 'sigmoid']], 8, 40),
});

export const sparseL1Ae = lectureTemplate({
  id: 'l001-sparse-ae-l1',
  label: 'Sparse Autoencoder: L1 penalty on the activations',
  description: 'A wide hidden layer (32 units) whose activations pay λ·Σ|o|: only a few units fire for each digit.',
  lecture: {
    example: 'L001-sparse-ae-l1',
    deck: DECK_001,
    explanation: [
      principle,
      'A sparse autoencoder keeps a large hidden layer but adds λ·Σⱼ|oⱼ| to the loss: the penalty is on the activations (how much each unit fires), not on the weights. Most units then stay near 0 for a given digit.',
      'The slide writes "(f(x), x) + λΣ|o|"; the reconstruction loss L in front is missing.',
    ],
    tryThis: 'Train, then open Inside a node on "code" to see how few units are active.',
    checks: [],
  },
  build: autoencoder('Sparse autoencoder, L1 (digits)', [['code', 'sigmoid', { activityRegularizer: 'l1', activityL1: 0.001 }]], 32, 40),
});

export const sparseKlAe = lectureTemplate({
  id: 'l001-sparse-ae-kl',
  label: 'Sparse Autoencoder: KL penalty towards ρ = 0.05',
  description: 'Each hidden unit\'s mean activation ρ̂ is pulled towards 5 % by the Bernoulli KL divergence KL(ρ‖ρ̂).',
  lecture: {
    example: 'L001-sparse-ae-kl',
    deck: DECK_001,
    explanation: [
      principle,
      'Here sparsity is asked for on average: ρ̂ⱼ, unit j\'s mean activation over a batch, should be close to a small target ρ. The penalty is the KL divergence between two coins, ρ·log(ρ/ρ̂) + (1 − ρ)·log((1 − ρ)/(1 − ρ̂)), which is 0 only when ρ̂ = ρ.',
    ],
    tryThis: 'Train, then open Inside a node on "code": the mean activation of each unit heads towards 0.05.',
    checks: [],
  },
  build: autoencoder('Sparse autoencoder, KL (digits)', [['code', 'sigmoid', { activityRegularizer: 'kl', rho: 0.05, sparsityWeight: 0.5 }]], 32, 40),
});

export const denoisingAe = lectureTemplate({
  id: 'l001-denoising-contractive-ae',
  label: 'Denoising Autoencoder: rebuild clean digits from noisy ones',
  description: 'Gaussian noise is added to each digit on the way in, and the network learns to give back the clean digit.',
  lecture: {
    example: 'L001-denoising-contractive-ae',
    deck: DECK_001,
    explanation: [
      principle,
      'A denoising autoencoder sees a corrupted copy x̃ and is trained to return the clean x, so its code has to ignore small perturbations. The noise is applied only during training.',
      'The slide\'s text gives the related contractive form, which penalises ‖∇ₓo‖² (how much each hidden unit moves when the input moves); the denoising objective itself appears only in its picture.',
    ],
    tryThis: 'Train, then open the Images tab: the reconstructions are cleaner than the noisy inputs the network trained on.',
    checks: [],
  },
  build: autoencoder('Denoising autoencoder (digits)', [['code', 'sigmoid']], 16, 40),
});

// The noise sits right after the input, so the network trains on x̃ while the loss compares with x.
const buildDenoising = denoisingAe.build;
denoisingAe.build = () => {
  const project = buildDenoising();
  const nodes = project.graph.nodes;
  const noise = { id: 'noise', type: 'gaussianNoise', position: { x: nodes[0]!.position.x, y: nodes[0]!.position.y + 140 }, params: { stddev: 0.2 } };
  project.graph.nodes = [nodes[0]!, noise, ...nodes.slice(1)];
  project.graph.edges = project.graph.edges.map((e) => (e.source === 'x' ? { ...e, source: 'noise' } : e));
  project.graph.edges.unshift({ id: 'e0', source: 'x', sourceHandle: 'out', target: 'noise', targetHandle: 'in' });
  return project;
};
