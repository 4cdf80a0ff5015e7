/**
 * How each node type becomes ONNX operators. The table is typed `{ [K in NodeType]: ... }`, so
 * a node type added to src/shared/nodes does not compile until it says how it is exported (or
 * why it cannot be). Losses are not operators: the values they read become the graph's outputs.
 */
import type { ResolvedNode } from '../../shared/graph';
import type { NodeParams, NodeType } from '../../shared/nodes';
import { poolStride } from '../../shared/nodes/pool-factory';
import type { Tensor } from '../../engine/tensor';
import { convPads } from '../conv-pads';
import type { OnnxGraphBuilder } from './builder';

export interface OnnxNodeContext<K extends NodeType> {
  node: ResolvedNode;
  params: NodeParams<K>;
  /** Value names of the node's inputs, in port order. */
  inputs: string[];
  /** The value name this node must produce. */
  output: string;
  /** The node's trained parameters by name (kernel, bias). */
  weights: Record<string, Tensor>;
  b: OnnxGraphBuilder;
}

export interface OnnxExporter<K extends NodeType> {
  /** The lowest opset that has every operator this node uses (the model takes the highest of these, at least 13). */
  opset?: number;
  emit(ctx: OnnxNodeContext<K>): void;
}

/** A node type ONNX cannot express; `reason` is shown to the user with the node's name. */
export interface Unsupported {
  unsupported: string;
}

/** A loss: not part of the exported model; its prediction is a graph output. */
export const LOSS = { loss: true } as const;
export type LossSink = typeof LOSS;

/** The input node: the graph input, after the normalisation nodes (export.ts builds them). */
export const GRAPH_INPUT = { graphInput: true } as const;
export type GraphInput = typeof GRAPH_INPUT;

export type OnnxRule<K extends NodeType> = OnnxExporter<K> | Unsupported | LossSink | GraphInput;
export type OnnxExporterTable = { [K in NodeType]: OnnxRule<K> };

export const isUnsupported = (rule: OnnxRule<NodeType>): rule is Unsupported => 'unsupported' in rule;
export const isLoss = (rule: OnnxRule<NodeType>): rule is LossSink => 'loss' in rule;
export const isGraphInput = (rule: OnnxRule<NodeType>): rule is GraphInput => 'graphInput' in rule;

/** One ONNX operator on the single input, with fixed attributes. */
function op<K extends NodeType>(opType: string, attributes?: (p: NodeParams<K>) => Record<string, number | { float: number }>): OnnxExporter<K> {
  return { emit: ({ b, inputs, output, params }) => b.node(opType, [inputs[0]!], [output], attributes ? attributes(params) : {}) };
}

function weight(ctx: OnnxNodeContext<NodeType>, name: string): Tensor {
  const t = ctx.weights[name];
  if (!t) throw new Error(`node '${ctx.node.id}' has no ${name} weights to export`);
  return t;
}

const dense: OnnxExporter<'dense'> = {
  emit(ctx) {
    // Our kernel is [inputs, units]: y = x·W + b is Gemm with B = W as stored (transB = 0).
    const { b, node, inputs, output, params } = ctx;
    const kernel = weight(ctx, 'kernel');
    const w = b.floats(`${node.id}.kernel`, kernel.shape, kernel.data);
    const args = [inputs[0]!, w];
    if (params.useBias) {
      const bias = weight(ctx, 'bias');
      args.push(b.floats(`${node.id}.bias`, bias.shape, bias.data));
    }
    b.node('Gemm', args, [output]);
  },
};

const conv2d: OnnxExporter<'conv2d'> = {
  emit(ctx) {
    const { b, node, inputs, output, params: p } = ctx;
    const pads = convPads(node.inputShapes[0]!, p);
    const kernel = weight(ctx, 'kernel');
    const args = [inputs[0]!, b.floats(`${node.id}.kernel`, kernel.shape, kernel.data)];
    if (p.useBias) {
      const bias = weight(ctx, 'bias');
      args.push(b.floats(`${node.id}.bias`, bias.shape, bias.data));
    }
    b.node('Conv', args, [output], {
      kernel_shape: [p.kernelSize, p.kernelSize],
      strides: [p.stride, p.stride],
      pads: [pads.top, pads.left, pads.bottom, pads.right],
      dilations: [1, 1],
      group: 1,
    });
  },
};

