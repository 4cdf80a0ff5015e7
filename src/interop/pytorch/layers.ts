/**
 * How each node type is written in PyTorch. Typed `{ [K in NodeType]: ... }` like the ONNX
 * table: a new node type does not compile until it says how it appears in the exported script.
 * A layer gives the module it owns (if any), the expression of its value, and how our weights
 * map onto the module's parameters; a loss gives its loss expression and how it reads targets.
 */
import type { ResolvedNode } from '../../shared/graph';
import type { NodeParams, NodeType } from '../../shared/nodes';
import { poolStride } from '../../shared/nodes/pool-factory';
import { convPads } from '../conv-pads';

export interface TorchContext<K extends NodeType> {
  node: ResolvedNode;
  params: NodeParams<K>;
  /** Python variables holding the node's inputs, in port order. */
  inputs: string[];
  /** `self.<name>` for a node that owns a module. */
  module: string;
}

/** One of our parameters as a PyTorch parameter: its state_dict suffix and whether it is transposed. */
export interface TorchParam {
  ours: 'kernel' | 'bias' | 'gamma' | 'beta' | 'runningMean' | 'runningVar';
  theirs: 'weight' | 'bias' | 'running_mean' | 'running_var';
  transpose?: boolean;
}

export interface TorchLayer<K extends NodeType> {
  /** The module built in __init__, e.g. `nn.Linear(4, 8)`; absent for stateless nodes. */
  module?(ctx: TorchContext<K>): string;
  params?: readonly TorchParam[];
  /** The node's value in forward(), from its inputs. */
  forward(ctx: TorchContext<K>): string;
  /** Helper definitions the expression uses (emitted once, before the network). */
  helpers?: readonly TorchHelper[];
}

/** How a loss reads class labels (regression and autoencoder targets are used as they are). */
export type TorchTargets = 'index' | 'binary' | 'signed';

export interface TorchLoss<K extends NodeType> {
  loss: true;
  /** The loss of prediction `pred` against `target`; `logits` is the prediction's input (fused losses). */
  expression(args: { pred: string; logits: string; target: string; params: NodeParams<K> }): string;
  /** Fused losses read the value before the softmax/sigmoid. */
  readsLogits?: boolean;
  classTargets(node: ResolvedNode, byId: Map<string, ResolvedNode>, params: NodeParams<K>): TorchTargets;
}

export type TorchRule<K extends NodeType> = TorchLayer<K> | TorchLoss<K>;
export type TorchTable = { [K in NodeType]: TorchRule<K> };

export const isTorchLoss = (rule: TorchRule<NodeType>): rule is TorchLoss<NodeType> => 'loss' in rule;

export type TorchHelper = 'straightThrough';

/** Python source of each helper. */
export const HELPER_SOURCE: Record<TorchHelper, string> = {
  straightThrough: `class StraightThrough(torch.autograd.Function):
    """Step and sign: 1 where x >= 0, else \`low\` (0 or -1). The gradient passes straight
    through, as in the app (the straight-through estimator), instead of being 0 almost everywhere."""

    @staticmethod
    def forward(ctx, x, low):
        return torch.where(x >= 0, torch.ones_like(x), torch.full_like(x, low))

    @staticmethod
    def backward(ctx, grad):
        return grad, None`,
};

const py = (v: number): string => (Number.isInteger(v) ? `${v}.0` : String(v));
const fn = <K extends NodeType>(call: (x: string, p: NodeParams<K>) => string): TorchLayer<K> => ({
  forward: ({ inputs, params }) => call(inputs[0]!, params),
});

const WEIGHT_AND_BIAS: readonly TorchParam[] = [
  { ours: 'kernel', theirs: 'weight' },
  { ours: 'bias', theirs: 'bias' },
];

const pool = (name: 'max_pool2d' | 'avg_pool2d'): TorchLayer<'maxPool2d' | 'avgPool2d'> =>
  fn((x, p) => `F.${name}(${x}, kernel_size=${p.poolSize}, stride=${poolStride(p)})`);

const threshold = (low: number): TorchLayer<'step' | 'sign'> => ({
  forward: ({ inputs }) => `StraightThrough.apply(${inputs[0]}, ${py(low)})`,
  helpers: ['straightThrough'],
});

/** MSE/MAE read class labels as 0/1, or as ±1 after a Sign unit (as the engine does). */
const afterSign = (node: ResolvedNode, byId: Map<string, ResolvedNode>): TorchTargets =>
  byId.get(node.inputs[0]!)?.type === 'sign' ? 'signed' : 'binary';

/** MSE with its reduction and scale: torch's reduction='sum' for 'sum', a factor for scale ≠ 1. */
function mseExpression(pred: string, target: string, p: NodeParams<'mse'>): string {
  const loss = `F.mse_loss(${pred}, ${target}${p.reduction === 'sum' ? ", reduction='sum'" : ''})`;
  return p.scale === 1 ? loss : `${py(p.scale)} * ${loss}`;
}

