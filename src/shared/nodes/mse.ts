import { defineLoss } from './loss-factory';

export const mse = defineLoss({
  type: 'mse',
  label: 'MSE',
  description:
    'Squared error between prediction and target. By default the mean over samples and outputs (as PyTorch); ' +
    'the lectures\' ½(y − ŷ)² is reduction "sum" with scale 0.5. ' +
    'The standard loss for regression; large mistakes cost much more than small ones. ' +
    'For classes, the targets are 0/1 (one output) or one-hot (one output per class).',
  formula: 'L = scale · mean((ŷ − y)²)  or  scale · Σ(ŷ − y)²   over samples and outputs',
  loss: { classTargets: 'binary' },
  params: {
    reduction: {
      kind: 'enum',
      label: 'Reduction',
      help: 'mean: average the squared errors over samples and outputs (PyTorch\'s default). sum: add them up, as the slides\' ½(y − ŷ)².',
      default: 'mean',
      options: ['mean', 'sum'],
    },
    scale: {
      kind: 'float',
      label: 'Scale',
      help: 'A factor in front of the loss: 0.5 gives the slides\' ½(y − ŷ)², whose derivative is just −(y − ŷ).',
      default: 1,
      min: 0,
      minExclusive: true,
      max: 1000,
    },
  },
  summary: (p) => {
    const parts = [p.reduction === 'sum' ? 'sum' : '', p.scale !== 1 ? `× ${p.scale}` : ''].filter(Boolean);
    return parts.length ? parts.join(' ') : undefined;
  },
});