const pool = (opType: 'MaxPool' | 'AveragePool'): OnnxExporter<'maxPool2d' | 'avgPool2d'> => ({
  emit: ({ b, inputs, output, params }) => {
    const s = poolStride(params);
    b.node(opType, [inputs[0]!], [output], { kernel_shape: [params.poolSize, params.poolSize], strides: [s, s] });
  },
});

/** step: 1 where x ≥ 0, else 0; sign: +1 where x ≥ 0, else −1 (ONNX's Sign gives 0 at 0, ours +1). */
const threshold = (low: number): OnnxExporter<'step' | 'sign'> => ({
  emit: ({ b, node, inputs, output }) => {
    const zero = b.floats(`${node.id}.zero`, [], [0]);
    const above = b.name(`${node.id}/at_or_above_zero`);
    b.node('GreaterOrEqual', [inputs[0]!, zero], [above]);
    if (low === 0) {
      b.node('Cast', [above], [output], { to: 1 /* FLOAT */ });
      return;
    }
    b.node('Where', [above, b.floats(`${node.id}.high`, [], [1]), b.floats(`${node.id}.low`, [], [low])], [output]);
  },
});

export const onnxExporters: OnnxExporterTable = {
  input: GRAPH_INPUT,
  dense,
  conv2d,
  maxPool2d: pool('MaxPool'),
  avgPool2d: pool('AveragePool'),
  flatten: op('Flatten', () => ({ axis: 1 })),
  reshape: {
    emit: ({ b, node, inputs, output, params }) =>
      b.node('Reshape', [inputs[0]!, b.int64s(`${node.id}.shape`, [-1, ...params.shape])], [output]),
  },
  identity: op('Identity'),
  sigmoid: op('Sigmoid'),
  tanh: op('Tanh'),
  relu: op('Relu'),
  leakyRelu: op('LeakyRelu', (p) => ({ alpha: { float: p.alpha } })),
  elu: op('Elu', (p) => ({ alpha: { float: p.alpha } })),
  softplus: op('Softplus'),
  softmax: op('Softmax', () => ({ axis: -1 })),
  logSoftmax: op('LogSoftmax', () => ({ axis: -1 })),
  step: threshold(0),
  sign: threshold(-1),
  // Dropout is the identity at inference; keeping the operator (with its ratio) lets an import restore the node.
  dropout: {
    emit: ({ b, node, inputs, output, params }) => b.node('Dropout', [inputs[0]!, b.floats(`${node.id}.ratio`, [], [params.rate])], [output]),
  },
  gaussianNoise: op('Identity'),
  // Inference form: the running statistics, as PyTorch's eval() exports it.
  batchNorm: {
    emit(ctx) {
      const { b, node, inputs, output, params } = ctx;
      const args = ['gamma', 'beta', 'runningMean', 'runningVar'].map((name) => {
        const t = weight(ctx, name);
        return b.floats(`${node.id}.${name}`, t.shape, t.data);
      });
      b.node('BatchNormalization', [inputs[0]!, ...args], [output], { epsilon: { float: params.epsilon } });
    },
  },
  // LayerNormalization is an opset 17 operator: over every value of a sample (axis 1 onwards).
  layerNorm: {
    opset: 17,
    emit(ctx) {
      const { b, node, inputs, output, params } = ctx;
      const shape = node.inputShapes[0]!;
      const size = shape.reduce((a, d) => a * d, 1);
      const gamma = params.elementwiseAffine ? weight(ctx, 'gamma') : { shape: [...shape], data: new Float32Array(size).fill(1) };
      const args = [inputs[0]!, b.floats(`${node.id}.gamma`, gamma.shape, gamma.data)];
      if (params.elementwiseAffine) {
        const beta = weight(ctx, 'beta');
        args.push(b.floats(`${node.id}.beta`, beta.shape, beta.data));
      }
      b.node('LayerNormalization', args, [output], { axis: 1, epsilon: { float: params.epsilon } });
    },
  },
  add: { emit: ({ b, inputs, output }) => b.node(inputs.length === 2 ? 'Add' : 'Sum', inputs, [output]) },
  // Our axis counts within one sample; ONNX's counts the batch too.
  concat: { emit: ({ b, inputs, output, params }) => b.node('Concat', inputs, [output], { axis: params.axis + 1 }) },
  mse: LOSS,
  mae: LOSS,
  binaryCrossEntropy: LOSS,
  crossEntropy: LOSS,
  nll: LOSS,
  hinge: LOSS,
};