export const torchLayers: TorchTable = {
  input: { forward: ({ inputs }) => inputs[0]! },
  dense: {
    module: ({ node, params }) => `nn.Linear(${node.inputShapes[0]![0]}, ${params.units}${params.useBias ? '' : ', bias=False'})`,
    // Our kernel is [inputs, units]; nn.Linear's weight is [units, inputs].
    params: [{ ours: 'kernel', theirs: 'weight', transpose: true }, { ours: 'bias', theirs: 'bias' }],
    forward: ({ module, inputs }) => `${module}(${inputs[0]})`,
  },
  conv2d: {
    module: ({ node, params: p }) => {
      const pads = convPads(node.inputShapes[0]!, p);
      // Symmetric padding goes into the layer; uneven 'same' padding is an explicit F.pad in forward.
      const symmetric = pads.top === pads.bottom && pads.left === pads.right && pads.top === pads.left;
      const padding = symmetric && pads.top > 0 ? `, padding=${pads.top}` : '';
      return `nn.Conv2d(${node.inputShapes[0]![0]}, ${p.filters}, kernel_size=${p.kernelSize}, stride=${p.stride}${padding}${p.useBias ? '' : ', bias=False'})`;
    },
    params: WEIGHT_AND_BIAS,
    forward: ({ node, module, inputs, params: p }) => {
      const pads = convPads(node.inputShapes[0]!, p);
      const symmetric = pads.top === pads.bottom && pads.left === pads.right && pads.top === pads.left;
      if (symmetric) return `${module}(${inputs[0]})`;
      return `${module}(F.pad(${inputs[0]}, (${pads.left}, ${pads.right}, ${pads.top}, ${pads.bottom})))`;
    },
  },
  maxPool2d: pool('max_pool2d'),
  avgPool2d: pool('avg_pool2d'),
  flatten: fn((x) => `torch.flatten(${x}, 1)`),
  reshape: fn((x, p) => `${x}.reshape(-1, ${p.shape.join(', ')})`),
  identity: fn((x) => x),
  sigmoid: fn((x) => `torch.sigmoid(${x})`),
  tanh: fn((x) => `torch.tanh(${x})`),
  relu: fn((x) => `torch.relu(${x})`),
  leakyRelu: fn((x, p) => `F.leaky_relu(${x}, ${py(p.alpha)})`),
  elu: fn((x, p) => `F.elu(${x}, ${py(p.alpha)})`),
  softplus: fn((x) => `F.softplus(${x})`),
  softmax: fn((x) => `torch.softmax(${x}, dim=1)`),
  logSoftmax: fn((x) => `torch.log_softmax(${x}, dim=1)`),
  step: threshold(0),
  sign: threshold(-1),
  dropout: fn((x, p) => `F.dropout(${x}, ${py(p.rate)}, self.training)`),
  batchNorm: {
    module: ({ node, params }) =>
      `nn.BatchNorm${node.inputShapes[0]!.length === 3 ? '2d' : '1d'}(${node.inputShapes[0]![0]}, eps=${params.epsilon}, momentum=${params.momentum})`,
    params: [
      { ours: 'gamma', theirs: 'weight' },
      { ours: 'beta', theirs: 'bias' },
      { ours: 'runningMean', theirs: 'running_mean' },
      { ours: 'runningVar', theirs: 'running_var' },
    ],
    forward: ({ module, inputs }) => `${module}(${inputs[0]})`,
  },
  layerNorm: {
    module: ({ node, params }) => `nn.LayerNorm((${node.inputShapes[0]!.join(', ')},), eps=${params.epsilon}${params.elementwiseAffine ? '' : ', elementwise_affine=False'})`,
    params: [
      { ours: 'gamma', theirs: 'weight' },
      { ours: 'beta', theirs: 'bias' },
    ],
    forward: ({ module, inputs }) => `${module}(${inputs[0]})`,
  },
  gaussianNoise: fn((x, p) => `${x} + ${py(p.stddev)} * torch.randn_like(${x}) if self.training else ${x}`),
  add: { forward: ({ inputs }) => inputs.join(' + ') },
  // Our axis counts within one sample; PyTorch's counts the batch too.
  concat: { forward: ({ inputs, params }) => `torch.cat([${inputs.join(', ')}], dim=${params.axis + 1})` },
  mse: { loss: true, expression: ({ pred, target, params }) => mseExpression(pred, target, params), classTargets: afterSign },
  mae: { loss: true, expression: ({ pred, target }) => `F.l1_loss(${pred}, ${target})`, classTargets: afterSign },
  // The perceptron criterion: mean of max(0, −t·a); clamp (not relu) keeps the gradient at a = 0, as the app does.
  hinge: { loss: true, expression: ({ pred, target }) => `torch.clamp(-${target} * ${pred}, min=0).mean()`, classTargets: () => 'signed' },
  crossEntropy: { loss: true, readsLogits: true, expression: ({ logits, target }) => `F.cross_entropy(${logits}, ${target})`, classTargets: () => 'index' },
  binaryCrossEntropy: {
    loss: true,
    readsLogits: true,
    expression: ({ logits, target }) => `F.binary_cross_entropy_with_logits(${logits}, ${target})`,
    classTargets: () => 'binary',
  },
  nll: { loss: true, expression: ({ pred, target }) => `F.nll_loss(${pred}, ${target})`, classTargets: () => 'index' },
};
